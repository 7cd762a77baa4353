"""Hand-made reports for the dashboard tests: every count given, every blank explicit."""
from __future__ import annotations

import datetime as dt

from webapp.dashboard import queries
from webapp.dashboard.periods import Period
from webapp.signals.keys import period_of
from webapp.extensions import db
from webapp.reports.models import MonthlyReport

# Asia/Pontianak is UTC+7: the October report is due by the end of 5 November local time,
# i.e. before 2026-11-05 17:00 UTC.
ON_TIME = dt.datetime(2026, 11, 5, 16, 59)
LATE = dt.datetime(2026, 11, 5, 17, 0)
OCTOBER = period_of(2026, 10)


def add_report(posyandu, year: int = 2026, month: int = 10, status: str = "verified",
               sent: dt.datetime | None = ON_TIME, opened: bool = True, **counts) -> MonthlyReport:
    report = MonthlyReport(posyandu_id=posyandu.id, region_code=posyandu.region_code, year=year, month=month,
                           status=status, open_dates=f"{year:04d}-{month:02d}-10" if opened else "",
                           closed=not opened, first_submitted_at=sent if status != "draft" else None,
                           submitted_at=sent if status != "draft" else None, **counts)
    db.session.add(report)
    db.session.flush()
    return report


def covered_month(**overrides) -> dict:
    """Counts with ≥ 50 % on all four aktif services."""
    counts = dict(balita_s=20, balita_d=15, ibu_hamil_target=4, ibu_hamil_examined=3, pus_target=10,
                  kb_participants=6, bayi_target=5, bayi_immunised=4)
    counts.update(overrides)
    return counts


def board(actor, code: str, end: int = OCTOBER, months: int = 1, fast: bool = True):
    region = queries.get_region_or_404(actor, code)
    return queries.region_dashboard(actor, region, Period(end, months), fast=fast)


def row(board_, code: str):
    return next(r for r in board_.rows if r.code == code)
