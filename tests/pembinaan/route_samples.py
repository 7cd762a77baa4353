"""URL parameters of the visit routes for the route sweep: a visit with a finding in the region's subtree,
recorded on first use through the tests' visit factory by the first account that may record it."""
from tests.pembinaan.helpers import make_finding, make_visit
from tests.route_samples import first_actor_who_may, first_posyandu_in, object_samples
from webapp.pembinaan.models import Visit


def _make(region_code: str):
    posyandu = first_posyandu_in(region_code)
    visitor = posyandu and first_actor_who_may("visit.record", posyandu)
    if not visitor:
        return None
    visit = make_visit(by=visitor, posyandu=posyandu, team="Tim sampel")
    make_finding(visit, by=visitor, what="Temuan sampel", responsible="Pokja desa")
    return visit


object_samples(Visit, _make, visit_id=lambda visit: visit.id, finding_id=lambda visit: visit.findings[0].id)
