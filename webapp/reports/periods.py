"""Report months: the due moment of a month's report and the months a kader still has to file."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from webapp.clock import shift_month

def due_at(year: int, month: int, due_day: int, timezone: str) -> dt.datetime:
    """The last moment (UTC, naive) a report counts as on time: end of `due_day` of the next month, local time."""
    next_year, next_month = shift_month(year, month, 1)
    local_end = dt.datetime(next_year, next_month, due_day, tzinfo=ZoneInfo(timezone)) + dt.timedelta(days=1)
    return local_end.astimezone(dt.UTC).replace(tzinfo=None)


def due_on(year: int, month: int, due_day: int) -> dt.date:
    """The due date as people read it: the `due_day` of the next month."""
    return dt.date(*shift_month(year, month, 1), due_day)


def last_months(today: dt.date, count: int) -> list[tuple[int, int]]:
    """This month and the `count - 1` before it, newest first."""
    return [shift_month(today.year, today.month, -k) for k in range(count)]
