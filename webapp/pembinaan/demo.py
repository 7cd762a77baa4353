"""Demo equipment: every Posyandu has a partly complete kit, so the aktif and ILP criteria come out varied."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from webapp.extensions import db
from webapp.pembinaan.kit import KIT
from webapp.pembinaan.models import Equipment
from webapp.regions.models import Posyandu


def seed_equipment() -> None:
    """Idempotent: skips when any equipment row exists. About a third of Posyandu get the whole kit."""
    if db.session.scalar(select(Equipment.id).limit(1)) is not None:
        return
    for posyandu in db.session.scalars(select(Posyandu).order_by(Posyandu.id)):
        rng = random.Random(posyandu.id * 104729)
        whole = rng.random() < 0.35
        for item in KIT:
            available = whole or rng.random() < (0.85 if item.growth else 0.6)
            broken = not whole and available and rng.random() < 0.1
            db.session.add(Equipment(posyandu_id=posyandu.id, region_code=posyandu.region_code, item=item.key,
                                     available=available, condition=("rusak" if broken else "baik") if available else "",
                                     checked_on=dt.date(2025, 7, 1 + posyandu.id % 28)))
    db.session.flush()
