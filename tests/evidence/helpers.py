"""Reports for evidence tests, written straight into the table with chosen counts and send times, and a
Kota Besi meeting in June 2026 (its pack reads March–May 2026, charts December 2025–May 2026)."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.meetings.helpers import actor, make_meeting
from webapp.signals.keys import period_of, year_month
from webapp.extensions import db
from webapp.regions.models import Posyandu
from webapp.reports.models import MonthlyReport, Status
from webapp.reports.periods import due_at

KOTA_BESI, PALANGAN, HANJALIPAN, SIMPUR = "62.02.01", "62.02.01.2003", "62.02.01.2004", "62.02.01.2005"
MEETING_DAY = dt.date(2026, 6, 20)
LATEST = period_of(2026, 5)
TZ = "Asia/Pontianak"
NORMAL = {"balita_s": 50, "balita_d": 40, "balita_n": 30, "measured": 40, "stunted": 6, "balita_bgm": 1,
          "ibu_hamil_examined": 5, "ibu_hamil_kek": 0}


def posyandu_of(region_code: str) -> list[Posyandu]:
    return list(db.session.scalars(select(Posyandu).where(Posyandu.region_code == region_code,
                                                          Posyandu.is_active.is_(True)).order_by(Posyandu.id)))


def put_report(posyandu: Posyandu, period: int, late_days: int | None = None, **counts) -> MonthlyReport:
    """A sent report; `late_days` after the due day, else two days before it. Replaces any earlier one."""
    year, month = year_month(period)
    old = db.session.scalar(select(MonthlyReport).where(MonthlyReport.posyandu_id == posyandu.id,
                                                        MonthlyReport.year == year, MonthlyReport.month == month))
    if old is not None:
        db.session.delete(old)
        db.session.flush()
    due = due_at(year, month, 5, TZ)
    sent = due + dt.timedelta(days=late_days) if late_days is not None else due - dt.timedelta(days=2)
    report = MonthlyReport(posyandu_id=posyandu.id, region_code=posyandu.region_code, year=year, month=month,
                           status=Status.VERIFIED, open_dates=dt.date(year, month, 10).isoformat(),
                           first_submitted_at=sent, submitted_at=sent,
                           **(NORMAL | {"home_visits": period % 7 + 1} | counts))  # months differ: not "identical"
    db.session.add(report)
    db.session.flush()
    return report


def fill_area(periods, region_prefix: str = KOTA_BESI) -> None:
    """Every active Posyandu below the prefix reports NORMAL on time for these months."""
    for posyandu in db.session.scalars(select(Posyandu).where(Posyandu.region_code.startswith(region_prefix))):
        for period in periods:
            put_report(posyandu, period)
    db.session.commit()


def june_meeting(day: dt.date = MEETING_DAY, title: str = "Rakor Juni"):
    return make_meeting(day=day, title=title, invite_desa=False)


def kota_besi_notulis():
    return actor("pokjanal.kotabesi")
