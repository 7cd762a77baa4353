"""admin.kotim on a 360×740 phone: download the template, fill it (with openpyxl, as Excel would), upload it,
read the preview, commit, and find the new Posyandu in the registry."""
import io
import os

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.conftest import sign_in_page

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SHOTS", "/tmp/pokjanal-impor")


def _fill(path: str) -> str:
    """Replace the example row with two Posyandu of the kabupaten; the dropdown's hari as typed from its list."""
    book = load_workbook(path)
    sheet = book["Posyandu"]
    desa = sheet["B2"].value
    sheet.delete_rows(2)
    sheet.append(["Posyandu Cempaka", desa, "Dusun III / RW 03", "Selasa minggu ke-2", "6202010001901",
                  "141/055/SK/2025", "20/02/2025", "Pratama"])
    sheet.append(["Posyandu Dahlia", desa, "RW 04", "Sabtu minggu ke-4", "", "", "", ""])
    filled = path.replace(".xlsx", "-isi.xlsx")
    book.save(filled)
    return filled


def test_admin_imports_posyandu_from_the_template_on_a_phone(phone, live_server, tmp_path):
    page = phone.new_page()
    sign_in_page(page, live_server.url, "admin.kotim")
    page.wait_for_url(lambda url: "/masuk" not in url)
    page.click("text=Impor Posyandu dari spreadsheet Dinkes")
    expect(page.locator("h1")).to_have_text("Impor Posyandu")
    with page.expect_download() as download_info:
        page.click("text=Unduh templat Posyandu (.xlsx)")
    template = str(tmp_path / "templat.xlsx")
    download_info.value.save_as(template)
    assert load_workbook(io.BytesIO(open(template, "rb").read()))["Posyandu"]["B2"].value.startswith("62.02.")
    page.set_input_files("input[type=file]", template)  # the untouched template: its example row is refused
    page.click("text=Periksa berkas")
    expect(page.locator("#masalah")).to_contain_text("Ini baris contoh dari templat")
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/ditolak.png", full_page=True)
    page.set_input_files("input[type=file]", _fill(template))
    page.click("text=Periksa berkas")
    expect(page.locator("h1")).to_have_text("Pratinjau impor")
    expect(page.locator("#pratinjau")).to_contain_text("2 akan dibuat")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=f"{SHOTS}/pratinjau.png", full_page=True)
    page.click("button:has-text('Simpan semua')")
    expect(page.locator("#hasil")).to_contain_text("2 Posyandu baru")
    page.screenshot(path=f"{SHOTS}/hasil.png", full_page=True)
    page.click("text=Lihat daftar Posyandu")
    expect(page.locator("main")).to_contain_text("Posyandu Cempaka")
    expect(page.locator("main")).to_contain_text("Sabtu minggu ke-4")
