"""Home panel for those who run a body: how often its data-born decisions saw their signal clear in 60 days."""
from __future__ import annotations

from sqlalchemy import select

from webapp.evidence.pack import CLEAR_DAYS, cleared_rate
from webapp.extensions import db
from webapp.regions.models import Region


def decisions_panel(actor):
    """Per body the actor runs, the share of signals cleared within CLEAR_DAYS of the decision (if any)."""
    codes = actor.region_codes("meeting.manage")
    if not codes:
        return None
    rows = []
    for region in db.session.scalars(select(Region).where(Region.code.in_(codes)).order_by(Region.code)):
        rate = cleared_rate(region)
        if rate.judged or rate.waiting:
            rows.append((region, rate))
    if not rows:
        return None
    return {"template": "evidence/_home_decisions.html", "rows": rows, "days": CLEAR_DAYS}
