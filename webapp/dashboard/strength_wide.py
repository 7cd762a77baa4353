"""Posyandu strength of a province or the nation: the same figures as a kabupaten, counted in SQL.

A province holds tens of thousands of Posyandu and the nation some 300,000, too many to build a standing for
each; the strength summary has one profile row per Posyandu and one window row per Posyandu and window end,
so one grouped join over them gives every count of the page per child region (kabupaten, or province). The
conditions are the five criteria and the four ILP parts of `strength.py` written as SQL; a test compares
them with the per-Posyandu standings.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select, true

from webapp.access import Actor
from webapp.dashboard import sql
from webapp.dashboard.indicators import AKTIF_TARGET, COVERAGE_MONTHS_MIN, KADER_MIN, SERVICE_MONTHS_MIN
from webapp.dashboard.models import StrengthProfile, StrengthWindow
from webapp.dashboard.strength import EXTRA_MONTHS_MIN, SERVED_FIELDS, AreaCount
from webapp.dashboard.strength_queries import PERMISSION, KaderFigures, Strength, visited_in_quarter
from webapp.dashboard.strength_summary import ALL_SKILLS, LEVEL_COLUMN
from webapp.extensions import db
from webapp.regions.models import Level, Region

W, PR = StrengthWindow.__table__, StrengthProfile.__table__
CHILD_LEN = {None: 2, Level.PROVINSI: 5}
ALL_GROUPS = (1 << len(SERVED_FIELDS)) - 1


@dataclass(frozen=True)
class Nation:
    """The national area: no region row, no parent."""

    code: None = None
    label: str = "Nasional"
    level: None = None


def _criteria(kader_with_sk=PR.c.kader_with_sk):
    """The five aktif criteria, ILP and "perlu pembinaan" of one Posyandu as SQL over profile ⟕ window."""
    five = [W.c.service_months >= SERVICE_MONTHS_MIN, kader_with_sk >= KADER_MIN,
            W.c.coverage_months >= COVERAGE_MONTHS_MIN, PR.c.growth_kit == true(), W.c.extra_months >= EXTRA_MONTHS_MIN]
    ilp = and_(W.c.month_groups == ALL_GROUPS, W.c.month_home > 0, PR.c.skill_groups == ALL_SKILLS,
               PR.c.kit_complete == true())
    needs = or_(~and_(*five), ~ilp, W.c.received_recent.is_(None), W.c.received_recent == 0)
    return five, ilp, needs


def _count(condition):
    return func.sum(case((condition, 1), else_=0))


def aktif_totals(where, group: list, end: int):
    """Per group: active Posyandu aktif on the five criteria and meeting each (aktif, c0..c4), from the strength
    summary at window end `end`; `where` and `group` are over the registry (`sql.P`), as the dashboard's sums."""
    P = sql.P
    five, _, _ = _criteria(P.c.kader_with_sk)
    return (select(*group, _count(and_(*five)).label("aktif"), *(_count(c).label(f"c{i}") for i, c in enumerate(five)))
            .select_from(P.outerjoin(PR, PR.c.posyandu_id == P.c.id)
                         .outerjoin(W, and_(W.c.posyandu_id == P.c.id, W.c.period == end)))
            .where(where, P.c.is_active == true()).group_by(*group))


SUMMED = ("posyandu", "aktif", "ilp", "needs", "kit_complete", "c0", "c1", "c2", "c3", "c4", "kader", "kader_sk",
          "kader_trained", *LEVEL_COLUMN.values())


def _per_kecamatan(actor: Actor, region: Region | None, end: int):
    """One row per kecamatan with Posyandu: every count of the page (a subquery, summed per child region)."""
    five, ilp, needs = _criteria()
    kecamatan = func.substr(PR.c.region_code, 1, 8)
    columns = [func.count().label("posyandu"), _count(and_(*five)).label("aktif"), _count(ilp).label("ilp"),
               _count(needs).label("needs"), _count(PR.c.kit_complete == true()).label("kit_complete"),
               *(_count(c).label(f"c{i}") for i, c in enumerate(five)),
               *(func.sum(PR.c[name]).label(name) for name in ("kader", "kader_sk", "kader_trained",
                                                               *LEVEL_COLUMN.values()))]
    return (select(kecamatan.label("kecamatan"), *columns)
            .select_from(PR.outerjoin(W, and_(W.c.posyandu_id == PR.c.posyandu_id, W.c.period == end)))
            .where(PR.c.province_code == region.code if region else true(), PR.c.is_active == true(),
                   actor.where_posyandu(PERMISSION, PR.c.posyandu_id, PR.c.region_code))
            .group_by(kecamatan).subquery("per_kecamatan"))


def wide_strength(actor: Actor, region: Region | None, end: int) -> Strength:
    """A province (region) or the nation (None): counts per child region and in total, and the kecamatan reaching
    80 % aktif; no per-Posyandu list. Grouped per kecamatan, then per child region, in one statement."""
    kec = _per_kecamatan(actor, region, end)
    child = func.substr(kec.c.kecamatan, 1, CHILD_LEN[Level(region.level) if region else None]).label("child")
    reaching = kec.c.aktif * 100 >= round(AKTIF_TARGET * 100) * kec.c.posyandu
    rows = db.session.execute(select(child, *(func.sum(kec.c[name]).label(name) for name in SUMMED),
                                     _count(reaching).label("reaching"), func.count().label("counted"))
                              .group_by(child).order_by(child)).all()
    labels = dict(db.session.execute(select(Region.code, Region.name).where(
        Region.code.in_([r.child for r in rows]))).all())
    total = AreaCount(region.code if region else "", region.label if region else "Nasional")
    children, kader, complete, needing = [], KaderFigures(), 0, 0
    for row in rows:
        area = AreaCount(row.child, labels.get(row.child, row.child), row.posyandu, row.aktif, row.ilp,
                         [getattr(row, f"c{i}") for i in range(5)], row.reaching, row.counted)
        children.append(area)
        total.merge(area)
        kader.add(row)
        complete, needing = complete + row.kit_complete, needing + row.needs
    return Strength(region or Nation(), [], children, total, kader, complete, {},
                    visited_in_quarter(and_(sql.subtree(region.code if region else None),
                                            actor.where_posyandu(PERMISSION, sql.P.c.id, sql.P.c.region_code)), end),
                    needing_count=needing)


def covers_nation(actor: Actor) -> bool:
    """The national view is for an actor whose area holds every province (no ordinary role does)."""
    provinces = db.session.scalars(select(Region.code).where(Region.level == Level.PROVINSI)).all()
    return bool(provinces) and all(actor.covers(PERMISSION, code) for code in provinces)


def area_path(actor: Actor, region: Region | None) -> list[tuple[str, str | None]]:
    """The areas above this one the actor may open, widest first, ending with this one: (label, code or
    "nasional"); the picker's way up."""
    path = [("Nasional", "nasional")] if covers_nation(actor) else []
    if region is None:
        return path or [("Nasional", "nasional")]
    codes = [region.code[:n] for n in (2, 5, 8) if len(region.code) > n]
    above = db.session.scalars(select(Region).where(Region.code.in_(codes)).order_by(Region.code)).all()
    path += [(r.label, r.code) for r in above if actor.covers(PERMISSION, r.code)]
    return path + [(region.label, region.code)]
