"""URL parameters of the visit routes for the route sweep: a visit with a finding in the region's subtree,
recorded on first use through the tests' visit factory by the first account that may record it."""
from sqlalchemy import select

from tests.pembinaan.helpers import make_finding, make_visit
from tests.route_samples import object_samples, within
from webapp.access import Actor, can
from webapp.auth.models import User
from webapp.extensions import db
from webapp.pembinaan.models import Visit


def _make(region_code: str):
    from webapp.regions.models import Posyandu

    posyandu = db.session.scalar(select(Posyandu).where(within(Posyandu.region_code, region_code))
                                 .order_by(Posyandu.region_code, Posyandu.id).limit(1))
    if posyandu is None:
        return None
    visitors = (Actor(user) for user in db.session.scalars(select(User).order_by(User.id)))
    visitor = next((a for a in visitors if can(a, "visit.record", posyandu)), None)
    if visitor is None:
        return None
    visit = make_visit(by=visitor, posyandu=posyandu, team="Tim sampel")
    make_finding(visit, by=visitor, what="Temuan sampel", responsible="Pokja desa")
    return visit


object_samples(Visit, _make, visit_id=lambda visit: visit.id, finding_id=lambda visit: visit.findings[0].id)
