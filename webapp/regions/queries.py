"""Reading regions, kabupaten settings and Posyandu within the actor's subtree."""
from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from webapp.access import Actor, load_in_scope
from webapp.extensions import db
from webapp.regions.models import KabupatenSetting, Level, Posyandu, Region, kabupaten_code_of


def get_region_or_404(actor: Actor, code: str, permission: str = "region.view") -> Region:
    return load_in_scope(actor, Region, code, permission)


def children(actor: Actor, region: Region) -> list[Region]:
    """The regions directly below, only those the actor may see."""
    return list(db.session.scalars(
        select(Region).where(Region.parent_code == region.code, actor.where_region("region.view", Region.code))
        .order_by(Region.code)
    ))


def root_regions(actor: Actor, permission: str = "region.view") -> list[Region]:
    """The tops of the actor's subtrees."""
    codes = actor.region_codes(permission)
    return list(db.session.scalars(select(Region).where(Region.code.in_(codes)).order_by(Region.code)))


def posyandu_in_scope(actor: Actor, permission: str = "posyandu.view", region_code: str | None = None) -> list[Posyandu]:
    query = select(Posyandu).where(actor.where_posyandu(permission, Posyandu.id, Posyandu.region_code)).options(
        selectinload(Posyandu.region))  # lists show each one's full region path: one query, not one per row
    if region_code:
        query = query.where(Posyandu.region_code == region_code)
    return list(db.session.scalars(query.order_by(Posyandu.region_code, Posyandu.name)))


def get_posyandu_or_404(actor: Actor, posyandu_id: int, permission: str = "posyandu.view") -> Posyandu:
    return load_in_scope(actor, Posyandu, posyandu_id, permission)


def desa_in_scope(actor: Actor, permission: str) -> list[Region]:
    """Desa/kelurahan the actor reaches with this permission (for Posyandu and account forms)."""
    return list(db.session.scalars(
        select(Region).where(Region.level == Level.DESA, actor.where_region(permission, Region.code))
        .order_by(Region.code)
    ))


def setting_for(region_code: str) -> KabupatenSetting:
    """The settings of the kabupaten a region lies in (every imported kabupaten has a row)."""
    kabupaten = kabupaten_code_of(region_code)
    setting = db.session.get(KabupatenSetting, kabupaten) if kabupaten else None
    if setting is None:
        abort(404)
    return setting


def administered_kabupaten(actor: Actor) -> list[KabupatenSetting]:
    codes = [g.region_code for g in actor.grants_for("settings.manage")]
    return list(db.session.scalars(select(KabupatenSetting).where(KabupatenSetting.region_code.in_(codes))))
