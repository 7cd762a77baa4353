"""The demo reports: a year per Posyandu with gaps, late ones, one returned with a note, one draft; idempotent."""
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.regions.models import Region
from webapp.reports import queries, recap
from webapp.reports.demo import seed_reports
from webapp.reports.models import MonthlyReport, Status

from .helpers import actor, last_month, palangan_posyandu


def test_demo_reports_cover_every_screen_and_seed_once(demo_app):
    seed_reports()
    db.session.commit()
    count = db.session.scalar(select(func.count(MonthlyReport.id)))
    seed_reports()
    assert db.session.scalar(select(func.count(MonthlyReport.id))) == count
    palangan = palangan_posyandu()
    mine = list(db.session.scalars(select(MonthlyReport).where(MonthlyReport.posyandu_id == palangan.id)))
    assert len(mine) == 12
    statuses = [r.status for r in mine]
    assert statuses.count(Status.DRAFT) == 1 and statuses.count(Status.RETURNED) == 1
    returned = next(r for r in mine if r.status == Status.RETURNED)
    assert "D tidak cocok" in queries.notes(returned)["balita_d"][0].note
    assert queries.returned_reports(actor("kader.palangan")) == [returned]
    states = {"tepat": 0, "terlambat": 0, "belum": 0}
    year, month = last_month()
    for _ in range(12):
        _, total = recap.completeness(actor("pokjanal.kotim"), db.session.get(Region, "62.02"), year, month)
        states["tepat"] += total.on_time
        states["terlambat"] += total.late
        states["belum"] += total.missing
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    assert all(states.values()), states  # some on time, some late, some missing
    for report in db.session.scalars(select(MonthlyReport)):
        from webapp.reports import checks
        assert checks.errors(queries.values_of(report), report.year, report.month, report.created_at.date()
                             .replace(year=2100)) == {}, report.id
