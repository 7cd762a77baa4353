"""The cross-sector journey on a 360×740 phone: the admin adds a mitra, the desa drafts a plan with a line for
its own body and one for Puskesmas Kota Besi, the kades approves, Dinkes staff see and realise their line and
nothing else, and the kecamatan roll-up shows the line under Dinkes × Kesehatan × Dana Desa."""
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import sign_in_page

SHOTS = "/tmp/pokjanal-issue-11"


def _as(phone, server, login):
    phone.clear_cookies()
    page = phone.new_page()
    sign_in_page(page, server.url, login)
    return page


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _line(page, activity, field, pelaksana, budget):
    page.click("text=Tambah kegiatan")
    page.fill("input[name=activity]", activity)
    page.select_option("select[name=spm_field]", field)
    page.select_option("select[name=location]", index=1)
    page.check("input[name=months][value='3']")
    page.select_option("select[name=mitra_id]", label=pelaksana)
    page.fill("input[name=budget]", budget)
    page.select_option("select[name=funding_source]", "dd")
    assert _fits(page)
    page.click("button:has-text('Simpan kegiatan')")
    page.wait_for_url(re.compile(r"/rencana-kerja/\d+(#kegiatan)?$"))


@pytest.mark.browser
def test_a_plan_line_carried_by_a_puskesmas_reaches_dinkes_and_the_rollup(live_server, phone):
    server = live_server
    page = _as(phone, server, "admin.kotim")
    page.goto(server.url + "/mitra/baru")
    page.select_option("select[name=kind]", "nonpemerintah")
    page.fill("input[name=short_name]", "Univ Sampit")
    page.fill("input[name=name]", "Perguruan tinggi mitra di Sampit")
    page.check("input[name=fields][value='pendidikan']")
    assert _fits(page)
    page.click("button:has-text('Simpan mitra')")
    expect(page.locator("main h1")).to_contain_text("Univ Sampit")

    page = _as(phone, server, "pokja.palangan")
    page.goto(server.url + "/rencana-kerja/baru")
    page.fill("input[name=year]", "2026")
    page.fill("input[name=title]", "Rencana lintas sektor Palangan 2026")
    page.click("button:has-text('Simpan')")
    page.wait_for_url(re.compile(r"/rencana-kerja/\d+$"))
    plan_url = page.url
    _line(page, "Rakor Pokja desa", "kelembagaan", "Tim/Pokja sendiri", "600.000")
    _line(page, "PMT lokal balita gizi kurang", "kesehatan", "PKM Kota Besi — UPT Puskesmas Kota Besi", "4.000.000")
    expect(page.locator("#kegiatan")).to_contain_text("Pelaksana: PKM Kota Besi")
    page.click("button:has-text('Ajukan untuk disetujui')")
    expect(page.locator("#plan-status")).to_contain_text("Menunggu Kepala Desa Palangan")

    page = _as(phone, server, "kades.palangan")
    page.goto(plan_url)
    page.click("button:has-text('Setujui')")
    expect(page.locator("#plan-status")).to_contain_text("Disetujui")

    page = _as(phone, server, "dinkes.kotim")
    page.click("#mitra-panel a:has-text('Kegiatan Dinkes')")
    expect(page.locator("#mitra-lines")).to_contain_text("PMT lokal balita gizi kurang")
    expect(page.locator("#mitra-lines")).to_contain_text("Desa Palangan")
    expect(page.locator("#total-approved")).to_contain_text("Rp 4.000.000")
    assert _fits(page)
    page.screenshot(path=f"{SHOTS}-mitra.png", full_page=True)
    page.click("#mitra-lines a:has-text('Perbarui realisasi')")
    page.select_option("select[name=progress]", "berjalan")
    page.fill("input[name=spent]", "1.500.000")
    page.fill("input[name=output_achieved]", "PMT 20 hari untuk 12 balita")
    assert _fits(page)
    page.screenshot(path=f"{SHOTS}-realisasi.png", full_page=True)
    page.click("button:has-text('Simpan realisasi')")
    expect(page.locator("#mitra-lines")).to_contain_text("Realisasi: Berjalan · Rp 1.500.000")
    for path, status in (("/rencana-kerja", 403), ("/posyandu", 403), ("/rapat", 403), ("/wilayah", 403),
                         (plan_url.replace(server.url, ""), 404)):  # a plan: a kind the mitra role cannot see
        assert page.goto(server.url + path).status == status, path

    page = _as(phone, server, "camat.kotabesi")
    page.goto(server.url + "/rencana-kerja/rekap?wilayah=62.02.01&tahun=2026")
    row = page.locator("#rollup-matrix tbody.cell", has_text="Dinkes — PKM Kota Besi")
    expect(row).to_contain_text("Kesehatan")
    expect(row).to_contain_text("Dana Desa")
    expect(row).to_contain_text("4.000.000")
    expect(row).to_contain_text("1.500.000")
    assert _fits(page)
    page.screenshot(path=f"{SHOTS}-rekap.png", full_page=True)
