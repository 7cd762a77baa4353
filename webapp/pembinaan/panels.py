"""Home panel: where to strengthen Posyandu (strength page, equipment gaps, visits) and open findings to follow up."""
from __future__ import annotations

from webapp.pembinaan import visit_queries
from webapp.pembinaan.rules import visits_here


def guidance_panel(actor):
    """For members (links and findings) and for kader (the findings of their Posyandu)."""
    findings = visit_queries.open_findings(actor)
    members = actor.has("dashboard.view")
    if not findings and not members:
        return None
    return {"template": "pembinaan/_home_panel.html", "findings": findings[:10], "more": max(len(findings) - 10, 0),
            "members": members, "visits": visits_here(actor, None)}
