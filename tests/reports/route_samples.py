"""URL parameters of the report routes for the route sweep."""
from sqlalchemy import select

from tests.route_samples import sample, within
from webapp.extensions import db


@sample("month", scoped=False)
def _month(region_code: str):
    from tests.reports.helpers import month_text

    return month_text()


@sample("section", scoped=False)
def _section(region_code: str):
    return "gizi"


@sample("fmt", scoped=False)
def _fmt(region_code: str):
    return "csv"


@sample("report_id")
def _report(region_code: str):
    """A submitted report of the first Posyandu in the region's subtree (made when missing)."""
    from tests.reports.helpers import last_month
    from webapp.regions.models import Posyandu
    from webapp.reports.models import MonthlyReport, Status

    posyandu = db.session.scalar(select(Posyandu).where(within(Posyandu.region_code, region_code))
                                 .order_by(Posyandu.region_code, Posyandu.id).limit(1))
    if posyandu is None:
        return None
    year, month = last_month()
    report = db.session.scalar(select(MonthlyReport).where(MonthlyReport.posyandu_id == posyandu.id,
                                                           MonthlyReport.year == year, MonthlyReport.month == month))
    if report is None:
        report = MonthlyReport(posyandu_id=posyandu.id, region_code=posyandu.region_code, year=year, month=month,
                               status=Status.SUBMITTED, balita_s=10, balita_d=8)
        db.session.add(report)
        db.session.commit()
    return report.id
