"""Reads for the monitoring dashboard; the first argument is the actor and every query is scoped.

A region's page has one row per child region (per Posyandu at desa level) and a total row. Rows
of a kecamatan, kabupaten, province or the nation, and every region's trend, come from the
summary tables (`fast=True`, desa grain); a desa's rows per Posyandu and a Posyandu's own page
from the reports themselves (a few dozen rows); `fast=False` forces the plain recomputation
(used by the tests that prove both agree). Loading a region or Posyandu outside the actor's
subtree is a 404.

One deliberate exception to "never up": the trend charts draw the parent region's line next to
the region's own, as the issue asks. Only the parent's three monthly ratios are read (no row,
name or count of anything outside the subtree), and only for a region the actor may open.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import and_, case, exists, func, select, true
from sqlalchemy.orm import aliased

from webapp.access import Actor, load_in_scope
from webapp.clock import utcnow
from webapp.dashboard import sql
from webapp.dashboard.indicators import AktifCount, Completeness, PosyanduAktif, Row, fill_figures, ratio
from webapp.dashboard.models import DashboardMonth, DashboardRegistry
from webapp.dashboard.strength import aktif_criteria
from webapp.dashboard.strength_queries import fast_facts
from webapp.dashboard.strength_wide import aktif_totals
from webapp.dashboard.periods import Period, due_text
from webapp.extensions import db
from webapp.meetings.models import ActionItem, ActionStatus, Meeting
from webapp.regions.models import KabupatenSetting, Level, Posyandu, Region, kabupaten_code_of
from webapp.reports.models import MonthlyReport
from webapp.workplans.models import Plan

PERMISSION = "dashboard.view"
NEXT_LEVEL = {None: Level.PROVINSI, Level.PROVINSI: Level.KABUPATEN, Level.KABUPATEN: Level.KECAMATAN,
              Level.KECAMATAN: Level.DESA}
SUMMARY_CHILD = {None: "province_code", Level.PROVINSI: "kabupaten_code", Level.KABUPATEN: "kecamatan_code",
                 Level.KECAMATAN: "desa_code"}
SUMMARY_FILTER = {Level.PROVINSI: "province_code", Level.KABUPATEN: "kabupaten_code",
                  Level.KECAMATAN: "kecamatan_code", Level.DESA: "desa_code"}
MONTH = DashboardMonth.__table__
REGISTRY = DashboardRegistry.__table__
P = sql.P


@dataclass(frozen=True)
class Scope:
    """What a dashboard covers: a region (None = the nation) or one Posyandu."""

    code: str | None
    level: Level | None
    posyandu_id: int | None = None

    @property
    def fast(self) -> bool:
        """Its totals can be read from the summary (any region; not one Posyandu)."""
        return self.posyandu_id is None


@dataclass
class Trend:
    key: str
    title: str
    points: list[float | None]
    parent_points: list[float | None]


@dataclass
class Dashboard:
    scope: Scope
    title: str
    period: Period
    rows: list[Row]
    total: Row
    child_label: str
    crumbs: list[tuple[str, str | None]]
    trends: list[Trend] = field(default_factory=list)
    parent_label: str = ""
    posyandu_aktif: dict = field(default_factory=dict)
    reports: list = field(default_factory=list)
    due_text: str = ""


# ---- loading within scope -----------------------------------------------------------------

def get_region_or_404(actor: Actor, code: str) -> Region:
    return load_in_scope(actor, Region, code, PERMISSION)


def get_posyandu_or_404(actor: Actor, posyandu_id: int) -> Posyandu:
    return load_in_scope(actor, Posyandu, posyandu_id, PERMISSION)


def home_region(actor: Actor) -> Region | None:
    """The widest region the actor may monitor: the page opens there."""
    codes = actor.region_codes(PERMISSION)
    if not codes:
        return None
    return db.session.get(Region, min(codes, key=lambda c: (c.count("."), c)))


def timezone_of(code: str | None) -> str:
    kabupaten = kabupaten_code_of(code) if code else None
    setting = db.session.get(KabupatenSetting, kabupaten) if kabupaten else None
    return setting.timezone if setting else "Asia/Jakarta"


def _due_text(code: str | None) -> str:
    kabupaten = kabupaten_code_of(code) if code else None
    setting = db.session.get(KabupatenSetting, kabupaten) if kabupaten else None
    return due_text(setting.report_due_day) if setting else "tanggal jatuh tempo kabupaten masing-masing"


# ---- the sums ------------------------------------------------------------------------------

def _where(actor: Actor | None, scope: Scope):
    where = sql.subtree(scope.code)
    if scope.posyandu_id is not None:
        where = and_(where, P.c.id == scope.posyandu_id)
    if actor is not None:
        where = and_(where, actor.where_posyandu(PERMISSION, P.c.id, P.c.region_code))
    return where


def _summary(actor: Actor | None, table, scope: Scope, group: list, names, p0: int | None = None,
             p1: int | None = None):
    conditions = [] if p0 is None else [table.c.period.between(p0, p1)]
    if scope.level in SUMMARY_FILTER:
        conditions.append(table.c[SUMMARY_FILTER[scope.level]] == scope.code)
    if actor is not None:
        conditions.append(actor.where_region(PERMISSION, table.c.desa_code))
    return select(*group, *_sums(table, tuple(names))).where(*conditions).group_by(*group)


@cache
def _sums(table, names: tuple) -> tuple:
    return tuple(func.sum(table.c[name]).label(name) for name in names)


def _keyed(statement, key: str | None) -> dict:
    return {(row._mapping[key] if key else None): dict(row._mapping) for row in db.session.execute(statement)}


def _child_group(scope: Scope, by_child: bool, table=None) -> list:
    """Group by child: a summary table's code column (fast), or the registry's code cut to the child's length."""
    if not by_child:
        return []
    if table is not None:
        return [table.c[SUMMARY_CHILD[scope.level]].label("child")]
    if scope.level == Level.DESA:
        return [P.c.id.label("child")]
    return [sql.child_of(sql.CODE_LEN[NEXT_LEVEL[scope.level]]).label("child")]


REGISTRY_NAMES = ("posyandu",)


def _gather(actor: Actor, scope: Scope, period: Period, by_child: bool, fast: bool) -> dict:
    """{child key or None: registry counts, month sums and aktif counts} for the period. Posyandu aktif is always
    the five criteria read from the strength summary, the same source /pemantauan/kekuatan reads."""
    key = "child" if by_child else None
    data: dict = {}

    def merge(statement) -> None:
        for k, values in _keyed(statement, key).items():
            data.setdefault(k, {}).update(values)

    if fast and scope.fast and (not by_child or scope.level in SUMMARY_CHILD):
        merge(_summary(actor, REGISTRY, scope, _child_group(scope, by_child, REGISTRY), REGISTRY_NAMES))
        merge(_summary(actor, MONTH, scope, _child_group(scope, by_child, MONTH), sql.MONTH_VALUE_NAMES,
                       period.start, period.end))
    else:
        where, group = _where(actor, scope), _child_group(scope, by_child)
        merge(sql.registry_totals(where, group))
        merge(sql.month_totals(where, group, period.start, period.end))
    merge(aktif_totals(_where(actor, scope), _child_group(scope, by_child), period.end))
    return data


def _sum(groups) -> dict:
    """Add up the counts of several groups; a count nobody had stays None (blank, not 0)."""
    out: dict = {}
    for values in groups:
        for name, value in values.items():
            if name not in ("child", "window_end") and value is not None:
                out[name] = (out.get(name) or 0) + value
    return out


NEWER_PLAN = aliased(Plan)


def _plans(actor: Actor, scope: Scope, length: int | None, year: int) -> dict:
    newer = NEWER_PLAN
    group = [sql.child_of(length, Plan.region_code).label("child")] if length else []
    statement = (select(*group, Plan.status, func.count().label("n"))
                 .where(Plan.year == year, sql.subtree(scope.code, Plan.region_code),
                        actor.where_region("plan.view", Plan.region_code),
                        ~exists().where(newer.previous_id == Plan.id))
                 .group_by(*group, Plan.status))
    out: dict = {}
    for row in db.session.execute(statement):
        out.setdefault(row.child if length else None, {})[str(row.status)] = row.n
    return out


def _actions(actor: Actor, scope: Scope, length: int | None) -> dict:
    region = func.coalesce(ActionItem.responsible_region_code, Meeting.region_code)
    open_ = ActionItem.status != ActionStatus.SELESAI.value
    late = and_(open_, ActionItem.due_on < utcnow().date())
    group = [sql.child_of(length, region).label("child")] if length else []
    statement = (select(*group, func.sum(case((open_, 1), else_=0)).label("open"),
                        func.sum(case((late, 1), else_=0)).label("late"))
                 .select_from(ActionItem).join(Meeting, Meeting.id == ActionItem.meeting_id)
                 .where(sql.subtree(scope.code, region), actor.where_region("meeting.view", region))
                 .group_by(*group))
    return {(row.child if length else None): (row.open or 0, row.late or 0) for row in db.session.execute(statement)}


def _add_up(groups, add, start):
    total = start
    for group in groups:
        total = add(total, group)
    return total


def _row(code, label, link, values: dict, months: int, plans=None, actions=(0, 0), aktif=None) -> Row:
    posyandu = values.get("posyandu") or 0
    completeness = Completeness(posyandu * months, values.get("received") or 0, values.get("on_time") or 0)
    if aktif is None:
        aktif = AktifCount(posyandu, values.get("aktif") or 0, [values.get(f"c{i}") or 0 for i in range(5)])
    return Row(code, label, link, completeness, values, aktif, plans or {}, actions)


# ---- pages ---------------------------------------------------------------------------------

def region_summary(actor: Actor, region: Region, period: Period) -> Row:
    """The total row alone (the home page's figures): completeness, coverage, Posyandu aktif, action items."""
    scope = Scope(region.code, Level(region.level))
    values = _sum(_gather(actor, scope, period, False, True).values())
    total = _row(scope.code, region.label, None, values, period.months,
                 _plans(actor, scope, None, period.year).get(None), _actions(actor, scope, None).get(None, (0, 0)))
    return fill_figures(total, _due_text(scope.code))


def _crumbs(actor: Actor, region: Region | None) -> list[tuple[str, str | None]]:
    if region is None:
        return [("Indonesia", None)]
    chain = [r for r in reversed(region.ancestry()) if actor.covers(PERMISSION, r.code)]
    return [(r.label, r.code) for r in chain]


def region_dashboard(actor: Actor, region: Region | None, period: Period, fast: bool = True,
                     link=lambda kind, key: None) -> Dashboard:
    """Rows per child region (per Posyandu in a desa), the total, and the trends."""
    level = Level(region.level) if region else None
    scope = Scope(region.code if region else None, level)
    child_level = NEXT_LEVEL.get(level)
    data = _gather(actor, scope, period, True, fast)
    total_values = _sum(data.values())  # every Posyandu and report lies in exactly one child
    length = sql.CODE_LEN[child_level] if child_level else None
    plans, actions = _plans(actor, scope, length, period.year), _actions(actor, scope, length)
    # Grouped by child, a plan or item of the region itself keys on the region's own code: the total is every group.
    total_plans = {None: _add_up(plans.values(), lambda a, b: {k: a.get(k, 0) + b.get(k, 0) for k in {*a, *b}}, {})}
    total_actions = {None: _add_up(actions.values(), lambda a, b: (a[0] + b[0], a[1] + b[1]), (0, 0))}
    due = _due_text(scope.code)
    rows: list[Row] = []
    aktif_detail: dict = {}
    if level == Level.DESA:
        aktif_detail = posyandu_aktif(actor, scope, period.end)
        for p in _posyandu_of(actor, region.code):
            rows.append(_row(str(p.id), p.name, link("posyandu", p.id), data.get(p.id, {"posyandu": 1}),
                             period.months, aktif=aktif_detail[p.id]))
    else:
        for child in _children(actor, scope):
            rows.append(_row(child.code, child.label, link("region", child.code), data.get(child.code, {}),
                             period.months, plans.get(child.code), actions.get(child.code, (0, 0))))
    total = _row(scope.code or "", "Jumlah", None, total_values, period.months, total_plans.get(None),
                 total_actions.get(None, (0, 0)))
    for row in (*rows, total):
        fill_figures(row, due)
    board = Dashboard(scope, region.label if region else "Indonesia", period, rows, total,
                      "Posyandu" if level == Level.DESA else (child_level.value.capitalize() if child_level else ""),
                      _crumbs(actor, region), posyandu_aktif=aktif_detail, due_text=due)
    parent = region.parent if region else None
    board.parent_label = parent.label if parent else ("Indonesia" if region else "")
    board.trends = trends(actor, scope, period, fast, Scope(parent.code, Level(parent.level)) if parent else (
        Scope(None, None) if region else None), total_values.get("posyandu") or 0)
    return board


def posyandu_dashboard(actor: Actor, posyandu: Posyandu, period: Period) -> Dashboard:
    """One Posyandu: its figures, its aktif criteria, its reports of the 12 months and its trend against the desa."""
    scope = Scope(posyandu.region_code, Level.DESA, posyandu.id)
    values = _gather(actor, scope, period, False, False).get(None, {})
    aktif = posyandu_aktif(actor, scope, period.end)[posyandu.id]
    due = _due_text(scope.code)
    total = fill_figures(_row(str(posyandu.id), posyandu.name, None, values, period.months, aktif=aktif), due)
    crumbs = _crumbs(actor, posyandu.region) + [(posyandu.name, None)]
    board = Dashboard(scope, posyandu.name, period, [], total, "", crumbs, posyandu_aktif={posyandu.id: aktif},
                      due_text=due, parent_label=posyandu.region.label)
    board.reports = reports_of(actor, posyandu, period)
    board.trends = trends(actor, scope, period, True, Scope(posyandu.region_code, Level.DESA))
    return board


def posyandu_aktif(actor: Actor, scope: Scope, end: int) -> dict[int, PosyanduAktif]:
    """Each Posyandu of the scope with its five aktif criteria over the 12 months ending at `end`: the active ones of
    a desa, or the one Posyandu of its own page even when it is no longer active (its history stays readable)."""
    facts, _ = fast_facts(_where(actor, scope), end, active_only=scope.posyandu_id is None)
    return {posyandu_id: PosyanduAktif(aktif_criteria(f)) for posyandu_id, f in facts.items()}


def reports_of(actor: Actor, posyandu: Posyandu, period: Period) -> list[MonthlyReport]:
    """The Posyandu's reports of the 12 months ending with the period, oldest first."""
    return list(db.session.scalars(
        select(MonthlyReport).join(Posyandu, Posyandu.id == MonthlyReport.posyandu_id)
        .where(MonthlyReport.posyandu_id == posyandu.id, sql.report_period_between(period.end - 11, period.end),
               actor.where_posyandu(PERMISSION, Posyandu.id, Posyandu.region_code))
        .order_by(MonthlyReport.year, MonthlyReport.month)))


def _children(actor: Actor, scope: Scope) -> list[Region]:
    condition = Region.level == Level.PROVINSI if scope.code is None else Region.parent_code == scope.code
    return list(db.session.scalars(select(Region).where(condition, actor.where_region(PERMISSION, Region.code))
                                   .order_by(Region.code)))


def _posyandu_of(actor: Actor, desa: str) -> list[Posyandu]:
    return list(db.session.scalars(
        select(Posyandu).where(Posyandu.region_code == desa, Posyandu.is_active == true(),
                               actor.where_posyandu(PERMISSION, Posyandu.id, Posyandu.region_code))
        .order_by(Posyandu.name)))


# ---- trends --------------------------------------------------------------------------------

TREND_KEYS = (("ds", "D/S (partisipasi penimbangan)"), ("received", "Kelengkapan laporan"),
              ("stunting", "Stunting per balita diukur"))


SERIES_NAMES = ("received", "ds_num", "ds_den", "stunting_num", "stunting_den")


def _series(actor: Actor | None, scope: Scope, months: list[int], fast: bool, posyandu: int | None = None) -> list[dict]:
    where = _where(actor, scope)
    if fast and scope.fast:
        statement = _summary(actor, MONTH, scope, [MONTH.c.period.label("period")], SERIES_NAMES,
                             months[0], months[-1])
    else:
        statement = sql.month_totals(where, [sql.REPORT_PERIOD.label("period")], months[0], months[-1])
    by_period = _keyed(statement, "period")
    if posyandu is None:
        registry = (_summary(actor, REGISTRY, scope, [], REGISTRY_NAMES) if fast and scope.fast
                    else sql.registry_totals(where, []))
        posyandu = (_keyed(registry, None).get(None) or {}).get("posyandu") or 0
    points = []
    for month in months:
        values = by_period.get(month, {})
        points.append({"ds": ratio(values.get("ds_num"), values.get("ds_den")),
                       "received": ratio(values.get("received") or 0, posyandu),
                       "stunting": ratio(values.get("stunting_num"), values.get("stunting_den"))})
    return points


def trends(actor: Actor, scope: Scope, period: Period, fast: bool, parent: Scope | None,
           posyandu: int | None = None) -> list[Trend]:
    """12-month lines of D/S, completeness and stunting, for the scope and (unscoped ratios of) its parent."""
    months = period.trend()
    own = _series(actor, scope, months, fast, posyandu)
    other = _series(None, parent, months, fast) if parent else [{} for _ in months]
    return [Trend(key, title, [p[key] for p in own], [p.get(key) for p in other]) for key, title in TREND_KEYS]
