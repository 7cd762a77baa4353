"""The monthly figures signals are drawn from: per unit (the child regions of a body's region, or the
Posyandu of a desa) and per month, reports expected / received / on time and the sums behind four ratios.

Read as of a moment: a report counts as received only when it was first sent before that moment, so
the same pack can be recomputed for a past meeting. A ratio is Σ numerator ÷ Σ denominator over the
received reports that filled both numbers (blank is not zero), as on the dashboard.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import String, and_, case, cast, func, or_, select

from webapp.extensions import db
from webapp.regions.models import Level, Posyandu, Region
from webapp.reports.models import MonthlyReport, Status
from webapp.reports.periods import due_at
from webapp.signals.keys import year_month

# ratio key -> (numerator, denominator, label)
RATIOS = {
    "ds": ("balita_d", "balita_s", "D/S"),
    "stunting": ("stunted", "measured", "Stunting per diukur"),
    "bgm": ("balita_bgm", "balita_d", "BGM per ditimbang"),
    "kek": ("ibu_hamil_kek", "ibu_hamil_examined", "Ibu hamil KEK per diperiksa"),
    "2t": ("balita_2t", "balita_d", "2T per ditimbang"),
}
MR = MonthlyReport


@dataclass
class Cell:
    """One unit (or the whole area) in one month."""

    expected: int = 0
    received: int = 0
    on_time: int = 0
    sums: dict[str, list[int]] = field(default_factory=dict)  # ratio key -> [Σ numerator, Σ denominator]

    def ratio(self, key: str) -> float | None:
        num, den = self.sums.get(key, (0, 0))
        return num / den if den else None

    def count(self, key: str) -> int:
        return self.sums.get(key, (0, 0))[0]

    def add(self, other: Cell) -> None:
        self.received += other.received
        self.on_time += other.on_time
        for key, (num, den) in other.sums.items():
            mine = self.sums.setdefault(key, [0, 0])
            mine[0] += num
            mine[1] += den


@dataclass
class Figures:
    units: dict[str, str]                       # unit key -> label ("Desa Palangan")
    expected: dict[str, int]                    # unit key -> active Posyandu
    cells: dict[tuple[str, int], Cell]          # (unit, period) -> figures
    periods: list[int]

    def cell(self, unit: str, period: int) -> Cell:
        return self.cells.get((unit, period)) or Cell(expected=self.expected.get(unit, 0))

    def area(self, period: int) -> Cell:
        total = Cell(expected=sum(self.expected.values()))
        for unit in self.units:
            total.add(self.cell(unit, period))
        return total


def unit_column(region: Region, table):
    """The unit a row falls in: the Posyandu below a desa, the desa below a kecamatan, else the child region."""
    if region.level == Level.DESA:
        return cast(table.posyandu_id if table is MR else table.id, String)
    if region.level == Level.KECAMATAN:
        return table.region_code
    return func.substr(table.region_code, 1, len(region.code) + 3)


def in_area(region: Region, column):
    return or_(column == region.code, column.startswith(region.code + ".", autoescape=True))


def reports_in_area(region: Region):
    """Reports of the area's Posyandu: found through the registry's region-prefix index and the reports'
    (posyandu, year, month) key; a LIKE on the reports' own region code cannot use an index on PostgreSQL."""
    if region.level == Level.DESA:
        return MR.region_code == region.code
    return MR.posyandu_id.in_(select(Posyandu.id).where(in_area(region, Posyandu.region_code)))


def units_of(region: Region) -> tuple[dict[str, str], dict[str, int]]:
    if region.level == Level.DESA:
        rows = db.session.execute(select(Posyandu.id, Posyandu.name).where(
            Posyandu.region_code == region.code, Posyandu.is_active.is_(True)).order_by(Posyandu.name)).all()
        return {str(i): name for i, name in rows}, {str(i): 1 for i, _ in rows}
    children = db.session.scalars(select(Region).where(Region.parent_code == region.code).order_by(Region.code))
    labels = {r.code: r.label for r in children}
    unit = unit_column(region, Posyandu)
    counts = dict(db.session.execute(select(unit, func.count()).where(
        in_area(region, Posyandu.region_code), Posyandu.is_active.is_(True)).group_by(unit)).all())
    return labels, {code: counts.get(code, 0) for code in labels}


def load(region: Region, periods: list[int], as_of_at: dt.datetime, due_day: int, timezone: str) -> Figures:
    """Figures for every unit of `region` and every period in `periods`, as known at `as_of_at` (UTC)."""
    labels, expected = units_of(region)
    sent = and_(MR.status != Status.DRAFT, MR.first_submitted_at.is_not(None), MR.first_submitted_at <= as_of_at)
    on_time = case(*[(and_(MR.year == y, MR.month == m, MR.first_submitted_at <= due_at(y, m, due_day, timezone)), 1)
                     for y, m in map(year_month, periods)], else_=0)
    columns = [func.sum(case((sent, 1), else_=0)), func.sum(case((sent, on_time), else_=0))]
    for num, den, _ in RATIOS.values():
        both = and_(sent, getattr(MR, num).is_not(None), getattr(MR, den).is_not(None))
        columns += [func.sum(case((both, getattr(MR, num)), else_=0)), func.sum(case((both, getattr(MR, den)), else_=0))]
    unit = unit_column(region, MR)
    number = MR.year * 12 + MR.month - 1
    rows = db.session.execute(
        select(unit, number, *columns)
        .where(reports_in_area(region), number >= min(periods), number <= max(periods))
        .group_by(unit, number)).all()
    cells = {}
    for key, period, received, timely, *sums in rows:
        pairs = {name: [int(sums[2 * i] or 0), int(sums[2 * i + 1] or 0)] for i, name in enumerate(RATIOS)}
        cells[(key, int(period))] = Cell(expected.get(key, 0), int(received or 0), int(timely or 0), pairs)
    return Figures(labels, expected, cells, sorted(periods))
