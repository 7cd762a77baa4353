"""Reading the partner registry within the actor's reach.

A member of a body reads the registry of its kabupaten (`mitra.registry`); a mitra user reads only
its own mitra and that mitra's units. One partner's page (its plan lines, actions and meetings) is
read in `webapp.mitra_page.queries`, above the plans and meetings.
"""
from __future__ import annotations

from sqlalchemy import or_, select

from webapp.access import Actor, load_in_scope
from webapp.extensions import db
from webapp.mitra.models import Mitra, MitraKind
from webapp.regions.models import Level, Region, kabupaten_code_of


def concerns(actor: Actor, mitra: Mitra) -> bool:
    """A mitra user's own mitra, or a unit of it."""
    ids = actor.mitra_ids
    return mitra.id in ids or mitra.parent_id in ids


def visible(actor: Actor, mitra: Mitra) -> bool:
    """The actor's own mitra (or a unit of it), or a mitra working where the actor reads the registry:
    a kabupaten member sees all of its kabupaten's; a kecamatan or desa member those working kabupaten-wide
    or in its kecamatan."""
    if concerns(actor, mitra):
        return True
    for grant in actor.grants_for("mitra.registry"):
        if kabupaten_code_of(grant.region_code) != mitra.kabupaten_code:
            continue
        if grant.level == Level.KABUPATEN or not mitra.area_list:
            return True
        if ".".join(grant.region_code.split(".")[:3]) in mitra.area_list:
            return True
    return False


def get_mitra_or_404(actor: Actor, mitra_id: int) -> Mitra:
    """A mitra visible to the actor (see `visible`): else 404, so a foreign partner does not exist."""
    return load_in_scope(actor, Mitra, mitra_id, "mitra.registry", also=visible)


def own_mitra(actor: Actor) -> list[Mitra]:
    """The mitra a partner's staff member works for."""
    return list(db.session.scalars(select(Mitra).where(Mitra.id.in_(actor.mitra_ids)).order_by(Mitra.short_name)))


def registry_kabupaten(actor: Actor, permission: str = "mitra.registry") -> list[Region]:
    codes = {kabupaten_code_of(g.region_code) for g in actor.grants_for(permission)} - {None}
    return list(db.session.scalars(select(Region).where(Region.code.in_(codes)).order_by(Region.code)))


def registry_list(actor: Actor) -> list[Mitra]:
    """Every mitra the actor may open: its kabupaten's registry, or its own mitra and units."""
    codes = [r.code for r in registry_kabupaten(actor)]
    own = actor.mitra_ids
    rows = db.session.scalars(
        select(Mitra).where(or_(Mitra.kabupaten_code.in_(codes), Mitra.id.in_(own), Mitra.parent_id.in_(own)))
        .order_by(Mitra.kabupaten_code, Mitra.kind, Mitra.short_name))
    return [m for m in rows if visible(actor, m)]


def agencies(kabupaten_code: str, exclude: int | None = None) -> list[Mitra]:
    """The agencies (OPD) units may belong to."""
    return list(db.session.scalars(
        select(Mitra).where(Mitra.kabupaten_code == kabupaten_code, Mitra.kind == MitraKind.OPD,
                            Mitra.id != (exclude or 0)).order_by(Mitra.short_name)))


def kecamatan_of(kabupaten_code: str) -> list[Region]:
    return list(db.session.scalars(select(Region).where(Region.parent_code == kabupaten_code)
                                   .order_by(Region.code)))


def active_mitra(region_code: str) -> list[Mitra]:
    return list(db.session.scalars(select(Mitra).where(Mitra.kabupaten_code == kabupaten_code_of(region_code),
                                                       Mitra.is_active.is_(True)).order_by(Mitra.kind, Mitra.short_name)))


def pelaksana_choices(region_code: str) -> list[tuple[str, str]]:
    """The plan's own body first, then the active mitra of its kabupaten, as (id, label)."""
    return [("", "Tim/Pokja sendiri")] + [(str(m.id), f"{m.short_name} — {m.name}") for m in active_mitra(region_code)]
