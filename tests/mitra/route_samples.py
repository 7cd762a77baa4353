"""Route-sweep samples for the mitra routes. A mitra lies in a kabupaten (working kabupaten-wide) or in the
kecamatan it works in; none lies in a desa, so a desa gets an id that names nothing."""
from __future__ import annotations

from sqlalchemy import select

from tests.route_samples import sample
from webapp.extensions import db
from webapp.mitra.models import Mitra
from webapp.regions.models import Level, kabupaten_code_of, level_of


@sample("mitra_id")
def _mitra(region_code: str):
    level = level_of(region_code)
    if level == Level.KABUPATEN:
        return db.session.scalar(select(Mitra.id).where(Mitra.kabupaten_code == region_code, Mitra.area_codes == "")
                                 .order_by(Mitra.id).limit(1))
    if level == Level.KECAMATAN:
        return db.session.scalar(select(Mitra.id).where(Mitra.kabupaten_code == kabupaten_code_of(region_code),
                                                        Mitra.area_codes == region_code).order_by(Mitra.id).limit(1))
    return None
