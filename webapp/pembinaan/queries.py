"""Reading equipment lists within the actor's area."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from webapp.access import Actor
from webapp.extensions import db
from webapp.pembinaan.models import Equipment
from webapp.regions.models import Posyandu


def equipment_of(posyandu: Posyandu) -> dict[str, Equipment]:
    """item key -> row, for one Posyandu (items never recorded are absent)."""
    return {row.item: row for row in db.session.scalars(select(Equipment).where(Equipment.posyandu_id == posyandu.id))}


def equipment_by_posyandu(posyandu_ids: list[int], conn=None) -> dict[int, dict]:
    """posyandu id -> (item key -> row with `available` and `condition`), for many Posyandu at once (plain columns:
    a kabupaten has thousands of rows)."""
    found: dict[int, dict] = defaultdict(dict)
    for start in range(0, len(posyandu_ids), 1000):
        chunk = posyandu_ids[start:start + 1000]
        for row in (conn or db.session).execute(select(Equipment.posyandu_id, Equipment.item, Equipment.available,
                                             Equipment.condition).where(Equipment.posyandu_id.in_(chunk))):
            found[row.posyandu_id][row.item] = row
    return found


def posyandu_in_area(actor: Actor, permission: str = "posyandu.view") -> list[Posyandu]:
    """Active Posyandu the actor reaches, ordered by desa and name."""
    return list(db.session.scalars(
        select(Posyandu).where(Posyandu.is_active, actor.where_posyandu(permission, Posyandu.id, Posyandu.region_code))
        .order_by(Posyandu.region_code, Posyandu.name)))
