"""Kelembagaan figures of one area: bodies formed and with a valid (unexpired) SK per tier, the share of
desa/kelurahan with a Pokja/TP Posyandu, the same per area one tier down, and members per unsur.

A handful of grouped statements whatever the area's size: the dashboard's kelembagaan section and the
/lembaga page both read it. The caller has loaded the region within the actor's scope (its subtree is
the actor's to see).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select

from webapp.extensions import db
from webapp.lembaga.models import Body, Member, sk_is_valid
from webapp.mitra.models import Mitra
from webapp.clock import today_in
from webapp.formatting import persen
from webapp.regions.models import KabupatenSetting, Level, Region, kabupaten_code_of, level_of

TIERS = ((Level.KABUPATEN, "Kabupaten"), (Level.KECAMATAN, "Kecamatan"), (Level.DESA, "Desa/kelurahan"))


@dataclass
class Tally:
    """Regions of one tier (or desa of one area), bodies formed among them, and those with a valid SK."""
    regions: int = 0
    formed: int = 0
    valid: int = 0

    @property
    def formed_share(self) -> str:
        return persen(self.formed, self.regions)

    @property
    def valid_share(self) -> str:
        return persen(self.valid, self.regions)


@dataclass
class AreaRow:
    """One area a tier down: its own body (formed, SK valid), its desa bodies, and members of all its bodies."""
    region: Region
    own_formed: bool = False
    own_valid: bool = False
    desa: Tally = field(default_factory=Tally)
    members: int = 0


@dataclass
class Figures:
    region: Region
    tiers: list[tuple[str, Tally]] = field(default_factory=list)
    rows: list[AreaRow] = field(default_factory=list)
    unsur: list[tuple[str, int]] = field(default_factory=list)

    @property
    def desa(self) -> Tally:
        return next((t for label, t in self.tiers if label == "Desa/kelurahan"), Tally())

    @property
    def desa_share(self) -> str:
        return self.desa.formed_share


def _inside(region: Region, column):
    return or_(column == region.code, column.startswith(region.code + ".", autoescape=True))


def today_for(region: Region) -> dt.date:
    """Today in the kabupaten's zone (WIB for a province): when an SK's masa bakti ends there."""
    kabupaten = kabupaten_code_of(region.code)
    setting = db.session.get(KabupatenSetting, kabupaten) if kabupaten else None
    return today_in(setting.timezone if setting else "Asia/Jakarta")


def figures(region: Region, today: dt.date | None = None) -> Figures:
    """Per tier in the region's subtree and per area one tier down; SK validity as of `today` (local)."""
    today = today or today_for(region)
    levels = dict(db.session.execute(select(Region.level, func.count(Region.code))
                                     .where(_inside(region, Region.code)).group_by(Region.level)).all())
    bodies = db.session.execute(
        select(Body.region_code, Body.sk_number, Body.term_end, func.count(Member.id))
        .outerjoin(Member, Member.body_id == Body.id).where(_inside(region, Body.region_code))
        .group_by(Body.id, Body.region_code, Body.sk_number, Body.term_end)).all()
    children = list(db.session.scalars(select(Region).where(Region.parent_code == region.code).order_by(Region.code)))
    desa_codes = db.session.scalars(select(Region.code).where(_inside(region, Region.code),
                                                              Region.level == Level.DESA)).all()
    result = Figures(region, rows=[AreaRow(child) for child in children])
    by_level = {level: Tally(regions=levels.get(level, 0)) for level, _ in TIERS}
    rows = {row.region.code: row for row in result.rows}
    cut = len(children[0].code) if children else 0
    for code in desa_codes:
        if code[:cut] in rows:
            rows[code[:cut]].desa.regions += 1
    for code, number, term_end, members in bodies:
        level, valid = level_of(code), sk_is_valid(number, term_end, today)
        if level in by_level:
            by_level[level].formed += 1
            by_level[level].valid += valid
        row = rows.get(code[:cut])
        if row is None:
            continue
        row.members += members
        if code == row.region.code:
            row.own_formed, row.own_valid = True, valid
        if level == Level.DESA:
            row.desa.formed += 1
            row.desa.valid += valid
    result.tiers = [(label, by_level[level]) for level, label in TIERS if by_level[level].regions]
    result.unsur = members_per_unsur(region)
    return result


def members_per_unsur(region: Region) -> list[tuple[str, int]]:
    """Members of every body in the subtree by the mitra they represent (or the unsur typed), most first."""
    unsur = func.coalesce(Mitra.short_name, func.nullif(Member.unsur_text, ""), "Lainnya")
    return [tuple(row) for row in db.session.execute(
        select(unsur, func.count(Member.id)).join(Body, Body.id == Member.body_id)
        .outerjoin(Mitra, Mitra.id == Member.mitra_id).where(_inside(region, Body.region_code))
        .group_by(unsur).order_by(func.count(Member.id).desc(), unsur)).all()]
