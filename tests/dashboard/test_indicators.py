"""Every indicator on hand-made data with known answers, on the plain path and on the summary alike."""
from __future__ import annotations

import pytest

from tests.dashboard.test_strength import strong
from tests.dashboard.helpers import LATE, OCTOBER, ON_TIME, add_report, board, row
from tests.factories import make_posyandu, make_region, make_user
from webapp.access import Actor
from webapp.dashboard.periods import Period
from webapp.dashboard.queries import posyandu_dashboard
from webapp.extensions import db
from webapp.regions.models import KabupatenSetting

KEC = "62.02.01"
DESA_A, DESA_B = "62.02.01.2003", "62.02.01.2004"


@pytest.fixture
def kabupaten_actor(app):
    make_region(DESA_A)
    make_region(DESA_B)
    return Actor(make_user("anggota", "62.02"))


@pytest.mark.parametrize("fast", [True, False])
def test_ratios_come_from_sums_and_a_blank_is_never_zero(kabupaten_actor, fast):
    a1, a2, b1 = make_posyandu(DESA_A), make_posyandu(DESA_A), make_posyandu(DESA_B)
    add_report(a1, balita_s=20, balita_d=10, balita_n=6, measured=8, stunted=2, balita_bgm=1,
               ibu_hamil_examined=4, ibu_hamil_kek=1, lansia_target=10, lansia_served=12)
    add_report(a2, balita_s=30, balita_d=None, balita_n=None, measured=4, stunted=1)  # D left blank
    add_report(b1, balita_s=10, balita_d=0, balita_n=0, measured=None, stunted=None,
               ibu_hamil_examined=0, ibu_hamil_kek=0)
    db.session.commit()

    kecamatan = row(board(kabupaten_actor, "62.02", fast=fast), KEC)
    f = kecamatan.figures
    assert f["ds"].text == "33,3 %"  # (10 + 0) ÷ (20 + 10): the report with a blank D is left out of both sums
    assert "10 ÷ 30" in f["ds"].numbers and "dari 2 laporan" in f["ds"].numbers
    assert f["nd"].text == "60,0 %"  # 6 ÷ 10 (b1: N 0 of D 0 adds nothing; a2 blank)
    assert f["stunting"].text == "25,0 %"  # (2 + 1) ÷ (8 + 4)
    assert f["bgm"].text == "10,0 %"  # 1 ÷ 10 (a2 has no D)
    assert f["kek"].text == "25,0 %"  # 1 ÷ (4 + 0)
    assert f["ks"].text == "–"  # nobody filled K: blank, not 0 %
    assert "Belum ada laporan" in f["ks"].numbers
    assert f["lansia"].text == "120,0 %"

    desa = board(kabupaten_actor, DESA_A, fast=fast)
    assert row(desa, str(a2.id)).figures["ds"].text == "–"
    assert row(desa, str(a1.id)).figures["ds"].text == "50,0 %"


@pytest.mark.parametrize("fast", [True, False])
def test_on_time_late_and_missing_follow_the_due_day_in_the_kabupaten_zone(kabupaten_actor, fast):
    p = [make_posyandu(DESA_A) for _ in range(4)] + [make_posyandu(DESA_B)]
    add_report(p[0], sent=ON_TIME, balita_s=1)  # 23.59 WIB on 5 November
    add_report(p[1], sent=LATE, balita_s=1)  # 00.00 WIB on 6 November
    add_report(p[2], status="draft", balita_s=1)  # a draft has not come in: missing
    add_report(p[3], status="returned", sent=ON_TIME, balita_s=1)  # came in on time, sent back for a fix
    db.session.commit()  # p[4] sent nothing: missing

    f = row(board(kabupaten_actor, "62.02", fast=fast), KEC).figures
    assert (f["expected"].value, f["on_time"].value, f["late"].value, f["missing"].value) == (5, 2, 1, 2)
    assert f["received"].text == "60,0 %"
    assert "tanggal 5 bulan berikutnya" in f["on_time"].explain

    setting = db.session.get(KabupatenSetting, "62.02")
    setting.report_due_day = 6
    db.session.commit()
    f = row(board(kabupaten_actor, "62.02", fast=fast), KEC).figures
    assert (f["on_time"].value, f["late"].value) == (3, 0)


@pytest.mark.parametrize("fast", [True, False])
def test_posyandu_aktif_on_the_dashboard_is_the_five_criteria(kabupaten_actor, fast):
    aktif = strong(DESA_A)
    few_kader = strong(DESA_A, kader=4)
    no_kit = strong(DESA_A, equipment=False)  # the old "3 syarat" counted this one aktif
    thin = strong(DESA_B, months=7)
    db.session.commit()

    detail = board(kabupaten_actor, DESA_A, fast=fast).posyandu_aktif
    assert detail[aktif.id].is_aktif and detail[aktif.id].figure().text == "Aktif"
    assert [ok for _, ok, _ in detail[few_kader.id].criteria()] == [True, False, True, True, True]
    assert (detail[no_kit.id].is_aktif, detail[no_kit.id].figure().text) == (False, "Belum (4/5)")
    assert board(kabupaten_actor, DESA_B, fast=fast).posyandu_aktif[thin.id].met == 3

    f = row(board(kabupaten_actor, "62.02", fast=fast), KEC).figures["aktif"]
    assert f.text == "25,0 %" and f.flag == "low"
    assert "1 dari 4 Posyandu memenuhi kelima syarat" in f.numbers
    assert "≥ 5 kader ber-SK: 3" in f.numbers and "alat pemantauan tumbuh kembang: 3" in f.numbers
    assert "cakupan ≥ 50 % pada ≥ 3 dari 4 layanan dalam ≥ 8 bulan: 3" in f.numbers

    # A year later the window holds none of these months.
    later = board(kabupaten_actor, "62.02", end=OCTOBER + 12, fast=fast)
    assert row(later, KEC).figures["aktif"].text == "0,0 %"


def test_a_twelve_month_window_sums_every_month(kabupaten_actor):
    p = make_posyandu(DESA_A)
    add_report(p, month=9, balita_s=10, balita_d=5, sent=ON_TIME.replace(month=10))
    add_report(p, month=10, balita_s=10, balita_d=9)
    db.session.commit()
    for fast in (True, False):
        f = row(board(kabupaten_actor, "62.02", months=12, fast=fast), KEC).figures
        assert (f["expected"].value, f["received"].text, f["ds"].text) == (12, "16,7 %", "70,0 %")


def test_posyandu_page_recomputes_from_its_own_reports(kabupaten_actor):
    p = make_posyandu(DESA_A, kader_with_sk=5)
    add_report(p, month=10, balita_s=12, balita_d=9, measured=9, stunted=3)
    add_report(p, month=9, balita_s=12, balita_d=None)
    db.session.commit()
    page = posyandu_dashboard(kabupaten_actor, p, Period(OCTOBER, 12))
    assert [(r.month, r.balita_d) for r in page.reports] == [(9, None), (10, 9)]
    assert page.total.figures["ds"].text == "75,0 %"
    assert page.total.figures["stunting"].text == "33,3 %"
    assert page.trends[0].points[-2:] == [None, 0.75]
