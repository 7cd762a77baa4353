"""Route-sweep samples for the mitra routes: the first mitra of the given region's kabupaten."""
from __future__ import annotations

from sqlalchemy import select

from tests.route_samples import sample
from webapp.extensions import db
from webapp.mitra.models import Mitra
from webapp.regions.models import kabupaten_code_of


@sample("mitra_id")
def _mitra(region_code: str):
    code = kabupaten_code_of(region_code)
    return db.session.scalar(select(Mitra.id).where(Mitra.kabupaten_code == code).order_by(Mitra.id).limit(1))
