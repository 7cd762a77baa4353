"""Demo for the agenda pack: the last and the next Kota Besi rakor, a desa that reports late (Hanjalipan)
and a desa whose D/S dropped in the latest month (Simpur). Idempotent: skipped once the next rakor exists."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from webapp.access import Actor
from webapp.auth.models import User
from webapp.clock import to_utc, today_in
from webapp.signals.keys import year_month
from webapp.evidence.pack import latest_month
from webapp.extensions import db
from webapp.meetings import signed
from webapp.meetings.models import AgendaItem, Meeting, MeetingKind, MinutesStatus, Participant
from webapp.meetings.services import new_checkin_code
from webapp.regions.queries import setting_for
from webapp.reports.models import MonthlyReport
from webapp.reports.periods import due_at

KOTA_BESI, HANJALIPAN, SIMPUR = "62.02.01", "62.02.01.2004", "62.02.01.2005"
NEXT_TITLE = "Rapat Koordinasi Pokjanal Posyandu Kecamatan Kota Besi"
LAST_TITLE = "Rapat Koordinasi Pokjanal Posyandu Kecamatan Kota Besi (bulan lalu)"


def _user_id(username: str) -> int | None:
    return db.session.scalar(select(User.id).where(User.username == username))


def _rakor(title: str, day: dt.date, status: MinutesStatus, timezone: str) -> Meeting:
    chair, notulis = _user_id("camat.kotabesi"), _user_id("pokjanal.kotabesi")
    meeting = Meeting(region_code=KOTA_BESI, kind=MeetingKind.KOORDINASI, title=title,
                      starts_at=to_utc(day, dt.time(9, 0), timezone), place="Aula Kantor Camat Kota Besi",
                      chair_id=chair, notulis_id=notulis, status=status, checkin_code=new_checkin_code(),
                      created_by_id=notulis)
    meeting.agenda_items.append(AgendaItem(position=1, title="Pembukaan dan laporan sekretaris"))
    meeting.participants += [Participant(user_id=chair), Participant(user_id=notulis)]
    db.session.add(meeting)
    return meeting


def _reports(region_code: str, periods: list[int]) -> list[MonthlyReport]:
    wanted = {year_month(p) for p in periods}
    rows = db.session.scalars(select(MonthlyReport).where(MonthlyReport.region_code == region_code))
    return [r for r in rows if (r.year, r.month) in wanted]


def seed_evidence() -> None:
    if _user_id("pokjanal.kotabesi") is None or db.session.scalar(
            select(Meeting.id).where(Meeting.title == NEXT_TITLE)) is not None:
        return
    setting = setting_for(KOTA_BESI)
    today = today_in(setting.timezone)
    last = _rakor(LAST_TITLE, today - dt.timedelta(days=40), MinutesStatus.FINAL, setting.timezone)
    db.session.flush()
    last.finalized_at = last.starts_at + dt.timedelta(days=3)
    signed.freeze(Actor(last.chair), last)  # final minutes carry their signed document, as the app's own step does
    _rakor(NEXT_TITLE, today + dt.timedelta(days=7), MinutesStatus.DRAFT, setting.timezone)
    latest = latest_month(today, setting.report_due_day)
    for report in _reports(HANJALIPAN, [latest - 2, latest - 1, latest]):  # sent a week after the due day
        late = due_at(report.year, report.month, setting.report_due_day, setting.timezone) + dt.timedelta(days=7)
        report.first_submitted_at = report.submitted_at = min(late, dt.datetime.combine(today, dt.time(0)))
    for report in _reports(SIMPUR, [latest]):  # half the usual children weighed
        if report.balita_s and report.balita_d:
            _weigh_fewer(report, round(report.balita_s * 0.45))
    db.session.flush()


def _clip(report: MonthlyReport, name: str, limit: int) -> int:
    value = getattr(report, name)
    if value is not None:
        setattr(report, name, min(value, max(limit, 0)))
    return getattr(report, name) or 0


def _weigh_fewer(report: MonthlyReport, weighed: int) -> None:
    """D falls to `weighed`; every count bounded by D follows, so the report still passes the form's checks
    (O and B at most a quarter of D, N + T at most D − O − B, 2T at most T)."""
    report.balita_d = weighed
    for name in ("balita_bgm", "underweight", "vitamin_a"):
        _clip(report, name, weighed)
    twice = weighed - _clip(report, "balita_o", weighed // 4) - _clip(report, "balita_b", weighed // 4)
    n = _clip(report, "balita_n", twice)
    _clip(report, "balita_2t", _clip(report, "balita_t", twice - n))
