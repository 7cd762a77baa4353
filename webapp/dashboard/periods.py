"""The period a dashboard shows: one month, or the 12 months ending with it."""
from __future__ import annotations

from dataclasses import dataclass

from webapp.clock import parse_month, today_in
from webapp.signals.keys import period_of, year_month
from webapp.formatting import bulan_tahun, tanggal

CHOICES_BACK = 36  # months offered in the picker


@dataclass(frozen=True)
class Period:
    end: int
    months: int = 1

    @property
    def start(self) -> int:
        return self.end - self.months + 1

    @property
    def year(self) -> int:
        return year_month(self.end)[0]

    @property
    def param(self) -> str:
        year, month = year_month(self.end)
        return f"{year:04d}-{month:02d}"

    @property
    def label(self) -> str:
        if self.months == 1:
            return bulan_tahun(*year_month(self.end))
        return f"{bulan_tahun(*year_month(self.start))} – {bulan_tahun(*year_month(self.end))}"

    def months_list(self) -> list[int]:
        return list(range(self.start, self.end + 1))

    def trend(self) -> list[int]:
        """The 12 months a trend line covers, ending with this period."""
        return list(range(self.end - 11, self.end + 1))


def last_complete(timezone: str) -> int:
    """The month before the current one in the kabupaten's zone."""
    today = today_in(timezone)
    return period_of(today.year, today.month) - 1


def choices(timezone: str) -> list[tuple[str, str]]:
    """(YYYY-MM, "Oktober 2025") for the picker, newest first, the current month included."""
    newest = last_complete(timezone) + 1
    return [(Period(p).param, Period(p).label) for p in range(newest, newest - CHOICES_BACK, -1)]


def parse(month: str | None, window: str | None, timezone: str) -> tuple[Period, str | None]:
    """The period asked for, or the last complete month with a message saying why it was not taken."""
    default = Period(last_complete(timezone), 12 if window == "12" else 1)
    if window not in (None, "", "1", "12"):
        return Period(default.end), "Rentang tidak dikenal: pilih 1 bulan atau 12 bulan."
    if not month:
        return default, None
    parsed = parse_month(month)
    valid = {param for param, _ in choices(timezone)}
    if parsed is None or month not in valid:
        return default, "Bulan tidak dikenal: pilih bulan dari daftar (paling lama 36 bulan ke belakang)."
    return Period(period_of(*parsed), default.months), None


def due_text(due_day: int | None) -> str:
    """"tanggal 5 bulan berikutnya"."""
    return f"tanggal {due_day or 5} bulan berikutnya"


def today_text(timezone: str) -> str:
    return tanggal(today_in(timezone))
