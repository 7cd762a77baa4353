"""The dashboard's home panel: for a kabupaten's members, approvers and admins, last month's figures."""
from webapp.dashboard import queries
from webapp.dashboard.periods import Period, last_complete
from webapp.regions.models import Level


def figures_panel(actor):
    """Completeness, Posyandu aktif and overdue action items of the kabupaten, with a link to the dashboard."""
    if not actor.has(queries.PERMISSION):
        return None
    region = queries.home_region(actor)
    if region is None or region.level != Level.KABUPATEN:
        return None
    period = Period(last_complete(queries.timezone_of(region.code)))
    return {"template": "dashboard/_home_panel.html", "region": region, "period": period,
            "row": queries.region_summary(actor, region, period)}
