"""The monthly report end to end on a 360×740 phone: fill (one field wrong, then fixed), submit, returned with
a note, fixed and resubmitted, verified by the kepala desa, counted in the kecamatan recap and its Excel export."""
import io
import os
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.conftest import sign_in_page
from tests.reports.helpers import GOOD, asked, month_text

SECTION_ORDER = ["buka", "sasaran", "gizi", "ibu", "ptm", "layanan"]


def _as(phone, server, login):
    phone.clear_cookies()
    page = phone.new_page()
    sign_in_page(page, server.url, login)
    expect(page.locator("main")).to_contain_text("Halo,")  # hx-boost swaps the answer in without a page load
    return page


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _report_url(server) -> str:
    with server.app.app_context():
        from webapp.demo import first_posyandu

        return f"{server.url}/laporan/posyandu/{first_posyandu('62.02.01.2003').id}/{month_text()}"


@pytest.mark.browser
def test_a_report_goes_from_kader_to_kecamatan_recap(live_server, phone):
    server, url = live_server, _report_url(live_server)
    year, month = (int(x) for x in month_text().split("-"))
    page = _as(phone, server, "kader.palangan")
    page.goto(url)
    page.fill("input[name=open_date_1]", f"{year:04d}-{month:02d}-14")
    for key in SECTION_ORDER[:3]:
        expect(page.locator(f"#bagian-{key}")).to_be_visible()
        for name in asked(key, month):
            value = "50" if name == "balita_d" else str(GOOD[name])  # D above S first
            page.fill(f"input[name={name}]", value)
        page.click(f"#bagian-{key} button[value=next]")
    expect(page.locator("#msg-balita_d")).to_contain_text("D (ditimbang) tidak boleh lebih dari S")
    expect(page.locator("#bagian-gizi")).to_be_visible()  # an error keeps the section on screen
    expect(page.locator("#status-gizi")).to_have_class("save-status alert")  # saved, but never a green "Tersimpan"
    expect(page.locator("#status-gizi")).to_contain_text("perlu diperbaiki")
    expect(page.locator("input[name=balita_d]")).to_have_attribute("aria-invalid", "true")
    assert _fits(page)
    page.fill("input[name=balita_d]", "40")
    page.locator("input[name=balita_n]").focus()
    expect(page.locator("#msg-balita_d")).to_be_empty()
    expect(page.locator("#status-gizi")).to_have_class("save-status saved")
    expect(page.locator("#status-gizi")).to_have_text("Tersimpan")
    expect(page.locator("input[name=balita_d]")).not_to_have_attribute("aria-invalid", "true")  # the fix clears the marks
    assert "invalid" not in page.get_attribute("#msg-balita_d >> xpath=..", "class")
    page.click("#bagian-gizi button[value=next]")
    expect(page.locator("#bagian-ibu")).to_be_visible()
    expect(page.locator(".step-of:visible")).to_have_text("Langkah 4 dari 7 · Ibu & remaja")
    assert page.url.endswith("/bagian/ibu")
    page.click("#bagian-ibu button[value=back]")  # Kembali: the typed values are still there
    expect(page.locator("#bagian-gizi")).to_be_visible()
    expect(page.locator("input[name=balita_d]")).to_have_value("40")
    page.go_back()  # the phone's back button moves between steps too
    expect(page.locator("#bagian-ibu")).to_be_visible()
    for key in SECTION_ORDER[3:]:
        for name in asked(key, month):
            page.fill(f"input[name={name}]", str(GOOD[name]))
        page.click(f"#bagian-{key} button[value=next]")
    expect(page.locator("#ringkasan")).to_be_visible()
    expect(page.locator("#ringkasan .state-ok")).to_have_count(6)
    page.click("button:has-text('Kirim laporan')")
    expect(page.locator("main .status")).to_have_text("Dikirim")

    page = _as(phone, server, "pokja.palangan")
    page.goto(url)
    page.fill("textarea[name=note]", "Mohon cek K sekali lagi.")
    page.select_option("select[name=field]", "balita_k")
    page.fill("textarea[name=field_note]", "K lebih banyak dari jumlah KMS di buku register (44).")
    page.click("button:has-text('Kembalikan dengan catatan')")
    expect(page.locator("main .status")).to_have_text("Dikembalikan")

    page = _as(phone, server, "kader.palangan")
    expect(page.locator("main")).to_contain_text("K lebih banyak dari jumlah KMS")
    page.click("text=Perbaiki laporan")
    expect(page.locator("#msg-balita_k")).to_contain_text("K lebih banyak dari jumlah KMS")
    page.fill("input[name=balita_k]", "44")
    page.locator("input[name=balita_n]").focus()
    expect(page.locator("#status-gizi")).to_contain_text("Tersimpan")
    page.click(".steps a[data-to=ringkasan]")  # straight to the summary by its step number
    expect(page.locator("#tanpa-hambatan")).to_be_visible()
    page.click("button:has-text('Kirim laporan')")
    expect(page.locator("main .status")).to_have_text("Dikirim")

    page = _as(phone, server, "kades.palangan")
    expect(page.locator("main")).to_contain_text("Laporan menunggu verifikasi")
    page.goto(url)
    page.click("button:has-text('Verifikasi')")
    expect(page.locator("main .status")).to_have_text("Diverifikasi")
    expect(page.locator("#riwayat")).to_contain_text("Dikembalikan")

    page = _as(phone, server, "camat.kotabesi")
    page.goto(f"{server.url}/laporan/rekap/62.02.01?bulan={month_text()}")
    row = page.locator("#recap-ratios tr", has_text="Palangan")
    expect(row).to_contain_text("83,3 %")  # D/S 40/48
    expect(page.locator("#recap-sums [data-field=balita_k]")).to_have_text("44")
    assert _fits(page)
    with page.expect_download() as download:
        page.click("a:has-text('Excel')")
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    header = [c.value for c in sheet[1]]
    palangan = next([c.value for c in r] for r in sheet.iter_rows(min_row=2) if r[0].value == "Palangan")
    assert palangan[header.index("Laporan masuk")] == 1
    assert [palangan[header.index(h)] for h in ("S", "K", "D", "N")] == [48, 44, 40, 30]
    assert re.fullmatch(r"83\.3", str(palangan[header.index("D/S (%)")]))


@pytest.mark.browser
def test_the_form_works_without_javascript(live_server, _browser):
    context = _browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    context.set_default_timeout(10000)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/masuk")
        page.fill("input[name=login]", "kader.palangan")
        page.fill("input[name=password]", "pokjanal-demo")
        page.click("button[type=submit]")
        expect(page.locator("main")).to_contain_text("Halo,")
        url = _report_url(live_server)
        page.goto(url)
        year, month = (int(x) for x in month_text().split("-"))
        for key in SECTION_ORDER:
            form = page.locator(f"#bagian-{key}")
            expect(form).to_be_visible()  # one section per screen, the next one after Lanjut
            if key == "buka":
                form.locator("input[name=open_date_1]").fill(f"{year:04d}-{month:02d}-14")
            for name in asked(key, month):
                form.locator(f"input[name={name}]").fill("x" if name == "kader_on_duty" else str(GOOD[name]))
            form.locator("button[value=next]").click()
            if key == "buka":  # the wrong field comes back with its message; nothing else of the section is lost
                expect(page.locator("#msg-kader_on_duty")).to_contain_text("Isi angka bulat")
                expect(page.locator("#bagian-buka input[name=kader_on_duty]")).to_have_value("x")
                page.locator("#bagian-buka input[name=kader_on_duty]").fill("5")
                page.locator("#bagian-buka button[value=next]").click()
            expect(page.locator("main")).to_contain_text("Bagian ini tersimpan.")
        expect(page.locator("#ringkasan")).to_be_visible()
        page.click("button:has-text('Kirim laporan')")
        expect(page.locator("main .status")).to_have_text("Dikirim")
    finally:
        context.close()


@pytest.mark.browser
def test_a_block_in_the_summary_leads_to_its_field_and_a_skip_stores_the_section_blank(live_server, phone):
    from tests.reports.helpers import actor, fill, last_month, palangan_posyandu
    from webapp.extensions import db
    from webapp.reports import queries

    with live_server.app.app_context():
        fill(actor("kader.palangan"), palangan_posyandu(), *last_month(), stunted=40)  # more stunted than measured
        db.session.remove()
    page = _as(phone, live_server, "kader.palangan")
    page.goto(_report_url(live_server) + "/ringkasan")  # a deep link to step 7
    expect(page.locator(".step-of:visible")).to_have_text("Langkah 7 dari 7 · Ringkasan")
    expect(page.locator("#hambatan")).to_contain_text("Pendek dan sangat pendek (stunting)")
    expect(page.locator("#ringkasan .state-error")).to_contain_text("Balita: SKDN dan gizi")
    if folder := os.environ.get("SHOTS"):  # to look at the summary with a block
        page.screenshot(path=os.path.join(folder, "ringkasan-hambatan.png"), full_page=True)
    page.click("#hambatan a[href$='#stunted']")
    expect(page.locator("#bagian-gizi")).to_be_visible()
    expect(page.locator("#stunted")).to_be_focused()  # its section's screen, the field ready to type
    assert page.url.endswith("/bagian/gizi#stunted")
    page.click(".steps a[data-to=ptm]")
    page.click("#bagian-ptm button[value=skip]")  # one tap: no PTM screening this month
    expect(page.locator("#bagian-layanan")).to_be_visible()
    expect(page.locator("#bagian-ptm input[name=dewasa_screened]")).to_have_value("")
    with live_server.app.app_context():
        report = queries.find_report(palangan_posyandu(), *last_month())
        assert (report.dewasa_screened, report.lansia_screened, report.stunted) == (None, None, 40)
        db.session.remove()
    page.click(".steps a[data-to=ringkasan]")
    expect(page.locator("#ringkasan .state-skipped")).to_contain_text("Tidak ada layanan bulan ini")
