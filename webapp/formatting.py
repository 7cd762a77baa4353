"""Indonesian dates, times with the zone suffix, numbers and rupiah, through Babel.

The locale is parsed once (given as a string, Babel parses it again for every number: ~27 % of a
recap page), and a month's name is looked up rather than formatted: pages show dozens of them.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import parse_pattern

from webapp.clock import local_time
from webapp.regions.models import ZONE_SUFFIX

LOCALE = Locale.parse("id_ID")
MONTH_NAMES = LOCALE.months["format"]["wide"]
# Patterns parsed once too (format_decimal parses its pattern on every call); a whole number is
# grouped directly: for id_ID "12.500" is what Babel writes for it (tests/test_formatting.py compares).
DECIMAL = parse_pattern(LOCALE.decimal_formats[None])


def _grouped(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def tanggal(value: dt.date | dt.datetime | None, with_day: bool = True) -> str:
    """"Jumat, 5 Desember 2025" (or without the day name)."""
    if value is None:
        return ""
    pattern = "EEEE, d MMMM y" if with_day else "d MMMM y"
    return format_date(value, pattern, locale=LOCALE)


@lru_cache(maxsize=2048)
def bulan_tahun(year: int, month: int) -> str:
    """"Desember 2025"."""
    return f"{MONTH_NAMES[month]} {year}"


def jam(value: dt.time | dt.datetime, timezone: str | None = None) -> str:
    """"09.35 WITA": the Indonesian dot and the zone suffix."""
    if isinstance(value, dt.datetime) and timezone:
        value = local_time(value, timezone)
    text = f"{value.hour:02d}.{value.minute:02d}"
    return f"{text} {ZONE_SUFFIX.get(timezone, '')}".strip() if timezone else text


def waktu(value: dt.datetime | None, timezone: str) -> str:
    """"Jumat, 5 Desember 2025 09.35 WITA" for a stored UTC time."""
    if value is None:
        return ""
    local = local_time(value, timezone)
    return f"{tanggal(local)} {jam(local.time(), None)} {ZONE_SUFFIX.get(timezone, '')}".strip()


def angka(value: int | float | None, blank: str = "–") -> str:
    """Numbers with Indonesian grouping ("12.500"); None stays visibly blank, never 0."""
    if value is None:
        return blank
    return _grouped(value) if type(value) is int else DECIMAL.apply(value, LOCALE)


def rupiah(value: int | None) -> str:
    """"Rp 12.500.000"."""
    if value is None:
        return "–"
    return f"Rp {_grouped(round(value))}"


def persen(numerator: int | float | None, denominator: int | float | None) -> str:
    """A ratio as "67,5 %"; blank when either part is missing or the base is zero. Rounded once, from the
    value, as the exports' round(x, 1) rounds it, so a page and its spreadsheet agree; written without
    Babel (a kabupaten dashboard shows some 300 of them, at ~10 µs each through Babel)."""
    if numerator is None or not denominator:
        return "–"
    return f"{100 * numerator / denominator:.1f}".replace(".", ",") + " %"


def register(app) -> None:
    for name in ("tanggal", "bulan_tahun", "jam", "waktu", "angka", "rupiah", "persen"):
        app.jinja_env.filters[name] = globals()[name]
