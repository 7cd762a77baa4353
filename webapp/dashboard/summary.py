"""Keeps the dashboard's summary tables equal to a recomputation from the reports.

A flush that touches a monthly report, a Posyandu or a kabupaten's due day marks the kecamatan
and months it affects; before the transaction commits, those summary rows are deleted and
written again by the plain selects of `webapp.dashboard.sql`, in the same transaction as the
change (so a verified report and the dashboard never disagree after a commit). A change to a
report's month touches that month and the 12 window ends that include it. `rebuild()` rewrites
everything (after a bulk load that bypassed the ORM, and from `flask dashboard rebuild`).
"""
from __future__ import annotations

from itertools import chain

from sqlalchemy import delete, event, func, insert, inspect, select

from webapp.dashboard import sql
from webapp.dashboard.indicators import WINDOW
from webapp.dashboard.models import DashboardAktif, DashboardMonth, DashboardRegistry
from webapp.regions.models import KabupatenSetting, Posyandu
from webapp.reports.models import MonthlyReport

MONTH = DashboardMonth.__table__
AKTIF = DashboardAktif.__table__
REGISTRY = DashboardRegistry.__table__
KEC_GROUP = [sql.child_of(8).label("kecamatan_code"), sql.child_of(5).label("kabupaten_code"),
             sql.child_of(2).label("province_code")]


def _write_month(connection, where, p0: int, p1: int) -> None:
    select_ = sql.month_totals(where, [*KEC_GROUP, sql.REPORT_PERIOD.label("period")], p0, p1)
    names = ["kecamatan_code", "kabupaten_code", "province_code", "period", *sql.MONTH_VALUE_NAMES]
    connection.execute(insert(MONTH).from_select(names, select_))


def _write_aktif(connection, where, e0: int, e1: int) -> None:
    select_ = sql.aktif_totals(where, KEC_GROUP, e0, e1)
    names = ["kecamatan_code", "kabupaten_code", "province_code", "period", "service_met", "coverage_met",
             "madya", "aktif"]
    connection.execute(insert(AKTIF).from_select(names, select_))


def _write_registry(connection, where) -> None:
    select_ = sql.registry_totals(where, KEC_GROUP)
    names = ["kecamatan_code", "kabupaten_code", "province_code", "posyandu", "kader_met"]
    connection.execute(insert(REGISTRY).from_select(names, select_))


def _period_range(connection, where) -> tuple[int, int] | None:
    low, high = connection.execute(
        select(func.min(sql.REPORT_PERIOD), func.max(sql.REPORT_PERIOD))
        .select_from(sql.R.join(sql.P, sql.P.c.id == sql.R.c.posyandu_id)).where(where)).one()
    return None if low is None else (low, high)


def rebuild(connection, code: str | None = None) -> None:
    """Rewrite every summary row of a region's subtree (code: a kecamatan or wider; None = all)."""
    for table in (MONTH, AKTIF, REGISTRY):
        connection.execute(delete(table).where(sql.subtree(code, table.c.kecamatan_code)))
    where = sql.subtree(code)
    _write_registry(connection, where)
    span = _period_range(connection, where)
    if span is None:
        return
    _write_month(connection, where, *span)
    _write_aktif(connection, where, span[0], span[1] + WINDOW - 1)


def refresh_month(connection, kecamatan: str, period: int) -> None:
    """One kecamatan's month and the 12 window ends that month belongs to."""
    connection.execute(delete(MONTH).where(MONTH.c.kecamatan_code == kecamatan, MONTH.c.period == period))
    connection.execute(delete(AKTIF).where(AKTIF.c.kecamatan_code == kecamatan,
                                           AKTIF.c.period.between(period, period + WINDOW - 1)))
    where = sql.subtree(kecamatan)
    _write_month(connection, where, period, period)
    _write_aktif(connection, where, period, period + WINDOW - 1)


# ---- keeping it current -------------------------------------------------------------------

def _pending(session) -> dict:
    return session.info.setdefault("dashboard_pending", {"months": set(), "regions": set()})


def _old_and_new(obj, *names):
    """(value before, value now) of each attribute, so a moved report refreshes both places."""
    state = inspect(obj)
    values = []
    for name in names:
        history = state.attrs[name].history
        values.append(((history.deleted or [None])[0], getattr(obj, name)))
    return values


def _collect(session, _flush_context) -> None:
    pending = None
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, MonthlyReport):
            (old_code, code), (old_year, year), (old_month, month), (old_status, status) = _old_and_new(
                obj, "region_code", "year", "month", "status")
            if old_status not in sql.RECEIVED and status not in sql.RECEIVED:
                continue  # a draft's saves change no figure
            pending = pending or _pending(session)
            pending["months"].add((code[:8], sql.period_of(year, month)))
            if old_code or old_year or old_month:
                pending["months"].add(((old_code or code)[:8], sql.period_of(old_year or year, old_month or month)))
        elif isinstance(obj, Posyandu):
            pending = pending or _pending(session)
            (old_code, code), = _old_and_new(obj, "region_code")
            pending["regions"].update(c[:8] for c in (old_code, code) if c and c.count(".") >= 2)
        elif isinstance(obj, KabupatenSetting) and inspect(obj).attrs.report_due_day.history.has_changes():
            pending = pending or _pending(session)
            pending["regions"].add(obj.region_code)


def _apply(session) -> None:
    session.flush()  # commit flushes only after this hook; the last changes must be seen here
    pending = session.info.pop("dashboard_pending", None)
    if not pending:
        return
    connection = session.connection()
    regions = sorted(pending["regions"])
    for code in regions:
        rebuild(connection, code)
    for kecamatan, period in sorted(pending["months"]):
        if not any(kecamatan == r or kecamatan.startswith(r + ".") for r in regions):
            refresh_month(connection, kecamatan, period)


def _forget(session) -> None:
    session.info.pop("dashboard_pending", None)


LISTENERS = (("after_flush", _collect), ("before_commit", _apply), ("after_rollback", _forget))


def listen(app) -> None:
    """Keep the summaries current in the app's own session: a report change (or a moved Posyandu, a new
    due day) refreshes the rows of its kecamatan and month in the same transaction."""
    from webapp.extensions import db

    for name, fn in LISTENERS:
        if not event.contains(db.session, name, fn):
            event.listen(db.session, name, fn)
