"""Every check of the report: errors that block, warnings that ask, and blank versus zero when parsing."""
import datetime as dt

import pytest

from webapp.reports import checks
from webapp.reports.fields import COUNT_NAMES

TODAY = dt.date(2026, 11, 22)


def values(**counts):
    base = dict.fromkeys(COUNT_NAMES)
    base.update(open_dates=[dt.date(2026, 10, 14)], closed=False, closed_reason="")
    base.update(counts)
    return base


@pytest.mark.parametrize("typed, value, message", [
    ("", None, None), ("  ", None, None), ("0", 0, None), ("17", 17, None),
    ("-3", None, "Tidak boleh negatif."), ("2,5", None, "Isi bilangan bulat, tanpa koma."),
    ("2.5", None, "Isi bilangan bulat, tanpa koma."), ("abc", None, "Isi angka bulat, atau kosongkan bila tidak dilaporkan."),
])
def test_parse_count_keeps_blank_apart_from_zero(typed, value, message):
    assert checks.parse_count(typed) == (value, message)


@pytest.mark.parametrize("field, counts, fragment", [
    ("balita_d", {"balita_s": 10, "balita_d": 11}, "D (ditimbang) tidak boleh lebih dari S"),
    ("balita_k", {"balita_s": 10, "balita_k": 11}, "K (punya Buku KIA/KMS)"),
    ("balita_n", {"balita_d": 5, "balita_n": 6}, "N (berat badan naik)"),
    ("balita_o", {"balita_d": 5, "balita_o": 6}, "O (tidak ditimbang bulan lalu)"),
    ("balita_b", {"balita_d": 5, "balita_b": 6}, "B (baru pertama ditimbang)"),
    ("stunted", {"measured": 5, "stunted": 6}, "stunting tidak boleh lebih"),
    ("wasted", {"measured": 5, "wasted": 6}, "wasting tidak boleh lebih"),
    ("bayi_served", {"bayi_target": 5, "bayi_served": 6}, "daftar nama di wilayah Posyandu"),
    ("ibu_hamil_served", {"ibu_hamil_target": 2, "ibu_hamil_served": 3}, "sasaran ibu hamil adalah daftar nama"),
])
def test_errors_name_the_field_and_the_rule(field, counts, fragment):
    found = checks.errors(values(**counts), 2026, 10, TODAY)
    assert list(found) == [field]
    assert fragment in found[field][0]


def test_groups_with_an_estimated_target_may_serve_more_than_it():
    assert checks.errors(values(lansia_target=10, lansia_served=14, remaja_target=3, remaja_served=9), 2026, 10,
                         TODAY) == {}


def test_equal_counts_and_blanks_are_not_errors():
    assert checks.errors(values(balita_s=10, balita_d=10, balita_n=None, measured=None, stunted=3), 2026, 10, TODAY) == {}


def test_a_date_outside_the_month_and_a_future_month_are_errors():
    outside = checks.errors(values(open_dates=[dt.date(2026, 9, 30)]), 2026, 10, TODAY)
    assert "di luar bulan Oktober 2026" in outside["open_dates"][0]
    future = checks.errors(values(open_dates=[]), 2026, 12, TODAY)
    assert "belum tiba" in future[""][0]


def test_a_report_needs_a_date_or_a_reason_for_not_opening():
    assert "tanggal hari buka" in checks.completeness_errors(values(open_dates=[]))["open_dates"][0]
    assert "alasan" in checks.completeness_errors(values(open_dates=[], closed=True))["closed_reason"][0]
    assert checks.completeness_errors(values(open_dates=[], closed=True, closed_reason="Banjir")) == {}


def test_a_jump_of_more_than_half_against_the_last_three_reports_warns():
    history = [values(balita_s=40), values(balita_s=44), values(balita_s=36), values(balita_s=1000)]
    found = checks.warnings(values(balita_s=61, balita_d=40), history)
    assert "rata-rata 3 laporan terakhir (40)" in found["balita_s"][0]
    assert "balita_s" not in checks.warnings(values(balita_s=59, balita_d=40), history)
    small = [values(balita_bgm=2), values(balita_bgm=2), values(balita_bgm=2)]
    assert "balita_bgm" not in checks.warnings(values(balita_bgm=4), small)  # +2 is within the floor of 3
    assert "balita_bgm" in checks.warnings(values(balita_bgm=5), small)


def test_low_participation_and_a_group_without_service_warn():
    found = checks.warnings(values(balita_s=40, balita_d=15, lansia_target=20, lansia_served=0), [])
    assert "D/S hanya 37,5 %" in found["balita_d"][0]
    assert "Lansia ≥ 60 tahun: tidak ada yang dilayani" in found["lansia_served"][0]
    assert "dewasa_served" in found  # blank is also no service
    assert "bayi_served" not in checks.warnings(values(bayi_target=0, bayi_served=0), [])


def test_a_closed_month_does_not_warn_about_missing_services():
    assert checks.warnings(values(closed=True, closed_reason="Banjir", open_dates=[]), []) == {}


def test_a_closed_month_with_an_open_date_is_refused_at_the_date():
    """A carried date left in place when she ticks "tidak buka" must not count as a day the Posyandu opened."""
    closed = {**dict.fromkeys(COUNT_NAMES), "closed": True, "closed_reason": "Banjir",
              "open_dates": [dt.date(2026, 10, 14)]}
    assert "Hapus tanggalnya" in checks.errors(closed, 2026, 10, dt.date(2026, 11, 2))["open_dates"][0]
    assert "open_dates" not in checks.errors({**closed, "open_dates": []}, 2026, 10, dt.date(2026, 11, 2))
