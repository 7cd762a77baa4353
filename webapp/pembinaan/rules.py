"""Who keeps a Posyandu's equipment list: pokja desa and up, within their area."""
from webapp.access import scope_rule

RULES = {"sarpras.manage": scope_rule("sarpras.manage")}
