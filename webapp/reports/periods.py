"""Report months: parsing "2026-10", the kabupaten's today, and the due moment of a month's report."""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str | None) -> tuple[int, int] | None:
    """"2026-10" -> (2026, 10); anything else -> None."""
    match = MONTH_PATTERN.match(text or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    return (year, month) if 2000 <= year <= 2100 and 1 <= month <= 12 else None


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def today_in(timezone: str) -> dt.date:
    return dt.datetime.now(ZoneInfo(timezone)).date()


def due_at(year: int, month: int, due_day: int, timezone: str) -> dt.datetime:
    """The last moment (UTC, naive) a report counts as on time: end of `due_day` of the next month, local time."""
    next_year, next_month = shift(year, month, 1)
    local_end = dt.datetime(next_year, next_month, due_day, tzinfo=ZoneInfo(timezone)) + dt.timedelta(days=1)
    return local_end.astimezone(dt.UTC).replace(tzinfo=None)


def due_on(year: int, month: int, due_day: int) -> dt.date:
    """The due date as people read it: the `due_day` of the next month."""
    return dt.date(*shift(year, month, 1), due_day)


def last_months(today: dt.date, count: int) -> list[tuple[int, int]]:
    """This month and the `count - 1` before it, newest first."""
    return [shift(today.year, today.month, -k) for k in range(count)]
