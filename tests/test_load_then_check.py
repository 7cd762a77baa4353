"""Loading one object and then asking its rule is `access.load_in_scope(..., rule=)` (through the domains'
`get_..._or_404(actor, id, rule=...)`): a view or page helper that loads by id and then checks the rule by
hand (`if not can(...): abort(...)`) is written again here, and fails."""
from __future__ import annotations

import re
from pathlib import Path

WEBAPP = Path(__file__).resolve().parent.parent / "webapp"
LOAD = re.compile(r"= .*(_or_404|load_in_scope)\(")
CHECK = re.compile(r"^\s*if not can\(")


def test_no_view_loads_an_object_then_checks_its_rule_by_hand():
    offenders = []
    for path in sorted(WEBAPP.rglob("*.py")):
        if not (path.name.endswith("views.py") or path.name == "pages.py"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines[:-1], start=1):
            if LOAD.search(line) and CHECK.match(lines[number]):
                offenders.append(f"{path.relative_to(WEBAPP)}:{number + 1}")
    assert offenders == [], "use get_..._or_404(actor, id, rule=...) / load_in_scope(rule=): " + ", ".join(offenders)
