"""Completeness (on time / late / missing) and recap sums per region and month, each tier within its subtree."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func, or_, select

from webapp.access import Actor
from webapp.extensions import db
from webapp.regions.models import Posyandu, Region
from webapp.regions.queries import setting_for
from webapp.reports import queries
from webapp.reports.fields import COUNT_NAMES, RATIOS
from webapp.reports.models import MonthlyReport
from webapp.reports.periods import due_at, last_months
from webapp.clock import shift_month, today_in


def _under(column, code: str):
    return or_(column == code, column.startswith(code + ".", autoescape=True))


def _child_code(code: str, region_code: str) -> str:
    """The child of `code` that `region_code` lies in (the desa itself below a desa)."""
    depth = code.count(".") + 2
    return ".".join(region_code.split(".")[:depth])


@dataclass
class CompletenessRow:
    key: str
    label: str
    total: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    state: str = ""  # for a single Posyandu: "tepat", "terlambat", "belum"
    report_id: int | None = None
    posyandu_id: int | None = None

    @property
    def received(self) -> int:
        return self.on_time + self.late


def state_of(first_submitted_at, due) -> str:
    """A Posyandu's month: never sent ("belum"), first sent by the due moment ("tepat") or after it."""
    if first_submitted_at is None:
        return "belum"
    return "tepat" if first_submitted_at <= due else "terlambat"


def completeness(actor: Actor, region: Region, year: int, month: int) -> tuple[list[CompletenessRow], CompletenessRow]:
    """Per child region (or per Posyandu in a desa): on time, late and missing; with the total.

    Counted in SQL, in columns: a kecamatan or kabupaten holds thousands of Posyandu-months and
    loading each as an object cost more than the whole rest of the page."""
    setting = setting_for(region.code)
    due = due_at(year, month, setting.report_due_day, setting.timezone)
    if region.level == "desa":
        return _completeness_per_posyandu(actor, region, year, month, due)
    submitted = MonthlyReport.first_submitted_at
    rows = db.session.execute(
        select(Posyandu.region_code, func.count(Posyandu.id), func.sum(case((submitted <= due, 1), else_=0)),
               func.sum(case((submitted > due, 1), else_=0)))
        .select_from(Posyandu).outerjoin(MonthlyReport, _month_of(year, month))
        .where(*_posyandu_seen(actor, region)).group_by(Posyandu.region_code).order_by(Posyandu.region_code)).all()
    names = dict(db.session.execute(select(Region.code, Region.name).where(Region.parent_code == region.code)).all())
    groups: dict[str, CompletenessRow] = {}
    total = CompletenessRow("", "Jumlah")
    for region_code, count, on_time, late in rows:
        key = _child_code(region.code, region_code)
        row = groups.setdefault(key, CompletenessRow(key, names.get(key, key)))
        for target in (row, total):
            target.total += count
            target.on_time += on_time or 0
            target.late += late or 0
            target.missing += count - (on_time or 0) - (late or 0)
    return list(groups.values()), total


def _month_of(year: int, month: int):
    return (MonthlyReport.posyandu_id == Posyandu.id) & (MonthlyReport.year == year) & (MonthlyReport.month == month)


def _posyandu_seen(actor: Actor, region: Region) -> tuple:
    return (Posyandu.is_active, _under(Posyandu.region_code, region.code),
            actor.where_posyandu("report.view", Posyandu.id, Posyandu.region_code))


def _completeness_per_posyandu(actor: Actor, region: Region, year: int, month: int, due):
    """A desa: one row per Posyandu with its state and report."""
    rows = db.session.execute(
        select(Posyandu.id, Posyandu.name, MonthlyReport.id, MonthlyReport.first_submitted_at)
        .select_from(Posyandu).outerjoin(MonthlyReport, _month_of(year, month))
        .where(*_posyandu_seen(actor, region)).order_by(Posyandu.region_code, Posyandu.name)).all()
    groups: dict[str, CompletenessRow] = {}
    total = CompletenessRow("", "Jumlah")
    for posyandu_id, name, report_id, first_submitted_at in rows:
        row = groups.setdefault(str(posyandu_id), CompletenessRow(str(posyandu_id), name))
        state = state_of(first_submitted_at, due)
        for target in (row, total):
            target.total += 1
            target.on_time += state == "tepat"
            target.late += state == "terlambat"
            target.missing += state == "belum"
        row.state, row.posyandu_id, row.report_id = state, posyandu_id, report_id
    return list(groups.values()), total


def add(a: int | None, b: int | None) -> int | None:
    """A sum where blank stays blank: None + None is None, None + 3 is 3."""
    return b if a is None else a if b is None else a + b


@dataclass
class RecapRow:
    key: str
    label: str
    reports: int = 0
    sums: dict = field(default_factory=lambda: dict.fromkeys(COUNT_NAMES))

    def ratio(self, numerator: str, denominator: str) -> float | None:
        top, bottom = self.sums[numerator], self.sums[denominator]
        return None if top is None or not bottom else top / bottom

    @property
    def ratios(self) -> dict[str, float | None]:
        return {key: self.ratio(num, den) for key, _, num, den in RATIOS}

    def absorb(self, reports: int, sums: dict) -> None:
        self.reports += reports
        for name in COUNT_NAMES:
            self.sums[name] = add(self.sums[name], sums[name])


def recap(actor: Actor, region: Region, year: int, month: int) -> tuple[list[RecapRow], RecapRow]:
    """Sums of every count of the received (submitted or verified) reports, per child region, and the total."""
    columns = [func.sum(getattr(MonthlyReport, n)) for n in COUNT_NAMES]
    per_posyandu = region.level == "desa"
    key_column = MonthlyReport.posyandu_id if per_posyandu else MonthlyReport.region_code
    rows = db.session.execute(
        select(key_column, func.count(MonthlyReport.id), *columns)
        .where(queries.visible(actor), MonthlyReport.year == year, MonthlyReport.month == month,
               MonthlyReport.status.in_(queries.RECEIVED), _under(MonthlyReport.region_code, region.code))
        .group_by(key_column)).all()
    if per_posyandu:
        labels = dict(db.session.execute(select(Posyandu.id, Posyandu.name).where(
            Posyandu.region_code == region.code, Posyandu.is_active)).all())
    else:
        labels = dict(db.session.execute(select(Region.code, Region.name).where(
            Region.parent_code == region.code)).all())
    groups: dict = {}
    total = RecapRow("", "Jumlah")
    for key, count, *sums in rows:
        child = key if per_posyandu else _child_code(region.code, key)
        values = dict(zip(COUNT_NAMES, sums, strict=True))
        groups.setdefault(child, RecapRow(str(child), labels.get(child, str(child)))).absorb(count, values)
        total.absorb(count, values)
    for child, label in labels.items():  # a child with no report is listed too: empty, not left out
        groups.setdefault(child, RecapRow(str(child), label))
    return sorted(groups.values(), key=lambda r: r.label), total


def last_month(timezone: str) -> tuple[int, int]:
    today = today_in(timezone)
    return shift_month(today.year, today.month, -1)


def overview_missing(actor: Actor) -> list:
    """For each desa the actor verifies: (region, last month, Posyandu rows not yet reported)."""
    found = []
    for code in actor.region_codes("report.verify"):
        region = db.session.get(Region, code)
        if region.level != "desa":
            continue
        period = last_month(setting_for(code).timezone)
        rows, _ = completeness(actor, region, *period)
        found.append((region, period, [r for r in rows if r.state == "belum"]))
    return [item for item in found if item[2]]


@dataclass
class Overview:
    """What the report index shows to one actor."""

    filed: list = field(default_factory=list)  # (posyandu, [(y, m, report)])
    returned: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    regions: list = field(default_factory=list)


def overview(actor: Actor, months: int = 12) -> Overview:
    result = Overview(returned=queries.returned_reports(actor), waiting=queries.waiting_to_verify(actor),
                      missing=overview_missing(actor))
    for posyandu in queries.filed_posyandu(actor):
        periods = last_months(today_in(setting_for(posyandu.region_code).timezone), months)
        found = queries.reports_of(posyandu, periods)
        result.filed.append((posyandu, [(y, m, found.get((y, m))) for y, m in periods]))
    result.regions = [db.session.get(Region, code) for code in actor.region_codes("report.view")]
    return result
