"""Indonesian dates and times, and each kabupaten's default time zone."""
import datetime as dt
from decimal import Decimal

import pytest

from webapp.formatting import LOCALE, angka, jam, persen, rupiah, tanggal, waktu
from webapp.regions.models import ZONE_SUFFIX, default_timezone


def test_date_is_written_the_indonesian_way():
    assert tanggal(dt.date(2025, 12, 5)) == "Jumat, 5 Desember 2025"
    assert tanggal(dt.date(2025, 12, 5), with_day=False) == "5 Desember 2025"
    assert tanggal(None) == ""


def test_time_has_a_dot_and_the_zone_suffix():
    assert jam(dt.time(9, 35), "Asia/Makassar") == "09.35 WITA"
    # stored UTC, shown in the kabupaten's zone
    assert jam(dt.datetime(2025, 12, 5, 1, 35), "Asia/Makassar") == "09.35 WITA"
    assert jam(dt.datetime(2025, 12, 5, 2, 35), "Asia/Pontianak") == "09.35 WIB"
    assert waktu(dt.datetime(2025, 12, 5, 0, 35), "Asia/Jayapura") == "Jumat, 5 Desember 2025 09.35 WIT"


def test_a_late_utc_time_falls_on_the_next_local_day():
    assert waktu(dt.datetime(2025, 12, 4, 23, 0), "Asia/Makassar") == "Jumat, 5 Desember 2025 07.00 WITA"


@pytest.mark.parametrize("code, zone, suffix", [
    ("62.02", "Asia/Pontianak", "WIB"),
    ("53.03", "Asia/Makassar", "WITA"),
    ("94.01", "Asia/Jayapura", "WIT"),
    ("33.01", "Asia/Jakarta", "WIB"),
    ("73.71", "Asia/Makassar", "WITA"),
])
def test_kabupaten_zone_follows_its_province(code, zone, suffix):
    assert default_timezone(code) == zone
    assert ZONE_SUFFIX[zone] == suffix


def test_imported_kabupaten_gets_its_province_zone(app):
    from webapp.regions.importer import import_regions
    from webapp.regions.queries import setting_for

    result = import_regions("kode,nama\n94,Papua\n94.01,Kabupaten Merauke\n53,Nusa Tenggara Timur\n"
                            "53.03,Kabupaten Timor Tengah Utara\n62,Kalimantan Tengah\n62.02,Kabupaten Kotawaringin Timur\n")
    assert result.ok, result.errors
    assert setting_for("94.01").zone_suffix == "WIT"
    assert setting_for("53.03").timezone == "Asia/Makassar"
    assert setting_for("62.02").timezone == "Asia/Pontianak"
    assert setting_for("62.02").body_name == "Pokjanal Posyandu"


@pytest.mark.parametrize("value", [0, 7, -7, 999, 1000, -1234, 12500, 1_234_567_890, 2.5, 0.15, 1 / 3, 12345.678,
                                   Decimal("12500"), Decimal("0.125")])
def test_numbers_read_as_babel_writes_them(value):
    """The shortcuts (whole numbers grouped directly, patterns parsed once) write what Babel writes."""
    from babel.numbers import format_decimal

    assert angka(value) == format_decimal(value, locale=LOCALE)
    assert persen(value, 7) == f"{format_decimal(100 * value / 7, format='0.0', locale=LOCALE)} %"
    if value == int(value):
        assert rupiah(value) == f"Rp {format_decimal(value, format='#,##0', locale=LOCALE)}"
