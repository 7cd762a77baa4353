"""The mitra home panel (a partner's own page and lines) and the "Mitra" navigation entry for partner staff."""
from webapp.mitra import queries


def mitra_panel(actor):
    """Partner staff: a link to their mitra's page; members of a body: a link to the registry."""
    if not actor.has("mitra.read"):
        return None
    own = queries.own_mitra(actor)
    return {"template": "mitra/_home_panel.html", "own": own, "registry": actor.has("mitra.registry")}


def mitra_nav(actor):
    """Only partner staff get a navigation entry; members reach the registry from the home page and plans."""
    if not actor.mitra_ids:
        return None
    return {"label": "Mitra", "endpoint": "mitra.index", "icon": "mitra"}
