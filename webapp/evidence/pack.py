"""The agenda pack of a meeting: its data context, the signals of every registered source, what was
picked into the agenda (frozen), and how the body's earlier data-born decisions turned out.

The window is the report months since the body's previous meeting (or the last three), read as of
the meeting's day or today, whichever comes first; the signals' charts show six months.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from webapp.clock import local_date, shift_month, to_utc, today_in, utcnow
from webapp.evidence import figures
from webapp.evidence.models import AgendaSignal
from webapp.signals.keys import period_of
from webapp.signals.sources import TUNTAS, Context, Outcome, Pending, Signal, Source, pending, source_for, sources
from webapp.extensions import db
from webapp.meetings.models import ActionItem, Meeting
from webapp.regions.models import Region
from webapp.regions.queries import setting_for
from webapp.reports.periods import due_on

WINDOW_DEFAULT, WINDOW_MAX, TREND_MONTHS = 3, 6, 6
CLEAR_DAYS = 60


def latest_month(as_of: dt.date, due_day: int) -> int:
    """The latest report month whose due date has passed on `as_of`."""
    year, month = shift_month(as_of.year, as_of.month, -1)
    if due_on(year, month, due_day) >= as_of:
        year, month = shift_month(year, month, -1)
    return period_of(year, month)


def build_context(region: Region, as_of: dt.date, window_start: int | None = None, since: int | None = None) -> Context:
    """Figures of `region`'s units as known at the end of `as_of` (never later than now)."""
    setting = setting_for(region.code)
    latest = latest_month(as_of, setting.report_due_day)
    start = window_start if window_start is not None and window_start <= latest else latest - WINDOW_DEFAULT + 1
    start = max(start, latest - WINDOW_MAX + 1)
    trend = list(range(latest - TREND_MONTHS + 1, latest + 1))
    first = min(start, trend[0], latest - 3, since if since is not None else latest)
    as_of_at = min(to_utc(as_of + dt.timedelta(days=1), dt.time(0), setting.timezone), utcnow())
    data = figures.load(region, list(range(first, latest + 1)), as_of_at, setting.report_due_day, setting.timezone)
    return Context(region.code, region.label, as_of, latest, list(range(start, latest + 1)), data, trend)


def as_of_for(meeting: Meeting, today: dt.date | None = None) -> dt.date:
    """The meeting's day in its kabupaten's zone, or today if the meeting is still ahead."""
    timezone = setting_for(meeting.region_code).timezone
    return min(local_date(meeting.starts_at, timezone), today or today_in(timezone))


def _previous(meeting: Meeting) -> Meeting | None:
    return db.session.scalar(select(Meeting).where(Meeting.region_code == meeting.region_code,
                                                   Meeting.starts_at < meeting.starts_at, Meeting.id != meeting.id)
                             .order_by(Meeting.starts_at.desc()).limit(1))


def meeting_context(meeting: Meeting, today: dt.date | None = None, since: int | None = None) -> Context:
    """The context of a meeting's pack: the window starts after the body's previous meeting's months."""
    previous = _previous(meeting)
    start = None
    if previous is not None:
        start = latest_month(as_of_for(previous, today), setting_for(meeting.region_code).report_due_day) + 1
    return build_context(meeting.region, as_of_for(meeting, today), start, since)


def collect(ctx: Context) -> list[tuple[Source, list[Signal]]]:
    """Every registered source's signals, most severe first."""
    return [(s, sorted(s.collect(ctx), key=lambda sig: -sig.severity)) for s in sources()]


@dataclass
class Decision:
    """An action item decided under a signal-born agenda item, with how its signal stands now."""

    item: ActionItem
    signal: AgendaSignal
    outcome: Outcome


def _decisions(region_code: str, before: dt.datetime) -> list[tuple[ActionItem, AgendaSignal]]:
    return list(db.session.execute(
        select(ActionItem, AgendaSignal).join(AgendaSignal, AgendaSignal.agenda_item_id == ActionItem.agenda_item_id)
        .join(Meeting, ActionItem.meeting_id == Meeting.id)
        .where(Meeting.region_code == region_code, Meeting.starts_at < before)
        .order_by(Meeting.starts_at, ActionItem.id)).unique().all())


def judge(signal: AgendaSignal, ctx: Context) -> Outcome:
    source = source_for(signal.kind)
    if source is None:
        return Outcome("tidak dinilai", "Sumber sinyal ini tidak terpasang.")
    return source.outcome(signal.frozen, ctx)


def _since(rows) -> int | None:
    return min((s.frozen["values"]["latest"] for _, s in rows), default=None)


@dataclass
class Pack:
    meeting: Meeting
    ctx: Context
    groups: list[tuple[Source, list[Signal]]]
    picked: dict[str, AgendaSignal]
    pending: list[Pending]
    decisions: list[Decision]

    @property
    def months(self) -> tuple[int, int]:
        return self.ctx.window[0], self.ctx.window[-1]


def picked_signals(meeting: Meeting) -> dict[str, AgendaSignal]:
    rows = db.session.scalars(select(AgendaSignal).where(AgendaSignal.meeting_id == meeting.id)
                              .order_by(AgendaSignal.id))
    return {s.signal_id: s for s in rows}


def build(meeting: Meeting, today: dt.date | None = None) -> Pack:
    rows = _decisions(meeting.region_code, meeting.starts_at)
    ctx = meeting_context(meeting, today, since=_since(rows))
    decisions = [Decision(item, signal, judge(signal, ctx)) for item, signal in rows]
    return Pack(meeting, ctx, collect(ctx), picked_signals(meeting), pending(), decisions)


@dataclass(frozen=True)
class Rate:
    cleared: int
    judged: int
    waiting: int

    @property
    def share(self) -> float | None:
        return self.cleared / self.judged if self.judged else None


def cleared_rate(region: Region, today: dt.date | None = None) -> Rate:
    """Of the body's data-born decisions, how many saw their signal clear within CLEAR_DAYS of the meeting.
    A decision younger than that which has not cleared yet is waiting, and left out of the share."""
    timezone = setting_for(region.code).timezone
    today = today or today_in(timezone)
    rows = _decisions(region.code, to_utc(today + dt.timedelta(days=1), dt.time(0), timezone))
    contexts: dict[dt.date, Context] = {}
    cleared = judged = waiting = 0
    for item, signal in rows:
        deadline = local_date(item.meeting.starts_at, timezone) + dt.timedelta(days=CLEAR_DAYS)
        as_of = min(deadline, today)
        if as_of not in contexts:
            contexts[as_of] = build_context(region, as_of, since=_since(rows))
        if judge(signal, contexts[as_of]).status == TUNTAS:
            cleared, judged = cleared + 1, judged + 1
        elif deadline <= today:
            judged += 1
        else:
            waiting += 1
    return Rate(cleared, judged, waiting)
