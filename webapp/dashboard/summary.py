"""Keeps the dashboard's summary tables equal to a recomputation from the reports, without conflicts.

The Posyandu-strength summary (`strength_summary.py`: window rows per Posyandu, a profile per Posyandu) is
written here too, in the same transaction and under the same locks, so both stay exact together.

A flush that touches a monthly report, a Posyandu or a kabupaten's due day marks the desa and
months it affects; before the transaction commits, those summary rows are recomputed by the plain
selects of `webapp.dashboard.sql`, in the same transaction as the change (so a verified report and
the dashboard never disagree after a commit). A change to a report's month touches that month and
the 12 window ends that include it.

Why no conflict: two kader of one kecamatan submitting together would otherwise both rewrite the
same rows, and on PostgreSQL one of them meets a unique-key clash or a deadlock at commit. Every
rewrite first takes the lock of each kecamatan it touches, in code order (a transaction-scoped
advisory lock; a rebuild wider than a kecamatan locks the summary tables instead), and only then
reads, so it sees every report committed before it. On SQLite, BEGIN IMMEDIATE already serialises
writers. A rebuild of many regions (a region import adds hundreds of kabupaten settings) is one
pass over the regions that hold any data.
"""
from __future__ import annotations

import zlib
from itertools import chain

from sqlalchemy import delete, event, func, insert, inspect, or_, select, text

from webapp.dashboard import sql, strength_summary
from webapp.dashboard.indicators import WINDOW
from webapp.dashboard.models import DashboardMonth, DashboardRegistry
from webapp.regions.models import KabupatenSetting, Posyandu
from webapp.reports.models import MonthlyReport
from webapp.signals.keys import period_of

MONTH = DashboardMonth.__table__
REGISTRY = DashboardRegistry.__table__
TABLES = (MONTH, REGISTRY, strength_summary.PROFILE, strength_summary.WINDOW)  # locked in this (name) order
KEY_NAMES = ["desa_code", "kecamatan_code", "kabupaten_code", "province_code"]
GROUP = [sql.child_of(length).label(name) for length, name in zip((13, 8, 5, 2), KEY_NAMES, strict=True)]
LOCK_SPACE = 1717  # first key of the two-key advisory locks, so other users of advisory locks never collide
POSYANDU_FIELDS = ("region_code", "is_active", "kader_with_sk")  # what the summary reads from the registry
REBUILD_CHUNK = 50  # regions per statement: SQLite refuses expressions nested deeper than 1,000
PENDING = "dashboard_pending"


def _write_month(connection, where, p0: int, p1: int) -> None:
    select_ = sql.month_totals(where, [*GROUP, sql.REPORT_PERIOD.label("period")], p0, p1)
    connection.execute(insert(MONTH).from_select([*KEY_NAMES, "period", *sql.MONTH_VALUE_NAMES], select_))


def _write_registry(connection, where) -> None:
    select_ = sql.registry_totals(where, GROUP)
    connection.execute(insert(REGISTRY).from_select([*KEY_NAMES, "posyandu", "kader_met"], select_))


def _period_range(connection, where) -> tuple[int, int] | None:
    low, high = connection.execute(
        select(func.min(sql.REPORT_PERIOD), func.max(sql.REPORT_PERIOD))
        .select_from(sql.R.join(sql.P, sql.P.c.id == sql.R.c.posyandu_id)).where(where)).one()
    return None if low is None else (low, high)


def _within(codes: list[str | None], column):
    return or_(*(sql.subtree(code, column) for code in codes))


def lock(connection, kecamatans: set[str], wide: bool = False) -> None:
    """Take the summary's locks before rewriting it: per kecamatan in code order, or the tables when wide."""
    if connection.dialect.name != "postgresql":
        return  # SQLite: the transaction already holds the database's only write lock
    if wide:
        names = ", ".join(table.name for table in TABLES)
        connection.execute(text(f"LOCK TABLE {names} IN EXCLUSIVE MODE"))
        return
    for code in sorted(kecamatans):
        connection.execute(text("SELECT pg_advisory_xact_lock(:space, :key)"),
                           {"space": LOCK_SPACE, "key": zlib.crc32(code.encode()) & 0x7FFFFFFF})


def _rewrite(connection, codes: list[str | None]) -> None:
    """Delete and write again every summary row of these subtrees (locks already held)."""
    for start in range(0, len(codes), REBUILD_CHUNK):
        chunk = codes[start:start + REBUILD_CHUNK]
        for table in (MONTH, REGISTRY, strength_summary.WINDOW):
            connection.execute(delete(table).where(_within(chunk, table.c.desa_code)))
        where = _within(chunk, sql.P.c.region_code)
        _write_registry(connection, where)
        strength_summary.rewrite_profiles_within(connection, where, _within(chunk, strength_summary.PROFILE.c.region_code))
        if (span := _period_range(connection, where)) is not None:
            _write_month(connection, where, *span)
            strength_summary.write_window(connection, where, span[0], span[1] + WINDOW - 1)


def rebuild(connection, code: str | None = None) -> None:
    """Rewrite every summary row of a region's subtree (code: a desa or wider; None = all)."""
    lock(connection, {code[:8]} if code and code.count(".") >= 2 else set(), wide=code is None or code.count(".") < 2)
    _rewrite(connection, [code])


def refresh_month(connection, desa: str, period: int) -> None:
    """One desa's month and the 12 window ends that month belongs to (locks already held)."""
    connection.execute(delete(MONTH).where(MONTH.c.desa_code == desa, MONTH.c.period == period))
    strength_summary.delete_window(connection, strength_summary.WINDOW.c.desa_code == desa, period,
                                   period + WINDOW - 1)
    where = sql.subtree(desa)
    _write_month(connection, where, period, period)
    strength_summary.write_window(connection, where, period, period + WINDOW - 1)


def _holding_data(connection, codes: set[str]) -> list[str]:
    """The regions worth rewriting: every desa, and the wider regions that have a Posyandu or summary
    rows (a region import adds hundreds of kabupaten with neither: one grouped read, not one each)."""
    wide = {code for code in codes if code.count(".") < 3}
    present: set[str] = set()
    for length in {len(code) for code in wide}:
        for column in (sql.P.c.region_code, REGISTRY.c.desa_code):
            present.update(connection.scalars(select(func.substr(column, 1, length)).distinct()))
    return sorted((codes - wide) | (wide & present))


def _desa_months(connection, reports: set[tuple[int, int]]) -> set[tuple[str, int]]:
    """(desa, period) of each (Posyandu, period): the registry's current desa is where a report counts."""
    ids = {posyandu_id for posyandu_id, _ in reports}
    desa = dict(connection.execute(select(sql.P.c.id, sql.P.c.region_code).where(sql.P.c.id.in_(ids))).all())
    return {(desa[posyandu_id], period) for posyandu_id, period in reports if posyandu_id in desa}


def apply_pending(session) -> None:
    """Rewrite what this transaction's flushes marked, under the locks, just before it commits."""
    session.flush()  # commit flushes only after this hook; the last changes must be seen here
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    connection = session.connection()
    regions = _holding_data(connection, pending["regions"])
    months = sorted(_desa_months(connection, pending["reports"]))
    months = [(desa, period) for desa, period in months
              if not any(desa == r or desa.startswith(r + ".") for r in regions)]
    profiles = _profiles_outside(connection, strength_summary.posyandu_to_refresh(connection, pending), regions)
    if not regions and not months and not profiles:
        return
    lock(connection, {code[:8] for code in regions} | {desa[:8] for desa, _ in months} | set(profiles.values()),
         wide=any(code.count(".") < 2 for code in regions))
    _rewrite(connection, regions)
    for desa, period in months:
        refresh_month(connection, desa, period)
    strength_summary.write_profiles(connection, sorted(profiles))


def _profiles_outside(connection, ids: set[int], regions: list[str]) -> dict[int, str]:
    """Posyandu id -> kecamatan, for the profiles to rewrite that a region rewrite does not already cover."""
    if not ids:
        return {}
    rows = connection.execute(select(sql.P.c.id, sql.P.c.region_code).where(sql.P.c.id.in_(sorted(ids)))).all()
    return {pid: code[:8] for pid, code in rows if not any(code == r or code.startswith(r + ".") for r in regions)}


# ---- what a flush marks ---------------------------------------------------------------------

def _pending(session) -> dict:
    return session.info.setdefault(PENDING, {"reports": set(), "regions": set(), "posyandu": set(), "kader": set(),
                                             "users": set()})


def _old_and_new(obj, *names):
    """(value before, value now) of each attribute, so a moved report refreshes both places."""
    state = inspect(obj)
    values = []
    for name in names:
        history = state.attrs[name].history
        values.append(((history.deleted or [None])[0], getattr(obj, name)))
    return values


def _changed(session, obj, names) -> bool:
    state = inspect(obj)
    return obj in session.new or obj in session.deleted or any(state.attrs[n].history.has_changes() for n in names)


def collect(session, _flush_context=None) -> None:
    """Mark the (Posyandu, month) pairs and regions a flush changed; nothing is written yet."""
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, MonthlyReport):
            (old_posyandu, posyandu), (old_year, year), (old_month, month), (old_status, status) = _old_and_new(
                obj, "posyandu_id", "year", "month", "status")
            if old_status not in sql.RECEIVED and status not in sql.RECEIVED:
                continue  # a draft's saves change no figure
            reports = _pending(session)["reports"]
            reports.add((posyandu, period_of(year, month)))
            if old_posyandu or old_year or old_month:
                reports.add((old_posyandu or posyandu, period_of(old_year or year, old_month or month)))
        elif isinstance(obj, Posyandu) and _changed(session, obj, POSYANDU_FIELDS):
            (old_code, code), = _old_and_new(obj, "region_code")
            _pending(session)["regions"].update(c for c in (old_code, code) if c and c.count(".") >= 2)
            _pending(session)["posyandu"].add(obj.id)
        elif isinstance(obj, KabupatenSetting) and inspect(obj).attrs.report_due_day.history.has_changes():
            _pending(session)["regions"].add(obj.region_code)
        elif isinstance(obj, strength_summary.MARKED):
            strength_summary.mark(_pending(session), obj)


def forget(session, *_args) -> None:
    """A rolled-back transaction changed nothing."""
    session.info.pop(PENDING, None)


LISTENERS = (("after_flush", collect), ("before_commit", apply_pending), ("after_rollback", forget))


def listen(app) -> None:
    """Keep the summaries current in the app's own session (not every SQLAlchemy session): a report change,
    a moved Posyandu or a new due day rewrites the rows it touches in the same transaction; idempotent."""
    from webapp.extensions import db

    for name, fn in LISTENERS:
        if not event.contains(db.session, name, fn):
            event.listen(db.session, name, fn)
