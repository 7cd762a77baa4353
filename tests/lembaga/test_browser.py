"""A desa body records its SK (with the PDF scan) and a member on a 360×740 phone."""
import pytest
from playwright.sync_api import expect

from tests.conftest import sign_in_page
from tests.lembaga.test_lembaga import PDF


@pytest.mark.browser
def test_desa_body_records_its_sk_and_a_member_on_a_phone(live_server, phone, tmp_path):
    scan = tmp_path / "sk.pdf"
    scan.write_bytes(PDF)
    page = phone.new_page()
    sign_in_page(page, live_server.url, "pokja.hanjalipan")
    page.click("#lembaga-panel a:has-text('Pokja Posyandu Desa Hanjalipan')")
    expect(page.locator("main h1")).to_have_text("Pokja Posyandu Desa Hanjalipan")
    page.click("summary:has-text('Catat SK')")
    page.fill("input[name=sk_number]", "141/09/DS-HJL/2026")
    page.fill("input[name=sk_on]", "2026-01-05")
    page.fill("input[name=term_start]", "2026-01-05")
    page.fill("input[name=term_end]", "2025-01-04")
    page.set_input_files("input[name=scan]", str(scan))
    page.click("button:has-text('Simpan SK')")
    expect(page.locator("#sk .error")).to_have_text("Akhir masa bakti tidak boleh sebelum awalnya.")
    expect(page.locator("input[name=sk_number]")).to_have_value("141/09/DS-HJL/2026")  # what was typed is kept
    page.fill("input[name=term_end]", "2031-01-04")
    page.set_input_files("input[name=scan]", str(scan))
    page.click("button:has-text('Simpan SK')")
    expect(page.locator("#sk")).to_contain_text("4 Januari 2031")
    page.click("text=Tambah anggota")
    page.fill("input[name=name]", "Rusmini")
    page.select_option("select[name=jabatan]", "ketua")
    page.fill("input[name=unsur_text]", "TP PKK Desa")
    page.select_option("select[name=sex]", "P")
    page.click("button:has-text('Simpan anggota')")
    expect(page.locator("#anggota")).to_contain_text("Ketua · unsur TP PKK Desa")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path="/tmp/pokjanal-issue-11-lembaga.png", full_page=True)


@pytest.mark.browser
def test_a_linked_members_nip_is_the_accounts_and_a_second_one_is_refused_by_the_field(live_server, phone):
    with live_server.app.app_context():
        from sqlalchemy import select

        from webapp.extensions import db
        from webapp.lembaga.demo import seed_lembaga
        from webapp.lembaga.models import Member

        seed_lembaga()
        db.session.commit()
        sri = db.session.scalar(select(Member.id).where(Member.own_name == "Sri Wahyuni"))
    page = phone.new_page()
    sign_in_page(page, live_server.url, "pokjanal.kotabesi")
    page.goto(f"{live_server.url}/lembaga/62.02.01/anggota/{sri}")
    expect(page.locator("input[name=nip]")).to_have_value("19840517 200902 2 008")  # the account's, held once
    page.fill("input[name=nip]", "19860404 201001 2 003")
    page.click("button:has-text('Simpan anggota')")
    expect(page.locator("#nip-err")).to_contain_text("Akun pokjanal.kotabesi mencatat NIP")
    expect(page.locator("input[name=nip]")).to_have_value("19860404 201001 2 003")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path="/tmp/pokjanal-issue-22-member-nip.png", full_page=True)
