"""Reads behind Posyandu strength: the facts of every Posyandu in an area, and the area's figures.

Scoped like the dashboard (`dashboard.view`, the actor's subtree). Two paths give the same facts: the fast one
reads the strength summary (`strength_window` at the period's window end, `strength_profile` per Posyandu, kept
by `strength_summary.py`), so its cost does not grow with months of reports or with kader and equipment rows;
the plain one recomputes from the reports, the roster and the equipment list, and the tests compare the two.
Wider areas (province, national) count in SQL from the same summary (`strength_wide.py`).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import and_, case, func, select, true

from webapp.access import Actor
from webapp.dashboard import sql
from webapp.dashboard.models import StrengthProfile, StrengthWindow
from webapp.dashboard.strength import (AreaCount, Facts, Standing, aktif_criteria, groups_of_mask, served_groups, share_reaching_target,
                                       standing)
from webapp.dashboard.strength_summary import LEVEL_COLUMN
from webapp.extensions import db
from webapp.kader.queries import roster_facts
from webapp.kader.skills import GROUP_BY_KEY, LIFE_CYCLE, MADYA, NONE, PURWA, UTAMA, level_of
from webapp.kit import ITEM_BY_KEY, gaps, has_growth_kit, kit_complete
from webapp.pembinaan.models import Visit
from webapp.pembinaan.queries import equipment_by_posyandu
from webapp.pembinaan.visit_queries import quarter_of
from webapp.regions.models import Level, Region, region_label
from webapp.reports.fields import COUNT_NAMES
from webapp.signals.keys import year_month

PERMISSION = "dashboard.view"
R, P = sql.R, sql.P
CHILD_LEN = {Level.KABUPATEN: 8, Level.KECAMATAN: 13}


def _where(actor: Actor | None, code: str):
    """The area's Posyandu the actor may see (None: all of them, for the evidence signals)."""
    if actor is None:
        return sql.subtree(code)
    return and_(sql.subtree(code), actor.where_posyandu(PERMISSION, P.c.id, P.c.region_code))


def _window(where, end: int) -> dict[int, dict]:
    """Per Posyandu over the 12 months: reports counted, service and coverage months, extra activities."""
    found: dict[int, dict] = defaultdict(dict)
    for row in db.session.execute(sql.aktif_per_posyandu(where, end, end)):
        found[row.posyandu_id] |= {"service_months": row.service_months, "coverage_months": row.coverage_months}
    counted = R.c.status.in_(sql.COUNTED)
    extra = R.c.kegiatan_tambahan
    statement = (select(R.c.posyandu_id, func.count().label("reports"),
                        func.sum(case((and_(extra.isnot(None), extra > 0), 1), else_=0)).label("extra_months"),
                        func.count(extra).label("extra_reported"))
                 .select_from(R.join(P, P.c.id == R.c.posyandu_id))
                 .where(where, counted, sql.report_period_between(end - 11, end)).group_by(R.c.posyandu_id))
    for row in db.session.execute(statement):
        found[row.posyandu_id] |= {"reports": row.reports, "extra_months": row.extra_months or 0,
                                   "extra_reported": row.extra_reported}
    return found


def _recent(where, end: int) -> tuple[dict[int, dict], dict[int, int]]:
    """The period month's counted reports (their counts) and reports received in the last two months."""
    month, received = {}, defaultdict(int)
    columns = [R.c[name] for name in COUNT_NAMES]
    statement = (select(R.c.posyandu_id, sql.REPORT_PERIOD.label("period"), R.c.status, *columns)
                 .select_from(R.join(P, P.c.id == R.c.posyandu_id))
                 .where(where, sql.report_period_between(end - 1, end)))
    for row in db.session.execute(statement):
        data = row._mapping
        if data["status"] in sql.RECEIVED:
            received[data["posyandu_id"]] += 1
        if data["period"] == end and data["status"] in sql.COUNTED:
            month[data["posyandu_id"]] = {name: data[name] for name in COUNT_NAMES}
    return month, received


@dataclass
class KaderFigures:
    kader: int = 0
    with_sk: int = 0
    trained: int = 0
    levels: dict[str, int] = field(default_factory=lambda: dict.fromkeys((NONE, PURWA, MADYA, UTAMA), 0))

    def add(self, row) -> None:
        """Add one Posyandu's profile row (columns kader, kader_sk, kader_trained, level_*); NULLs count 0."""
        self.kader += row.kader or 0
        self.with_sk += row.kader_sk or 0
        self.trained += row.kader_trained or 0
        for level, column in LEVEL_COLUMN.items():
            self.levels[level] += getattr(row, column) or 0


def _roster(ids) -> tuple[dict[int, frozenset[str]], KaderFigures]:
    """Per Posyandu the life-cycle skill groups some active kader holds whole; and the kader figures."""
    groups: dict[int, set[str]] = defaultdict(set)
    figures = KaderFigures()
    for _, posyandu_id, has_sk, codes, trained in roster_facts(ids):
        groups[posyandu_id] |= {key for key in LIFE_CYCLE if GROUP_BY_KEY[key].codes <= codes}
        figures.kader += 1
        figures.with_sk += has_sk
        figures.trained += trained
        figures.levels[level_of(codes)] += 1
    return {pid: frozenset(g) for pid, g in groups.items()}, figures


@dataclass
class Strength:
    region: Region
    standings: list[Standing]
    children: list[AreaCount]
    total: AreaCount
    kader: KaderFigures
    kit_complete: int
    desa_labels: dict[str, str] = field(default_factory=dict)
    visited: int = 0  # Posyandu visited at least once in the period's quarter
    needing_count: int | None = None  # counted in SQL for a province or the nation (no per-Posyandu list there)

    @property
    def kpi(self) -> tuple[int, int]:
        """(child regions with ≥ 80 % Posyandu aktif, child regions with Posyandu)."""
        return share_reaching_target(self.children)

    @cached_property
    def needing_guidance(self) -> list[Standing]:
        return [s for s in self.standings if s.reasons]

    @property
    def criteria_labels(self) -> list[str]:
        return [c.label for c in aktif_criteria(Facts())]

    @property
    def needing(self) -> int:
        return self.needing_count if self.needing_count is not None else len(self.needing_guidance)


def _plain_facts(where, items: list, end: int) -> tuple[dict[int, Facts], KaderFigures]:
    """Facts recomputed from the reports, the roster and the equipment rows."""
    window, (month, received) = _window(where, end), _recent(where, end)
    kits, (skills, kader) = equipment_by_posyandu([p.id for p in items]), _roster(
        select(P.c.id).where(where, P.c.is_active == true()))
    facts = {}
    for posyandu in items:
        kit, report = kits.get(posyandu.id), month.get(posyandu.id)
        facts[posyandu.id] = Facts(
            **window.get(posyandu.id, {}), kader_with_sk=posyandu.kader_with_sk,
            growth_kit=has_growth_kit(kit) if kit else None, kit_complete=kit_complete(kit) if kit else None,
            kit_gaps=gaps(kit) if kit else [], month_groups=None if report is None else served_groups(report),
            home_visits=None if report is None else report.get("home_visits"),
            recent_reports=received.get(posyandu.id, 0), skill_groups=skills.get(posyandu.id, frozenset()))
    return facts, kader


def _fast_facts(where, items: list, end: int) -> tuple[dict[int, Facts], KaderFigures]:
    return fast_facts(where, end)


def fast_facts(where, end: int, active_only: bool = True) -> tuple[dict[int, Facts], KaderFigures]:
    """Facts read from the strength summary: one row per Posyandu, whatever the months of reports."""
    W, PR = StrengthWindow.__table__, StrengthProfile.__table__
    profile = [PR.c[name] for name in ("growth_kit", "kit_complete", "kit_gaps", "skill_groups", "kader", "kader_sk",
                                       "kader_trained", *LEVEL_COLUMN.values())]
    statement = (select(P.c.id, P.c.kader_with_sk, *profile, W.c.reports, W.c.service_months, W.c.coverage_months,
                        W.c.extra_months, W.c.extra_reported, W.c.received_recent, W.c.month_groups, W.c.month_home)
                 .select_from(P.outerjoin(PR, PR.c.posyandu_id == P.c.id)
                              .outerjoin(W, and_(W.c.posyandu_id == P.c.id, W.c.period == end)))
                 .where(where, P.c.is_active == true() if active_only else true()))
    facts, kader = {}, KaderFigures()
    for row in db.session.execute(statement):
        facts[row.id] = Facts(
            reports=row.reports or 0, service_months=row.service_months or 0,
            coverage_months=row.coverage_months or 0, kader_with_sk=row.kader_with_sk,
            growth_kit=row.growth_kit, kit_complete=row.kit_complete,
            kit_gaps=[ITEM_BY_KEY[key].label for key in (row.kit_gaps or "").split(",") if key],
            extra_months=row.extra_months or 0, extra_reported=row.extra_reported or 0,
            month_groups=groups_of_mask(row.month_groups), home_visits=row.month_home,
            recent_reports=row.received_recent or 0, skill_groups=frozenset((row.skill_groups or "").split(",")) - {""})
        kader.add(row)
    return facts, kader


def area_strength(actor: Actor | None, region: Region, end: int, fast: bool = True) -> Strength:
    """Every active Posyandu of a kabupaten, kecamatan or desa with its standing, per child region and in total."""
    where = _where(actor, region.code)
    items = db.session.execute(select(P.c.id, P.c.name, P.c.region_code, P.c.kader_with_sk)  # columns: thousands of rows
                               .where(where, P.c.is_active == true()).order_by(P.c.region_code, P.c.name)).all()
    facts, kader = (_fast_facts if fast else _plain_facts)(where, items, end)
    children = {r.code: AreaCount(r.code, r.label) for r in db.session.scalars(
        select(Region).where(Region.parent_code == region.code).order_by(Region.code))}
    total, standings = AreaCount(region.code, region.label), []
    length = CHILD_LEN.get(Level(region.level))
    for posyandu in items:
        found = standing(posyandu.id, posyandu.name, posyandu.region_code, facts[posyandu.id], LIFE_CYCLE)
        standings.append(found)
        total.add(found)
        if length and posyandu.region_code[:length] in children:
            children[posyandu.region_code[:length]].add(found)
    complete = sum(1 for s in standings if s.ilp[-1].met)  # the ILP part "kit ILP lengkap"
    labels = {code: region_label(code, name, level) for code, name, level in db.session.execute(
        select(Region.code, Region.name, Region.level).where(Region.code.in_({p.region_code for p in items})))}
    return Strength(region, standings, [c for c in children.values() if c.posyandu], total, kader, complete, labels,
                    visited_in_quarter(where, end))


def visited_in_quarter(where, end: int) -> int:
    """Active Posyandu of the area visited at least once in the quarter holding the period's month."""
    year, month = year_month(end)
    start, stop = quarter_of(dt.date(year, month, 1))
    return db.session.scalar(select(func.count(func.distinct(Visit.posyandu_id)))
                             .join(P, P.c.id == Visit.posyandu_id)
                             .where(where, P.c.is_active == true(), Visit.visited_on.between(start, stop))) or 0
