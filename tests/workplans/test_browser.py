"""The whole chain on a 360×740 phone: draft three lines, submit, return with a note, fix, resubmit,
approve, endorse, and read the printed plan back."""
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader


LINES = [
    ("Penimbangan balita di Posyandu", "kesehatan", "3.600.000", "dd", ["1", "2", "3"]),
    ("Kelas ibu balita", "pendidikan", "2.400.000", "add", ["5", "6"]),
    ("Pendataan lansia", "sosial", "750.000", "swadaya", ["9"]),
]


def _as(phone, server, login):
    """A fresh page signed in as login; waits for the home page hx-boost swaps in."""
    phone.clear_cookies()
    page = phone.new_page()
    page.goto(f"{server.url}/masuk")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "pokjanal-demo")
    page.click("button[type=submit]")
    expect(page.locator("main h1")).to_contain_text("Halo,")
    return page


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _open_plan(page, server, plan_url):
    page.goto(server.url + plan_url)
    page.wait_for_load_state("networkidle")


@pytest.mark.browser
def test_plan_goes_up_the_chain_on_a_phone(live_server, phone):
    server = live_server
    page = _as(phone, server, "pokja.palangan")
    page.goto(server.url + "/rencana-kerja")
    page.click("text=Buat rencana kerja")
    expect(page.locator("main h1")).to_have_text("Rencana kerja baru")
    page.fill("input[name=year]", "2027")
    page.fill("input[name=title]", "Rencana Kerja Pokja Posyandu Palangan 2027")
    page.fill("textarea[name=background]", "Turunkan stunting.")
    page.click("button:has-text('Simpan')")
    page.wait_for_url(re.compile(r"/rencana-kerja/\d+$"))
    plan_url = re.search(r"/rencana-kerja/\d+$", page.url).group(0)
    page.click("text=Tambah kegiatan")
    page.fill("input[name=activity]", "Kelas balita")
    page.click("button:has-text('Simpan kegiatan')")  # everything else missing: one answer names it all
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("[data-error-summary] li")).to_have_count(5)
    assert page.evaluate("document.querySelector('[data-error-summary]').getBoundingClientRect().top") < 740
    page.click("[data-error-summary] a[href='#budget']")
    page.goto(page.url.split("#")[0].replace("/kegiatan/baru", ""))
    for activity, field, budget, source, months in LINES:
        page.click("text=Tambah kegiatan")
        page.fill("input[name=activity]", activity)
        page.select_option("select[name=spm_field]", field)
        page.select_option("select[name=location]", index=1)
        for month in months:
            page.check(f"input[name=months][value='{month}']")
        page.fill("input[name=budget]", budget)
        page.select_option("select[name=funding_source]", source)
        assert _fits(page)
        page.click("button:has-text('Simpan kegiatan')")
        page.wait_for_url(re.compile(r"/rencana-kerja/\d+(#kegiatan)?$"))
    expect(page.locator("#totals")).to_contain_text("Rp 6.750.000")
    assert _fits(page)
    page.click("button:has-text('Ajukan untuk disetujui')")
    expect(page.locator("#plan-status")).to_contain_text("Menunggu Kepala Desa Palangan")

    page = _as(phone, server, "kades.palangan")
    expect(page.locator("main")).to_contain_text("Rencana kerja menunggu Anda")
    expect(page.locator("nav.bottom .badge")).to_have_text("1")
    page.click("text=Rencana Kerja Pokja Posyandu Palangan 2027")
    page.fill("textarea[name=note]", "Anggaran kelas ibu balita naikkan untuk 2 kelas.")
    page.click("button:has-text('Kembalikan')")
    expect(page.locator("#plan-status")).to_contain_text("Dikembalikan")

    page = _as(phone, server, "pokja.palangan")
    expect(page.locator("main")).to_contain_text("Anggaran kelas ibu balita naikkan")  # on the home page too
    _open_plan(page, server, plan_url)
    expect(page.locator("#return-note")).to_contain_text("Anggaran kelas ibu balita naikkan untuk 2 kelas.")
    page.click("#kegiatan .plan-line:nth-of-type(2) >> text=Ubah")
    page.fill("input[name=budget]", "4.800.000")
    page.click("button:has-text('Simpan kegiatan')")
    page.wait_for_url(re.compile(r"/rencana-kerja/\d+(#kegiatan)?$"))
    expect(page.locator("#totals")).to_contain_text("Rp 9.150.000")
    page.click("button:has-text('Ajukan untuk disetujui')")
    expect(page.locator("#plan-status")).to_contain_text("Menunggu Kepala Desa Palangan")

    page = _as(phone, server, "kades.palangan")
    _open_plan(page, server, plan_url)
    page.click("button:has-text('Setujui')")
    expect(page.locator("#plan-status")).to_contain_text("Disetujui, menunggu Camat Kota Besi")

    page = _as(phone, server, "camat.kotabesi")
    page.click("text=Rencana Kerja Pokja Posyandu Palangan 2027")
    page.click("#actions button:has-text('Mengetahui')")
    expect(page.locator("#plan-status")).to_have_text("Disetujui")
    timeline = page.inner_text("#timeline")
    assert timeline.count("Diajukan") == 2 and "Dikembalikan" in timeline and "Mengetahui" in timeline
    assert _fits(page)

    response = page.request.get(server.url + plan_url + ".pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for activity, *_ in LINES:
        assert activity in text
    for amount in ("Rp 3.600.000", "Rp 4.800.000", "Rp 750.000", "Rp 9.150.000"):
        assert amount in text
    for name in ("Siti Aminah", "Marlinae", "Ahmad Yani, S.Sos"):
        assert name in text
    assert re.search(r"Palangan, \d{1,2} \w+ 20\d\d", text)
    assert len(re.findall(r"Tanggal \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|"
                          r"November|Desember) 20\d\d", text)) == 2
    assert "DRAF" not in text


@pytest.mark.browser
def test_an_approved_plan_links_its_realisation_report_and_the_line_form_offers_the_holder(live_server, phone):
    import os

    from tests.conftest import sign_in_page
    from tests.test_thumb_sizes_browser import PROBLEMS

    with live_server.app.app_context():
        from tests.workplans.helpers import make_plan
        from tests.workplans.test_frozen import _signed_plan

        plan_id, draft_id = _signed_plan().id, make_plan(region_code="62.02.01.2003", year=2027).id
    page = phone.new_page()
    sign_in_page(page, live_server.url, "pokja.palangan")
    page.goto(f"{live_server.url}/rencana-kerja/{plan_id}")
    assert page.evaluate(PROBLEMS) == []
    expect(page.locator("#kegiatan")).to_contain_text("Pemilik anggaran: Pemerintah Desa Palangan")
    expect(page.locator("#realisation-pdf")).to_be_visible()
    folder = os.environ.get("POKJANAL_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, "plan-approved.png"), full_page=True)
    page.goto(f"{live_server.url}/rencana-kerja/{draft_id}/kegiatan/baru")
    assert page.evaluate(PROBLEMS) == []
    expect(page.locator("select[name=budget_holder]")).to_be_visible()
    if folder:
        page.screenshot(path=os.path.join(folder, "line-form.png"), full_page=True)
