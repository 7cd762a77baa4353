"""Five kader of one Posyandu saving sections of the same new month at the same moment.

The first save of a month creates the report; before, two first saves both inserted it (PostgreSQL: a
duplicate key on uq_monthly_report_period, a 500) and two updates of one report lost one (StaleDataError).
Run on PostgreSQL too: `bash tests/postgres.sh … tests/reports/test_concurrent_saves.py`.
"""
from __future__ import annotations

import threading

from sqlalchemy import func, select

from tests.factories import make_posyandu, make_user
from tests.reports.helpers import last_month, new_id, section_values
from webapp.access import Actor
from webapp.auth.models import User
from webapp.clock import shift_month
from webapp.extensions import db
from webapp.regions.models import Posyandu
from webapp.reports import queries, services
from webapp.reports.models import MonthlyReport

KADER = 5
ROUNDS = 10  # 10 fresh months x 5 kader = 50 simultaneous first saves
SECTION_KEYS = ("buka", "sasaran", "gizi", "ibu", "ptm")


def _save_all_at_once(app, user_ids: list[int], posyandu_id: int, year: int, month: int) -> list[str]:
    """Each kader saves her own section of the (still empty) month at the same instant; returns the failures."""
    start, errors = threading.Barrier(len(user_ids)), []

    def save(user_id: int, key: str) -> None:
        with app.app_context():
            try:
                actor = Actor(db.session.get(User, user_id))
                posyandu = db.session.get(Posyandu, posyandu_id)
                base = queries.section_base(None, key)  # what her form carried: the month was empty when opened
                db.session.rollback()  # hold no snapshot or lock while waiting at the barrier
                start.wait(timeout=30)
                services.save_section(actor, posyandu, year, month, key, section_values(key, year, month), base,
                                      new_id())
            except Exception as error:  # noqa: BLE001 - every failure is reported by the caller's assertion
                errors.append(f"{key}: {error!r}")
            finally:
                db.session.remove()

    workers = [threading.Thread(target=save, args=(user_id, key)) for user_id, key in zip(user_ids, SECTION_KEYS, strict=True)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return errors


def test_five_kader_saving_one_new_month_at_once_make_one_report_and_lose_no_section(demo_app):
    posyandu = make_posyandu(name="Posyandu Serentak Simpan")
    user_ids = [make_user("kader", posyandu.region_code, posyandu=posyandu).id for _ in range(KADER)]
    posyandu_id = posyandu.id
    db.session.commit()
    db.session.remove()  # release this thread's connection (on SQLite, its write lock)
    year, month = last_month()
    months = [shift_month(year, month, -n) for n in range(ROUNDS)]

    errors = [e for y, m in months for e in _save_all_at_once(demo_app, user_ids, posyandu_id, y, m)]

    assert errors == []
    for y, m in months:
        count = db.session.scalar(select(func.count()).select_from(MonthlyReport).where(
            MonthlyReport.posyandu_id == posyandu_id, MonthlyReport.year == y, MonthlyReport.month == m))
        assert count == 1, (y, m)
        report = queries.find_report(db.session.get(Posyandu, posyandu_id), y, m)
        for key in SECTION_KEYS:
            assert queries.section_values(report, key) == section_values(key, y, m), (y, m, key)
    db.session.rollback()
