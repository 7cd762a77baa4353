"""URL parameters of the kader routes for the route sweep: a roster row in the region's subtree, added on first
use through the tests' kader factory by the first account that may keep the roster."""
from tests.kader.helpers import add_kader
from tests.route_samples import first_actor_who_may, first_posyandu_in, object_samples
from webapp.kader.models import Kader


def _make(region_code: str):
    posyandu = first_posyandu_in(region_code)
    keeper = posyandu and first_actor_who_may("kader.manage", posyandu)
    return add_kader(by=keeper, posyandu=posyandu, name="Kader Sampel") if keeper else None


object_samples(Kader, _make, kader_id=lambda kader: kader.id)
