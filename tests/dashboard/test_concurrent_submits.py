"""Kader of one kecamatan submitting at the same moment: every submit succeeds, the summary stays exact.

Each submit rewrites its desa's summary rows before it commits. Without the per-kecamatan lock,
PostgreSQL answered some of them with a unique-key clash (shown to the kader as a false 409) or a
deadlock. Run on PostgreSQL with `bash tests/postgres.sh … tests/dashboard/test_concurrent_submits.py`.
"""
from __future__ import annotations

import threading

from sqlalchemy import func, select

from tests.factories import make_posyandu, make_user
from tests.reports.helpers import fill, last_month, new_id
from webapp.access import Actor
from webapp.auth.models import User
from webapp.dashboard import summary
from webapp.dashboard.models import DashboardMonth, DashboardRegistry
from webapp.signals.keys import period_of
from webapp.extensions import db
from webapp.regions.models import Posyandu, Region
from webapp.reports import services
from webapp.reports.models import MonthlyReport, Status

KECAMATAN = "62.02.01"
SUBMITTERS = 20


def _summary_rows() -> list:
    return [sorted(tuple(r) for r in db.session.execute(select(table)))
            for table in (DashboardMonth.__table__, DashboardRegistry.__table__)]


def _kader_with_drafts(year: int, month: int) -> list[tuple[int, int]]:
    """SUBMITTERS new Posyandu spread over the kecamatan's desa, each with its kader and a complete draft."""
    desa = list(db.session.scalars(select(Region.code).where(Region.parent_code == KECAMATAN).order_by(Region.code)))
    pairs = []
    for n in range(SUBMITTERS):
        posyandu = make_posyandu(desa[n % len(desa)], name=f"Posyandu Serentak {n + 1}")
        user = make_user("kader", posyandu.region_code, posyandu=posyandu)
        fill(Actor(user), posyandu, year, month)
        pairs.append((user.id, posyandu.id))
    db.session.commit()
    return pairs


def test_twenty_simultaneous_submits_in_one_kecamatan_all_succeed_and_the_summary_is_exact(demo_app):
    year, month = last_month()
    pairs = _kader_with_drafts(year, month)
    db.session.remove()  # release this thread's connection (on SQLite, its write lock)
    start, errors, done = threading.Barrier(SUBMITTERS), [], []

    def submit(user_id: int, posyandu_id: int) -> None:
        with demo_app.app_context():
            try:
                actor = Actor(db.session.get(User, user_id))
                posyandu = db.session.get(Posyandu, posyandu_id)
                db.session.rollback()  # the loads above must not hold a snapshot or a lock while waiting
                start.wait(timeout=30)
                outcome = services.submit(actor, posyandu, year, month, new_id(), confirmed=True)
                done.append(outcome.report.id)
            except Exception as error:  # noqa: BLE001 - every failure is reported by the assertion below
                errors.append(f"{posyandu_id}: {error!r}")
            finally:
                db.session.remove()

    workers = [threading.Thread(target=submit, args=pair) for pair in pairs]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    assert len(done) == SUBMITTERS
    statuses = db.session.scalars(select(MonthlyReport.status).where(MonthlyReport.id.in_(done))).all()
    assert [str(s) for s in statuses] == [Status.SUBMITTED.value] * SUBMITTERS
    kept = _summary_rows()
    received = select(func.sum(DashboardMonth.received)).where(DashboardMonth.kecamatan_code == KECAMATAN,
                                                               DashboardMonth.period == period_of(year, month))
    assert db.session.scalar(received) >= SUBMITTERS
    summary.rebuild(db.session.connection())
    assert _summary_rows() == kept
    db.session.rollback()


def test_submits_and_kit_saves_at_once_keep_the_strength_summary_exact(demo_app):
    """Half the Posyandu submit, the other half save their kit, all at once in one kecamatan: no refusal, and
    the strength summary equals a recomputation (fast = plain) and a full rebuild."""
    from webapp.dashboard.models import StrengthProfile, StrengthWindow
    from webapp.dashboard.strength_queries import area_strength
    from webapp.pembinaan import services as sarpras
    from webapp.kit import KIT

    year, month = last_month()
    pairs = _kader_with_drafts(year, month)
    team = make_user("anggota", KECAMATAN).id
    db.session.remove()
    start, errors = threading.Barrier(SUBMITTERS), []
    entries = {item.key: {"available": True, "condition": "baik", "checked_on": None} for item in KIT}

    def act(n: int, user_id: int, posyandu_id: int) -> None:
        with demo_app.app_context():
            try:
                actor = Actor(db.session.get(User, user_id if n % 2 else team))
                posyandu = db.session.get(Posyandu, posyandu_id)
                db.session.rollback()
                start.wait(timeout=30)
                if n % 2:
                    services.submit(actor, posyandu, year, month, new_id(), confirmed=True)
                else:
                    sarpras.save_equipment(actor, posyandu, entries)
            except Exception as error:  # noqa: BLE001 - every failure is reported by the assertion below
                errors.append(f"{posyandu_id}: {error!r}")
            finally:
                db.session.remove()

    workers = [threading.Thread(target=act, args=(n, *pair)) for n, pair in enumerate(pairs)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    actor, region = Actor(db.session.get(User, team)), db.session.get(Region, KECAMATAN)
    fast, plain = area_strength(actor, region, period_of(year, month)), area_strength(
        actor, region, period_of(year, month), fast=False)
    assert fast.standings == plain.standings and fast.kit_complete == plain.kit_complete >= SUBMITTERS // 2
    tables = (StrengthWindow.__table__, StrengthProfile.__table__)
    kept = [sorted(tuple(r) for r in db.session.execute(select(t))) for t in tables]
    summary.rebuild(db.session.connection())
    assert [sorted(tuple(r) for r in db.session.execute(select(t))) for t in tables] == kept
    db.session.rollback()
