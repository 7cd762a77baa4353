"""URL parameters of the kader routes for the route sweep: a roster row in the region's subtree, made on first use."""
from sqlalchemy import select

from tests.route_samples import sample, within
from webapp.extensions import db


@sample("kader_id")
def _kader(region_code: str):
    from webapp.kader.models import Kader
    from webapp.regions.models import Posyandu

    found = db.session.scalar(select(Kader.id).where(within(Kader.region_code, region_code)).order_by(Kader.id).limit(1))
    if found is not None:
        return found
    posyandu = db.session.scalar(select(Posyandu).where(within(Posyandu.region_code, region_code))
                                 .order_by(Posyandu.region_code, Posyandu.id).limit(1))
    if posyandu is None:
        return None
    kader = Kader(posyandu_id=posyandu.id, region_code=posyandu.region_code, name="Kader Sampel", sex="P")
    db.session.add(kader)
    db.session.commit()
    return kader.id
