"""Time as the app keeps it: UTC in the database, the kabupaten's zone on screen, months as (year, month)."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import get_month_names

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def utcnow() -> dt.datetime:
    """Now in UTC, naive: the form every stored time has."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def today_in(timezone: str) -> dt.date:
    """Today's date in the kabupaten's zone (a report month turns at local midnight)."""
    return dt.datetime.now(ZoneInfo(timezone)).date()


def to_utc(day: dt.date, clock: dt.time, timezone: str) -> dt.datetime:
    """A local date and time typed in the kabupaten's zone, as a naive UTC datetime."""
    local = dt.datetime.combine(day, clock, tzinfo=ZoneInfo(timezone))
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def local_time(value: dt.datetime, timezone: str) -> dt.datetime:
    """A stored UTC time in the kabupaten's zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(ZoneInfo(timezone))


def local_date(value: dt.datetime, timezone: str) -> dt.date:
    return local_time(value, timezone).date()


def parse_month(text: str | None) -> tuple[int, int] | None:
    """"2026-10" -> (2026, 10); anything else, or a year outside 2000–2100, -> None."""
    match = MONTH_PATTERN.match(text or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    return (year, month) if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12 else None


def month_key(year: int, month: int) -> str:
    """(2026, 10) -> "2026-10", the form months take in URLs."""
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The month `delta` months after (or before, when negative) the given one."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@lru_cache(maxsize=1)
def _month_names() -> dict[int, str]:
    return dict(get_month_names("wide", locale="id_ID"))


def month_name(month: int) -> str:
    """1 -> "Januari", from Babel's Indonesian locale."""
    return _month_names()[month]
