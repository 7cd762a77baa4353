"""URL parameters of the visit routes for the route sweep: a visit with a finding in the region's subtree."""
import datetime as dt

from sqlalchemy import select

from tests.route_samples import sample, within
from webapp.extensions import db


def _visit(region_code: str):
    from webapp.auth.models import RoleAssignment
    from webapp.pembinaan.models import Finding, Visit
    from webapp.regions.models import Posyandu

    visit = db.session.scalar(select(Visit).where(within(Visit.region_code, region_code)).order_by(Visit.id).limit(1))
    if visit is not None:
        return visit
    posyandu = db.session.scalar(select(Posyandu).where(within(Posyandu.region_code, region_code))
                                 .order_by(Posyandu.region_code, Posyandu.id).limit(1))
    user_id = db.session.scalar(select(RoleAssignment.user_id).order_by(RoleAssignment.user_id).limit(1))
    if posyandu is None or user_id is None:
        return None
    visit = Visit(posyandu_id=posyandu.id, region_code=posyandu.region_code, visited_on=dt.date(2026, 11, 2),
                  visitor_id=user_id)
    visit.findings.append(Finding(posyandu_id=posyandu.id, region_code=posyandu.region_code, what="Temuan sampel",
                                  responsible="Pokja desa"))
    db.session.add(visit)
    db.session.commit()
    return visit


@sample("visit_id")
def _visit_id(region_code: str):
    visit = _visit(region_code)
    return visit.id if visit else None


@sample("finding_id")
def _finding_id(region_code: str):
    visit = _visit(region_code)
    return visit.findings[0].id if visit else None
