"""The dashboard's SQL: plain grouped sums over the monthly reports, and the same sums read from the summary.

Why this shape. Below a kabupaten a view touches a few hundred reports, so it is computed
straight from `monthly_report` joined to the Posyandu registry (the registry's region is the
truth; subtree filters run on a `varchar_pattern_ops` index so `LIKE '62.02.01.%'` is a range
scan on PostgreSQL) and grouped by `substr(region_code, 1, len(child code))`. A kabupaten,
province or national view would have to read up to 3.6 million reports (and, for *Posyandu
aktif*, every Posyandu's 12-month window), which is over the 1 s budget, so those read three
summary tables at kecamatan grain (`webapp.dashboard.models`: month sums, aktif counts per
window end, registry counts) instead. The summary rows are
produced by *these same* selects grouped by kecamatan (`summary.py` writes them when a report,
a Posyandu or a due day changes), so the fast path is a re-grouping of exact integer sums and a
test compares it with the plain path on the demo data.

Periods are month numbers, `period = year * 12 + month - 1`. The due instant is computed in SQL
per kabupaten (the zones of Indonesia have had fixed offsets since 1988): the start of day
`report_due_day + 1` of the next month in the kabupaten's zone, in UTC.
"""
from __future__ import annotations

import datetime as dt
from functools import cache
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, and_, case, false, func, literal, or_, select, true, union_all
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from webapp.dashboard.strength import SERVED_FIELDS
from webapp.dashboard.indicators import (COVERAGE_SERVICES_MIN, KADER_MIN, PAIRS,
                                         SERVICE_PAIRS, WINDOW)
from webapp.regions.models import ZONE_SUFFIX, KabupatenSetting, Posyandu
from webapp.reports.models import MonthlyReport, Status
from webapp.signals.keys import year_month

R = MonthlyReport.__table__
P = Posyandu.__table__
KS = KabupatenSetting.__table__

RECEIVED = (Status.SUBMITTED.value, Status.RETURNED.value, Status.VERIFIED.value)
COUNTED = (Status.SUBMITTED.value, Status.VERIFIED.value)  # a returned report's numbers wait for its resubmission
DEFAULT_DUE_DAY = 5
CODE_LEN = {"provinsi": 2, "kabupaten": 5, "kecamatan": 8, "desa": 13}


REPORT_PERIOD = R.c.year * 12 + R.c.month - 1


def report_period_between(p0: int, p1: int):
    """Reports of months p0..p1, written so the (year, month) index can serve it."""
    (y0, m0), (y1, m1) = year_month(p0), year_month(p1)
    if y0 == y1:
        return and_(R.c.year == y0, R.c.month.between(m0, m1))
    return or_(and_(R.c.year == y0, R.c.month >= m0), and_(R.c.year == y1, R.c.month <= m1),
               R.c.year.between(y0 + 1, y1 - 1))


def _utc_hours(zone: str) -> int:
    return int(dt.datetime(2025, 1, 1, tzinfo=ZoneInfo(zone)).utcoffset().total_seconds() // 3600)


ZONE_OFFSET = case({zone: _utc_hours(zone) for zone in ZONE_SUFFIX}, value=KS.c.timezone, else_=7)


class due_at(FunctionElement):
    """due_at(year, month, due_day, utc_offset_hours): the UTC instant a month's report is late from."""

    type = DateTime()
    inherit_cache = True
    name = "due_at"


@compiles(due_at, "postgresql")
def _due_at_postgresql(element, compiler, **kw):
    year, month, day, offset = (compiler.process(arg, **kw) for arg in element.clauses)
    return (f"(make_timestamp({year}, {month}, 1, 0, 0, 0) "
            f"+ make_interval(months => 1, days => {day}, hours => -({offset})))")


@compiles(due_at, "sqlite")
def _due_at_sqlite(element, compiler, **kw):
    year, month, day, offset = (compiler.process(arg, **kw) for arg in element.clauses)
    return (f"datetime(printf('%04d-%02d-01', {year}, {month}), '+1 month', '+' || ({day}) || ' days', "
            f"'-' || ({offset}) || ' hours')")


def subtree(code: str | None, column=P.c.region_code):
    """Rows in this region or below it (everything for the national view)."""
    if code is None:
        return true()
    if code.count(".") == 3:
        return column == code
    return or_(column == code, column.startswith(code + ".", autoescape=True))


def child_of(length: int, column=P.c.region_code):
    """The child-region code a row belongs to: its code cut to the child tier's length."""
    return func.substr(column, 1, length)


@cache  # built once: composing ~60 sums costs more than running the query on a small scope
def _month_columns() -> tuple:
    received = R.c.status.in_(RECEIVED)
    counted = R.c.status.in_(COUNTED)
    first_sent = func.coalesce(R.c.first_submitted_at, R.c.submitted_at)
    due = due_at(R.c.year, R.c.month, func.coalesce(KS.c.report_due_day, DEFAULT_DUE_DAY), ZONE_OFFSET)
    columns = [
        func.sum(case((received, 1), else_=0)).label("received"),
        func.sum(case((and_(received, first_sent < due), 1), else_=0)).label("on_time"),
    ]
    for pair in PAIRS:
        num, den = R.c[pair.numerator], R.c[pair.denominator]
        both = and_(counted, num.isnot(None), den.isnot(None))
        columns += [func.sum(case((both, num))).label(f"{pair.key}_num"),
                    func.sum(case((both, den))).label(f"{pair.key}_den"),
                    func.sum(case((both, 1))).label(f"{pair.key}_n")]
    return tuple(columns)


MONTH_VALUE_NAMES = ("received", "on_time") + tuple(f"{p.key}_{s}" for p in PAIRS for s in ("num", "den", "n"))


def month_totals(where, group: list, p0: int, p1: int):
    """Reports received, on time and the paired sums over months p0..p1, grouped by `group`."""
    joined = (R.join(P, P.c.id == R.c.posyandu_id)
              .outerjoin(KS, KS.c.region_code == func.substr(P.c.region_code, 1, 5)))
    return (select(*group, *_month_columns()).select_from(joined)
            .where(where, report_period_between(p0, p1)).group_by(*group))


def _offsets():
    return union_all(*(select(literal(k).label("k")) for k in range(WINDOW))).subquery("offsets")


@cache
def _aktif_parts():
    """The window offsets and a report's two flags: it served, and ≥ 50 % on ≥ 3 of the 4 services."""
    counted = R.c.status.in_(COUNTED)
    served = and_(counted, or_(and_(R.c.closed == false(), R.c.open_dates != ""), R.c.home_visits > 0))
    covered = sum(case((and_(R.c[p.numerator].isnot(None), R.c[p.denominator] > 0,
                             R.c[p.numerator] * 2 >= R.c[p.denominator]), 1), else_=0) for p in SERVICE_PAIRS)
    return _offsets(), served, and_(counted, covered >= COVERAGE_SERVICES_MIN)


def aktif_per_posyandu(where, e0: int, e1: int):
    """Per Posyandu and window end e0..e1: months with service and months with ≥ 50 % on ≥ 3 services."""
    offsets, served, coverage = _aktif_parts()
    end = (REPORT_PERIOD + offsets.c.k).label("window_end")
    return (select(R.c.posyandu_id, end, func.sum(case((served, 1), else_=0)).label("service_months"),
                   func.sum(case((coverage, 1), else_=0)).label("coverage_months"))
            .select_from(R.join(P, P.c.id == R.c.posyandu_id).join(offsets, true()))
            .where(where, report_period_between(e0 - WINDOW + 1, e1), end.between(e0, e1))
            .group_by(R.c.posyandu_id, end))


def strength_window(where, e0: int, e1: int):
    """Per Posyandu and window end e0..e1 (the `strength_window` summary's rows): counted reports, service,
    coverage and extra-activity months, reports received in the end month and the one before, and the end
    month's served life-cycle groups (a bitmask) and home visits."""
    offsets, served, coverage = _aktif_parts()
    end = (REPORT_PERIOD + offsets.c.k).label("period")
    counted, extra, now = R.c.status.in_(COUNTED), R.c.kegiatan_tambahan, offsets.c.k == 0
    groups = sum(case((or_(*(R.c[f"{name}_served"] > 0 for name in names)), 1 << bit), else_=0)
                 for bit, names in enumerate(SERVED_FIELDS.values()))
    return (select(R.c.posyandu_id, end, P.c.region_code.label("desa_code"),
                   func.sum(case((counted, 1), else_=0)).label("reports"),
                   func.sum(case((served, 1), else_=0)).label("service_months"),
                   func.sum(case((coverage, 1), else_=0)).label("coverage_months"),
                   func.sum(case((and_(counted, extra > 0), 1), else_=0)).label("extra_months"),
                   func.sum(case((and_(counted, extra.isnot(None)), 1), else_=0)).label("extra_reported"),
                   func.sum(case((offsets.c.k <= 1, 1), else_=0)).label("received_recent"),
                   func.max(case((and_(counted, now), groups))).label("month_groups"),
                   func.max(case((and_(counted, now), R.c.home_visits))).label("month_home"))
            .select_from(R.join(P, P.c.id == R.c.posyandu_id).join(offsets, true()))
            .where(where, R.c.status.in_(RECEIVED), report_period_between(e0 - WINDOW + 1, e1), end.between(e0, e1))
            .group_by(R.c.posyandu_id, end, P.c.region_code))


STRENGTH_WINDOW_NAMES = ("posyandu_id", "period", "desa_code", "reports", "service_months", "coverage_months",
                         "extra_months", "extra_reported", "received_recent", "month_groups", "month_home")


def registry_totals(where, group: list):
    """Active Posyandu and those with enough kader with an SK, per group (live from the registry)."""
    return (select(*group, func.count().label("posyandu"),
                   func.sum(case((P.c.kader_with_sk >= KADER_MIN, 1), else_=0)).label("kader_met"))
            .where(where, P.c.is_active == true()).group_by(*group))
