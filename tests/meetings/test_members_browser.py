"""On a 360×740 phone: the note-taker invites a member of a desa body who has no account, marks them izin,
and the Daftar Hadir shows their jabatan, unsur and L/P from the member record."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.meetings.test_browser import _as, _fits, _schedule

SHOTS = "/tmp/pokjanal-issue-11"


@pytest.mark.browser
def test_a_member_without_an_account_is_invited_and_marked_on_a_phone(live_server, phone):
    from webapp.extensions import db
    from webapp.lembaga.demo import seed_lembaga

    server = live_server
    with server.app.app_context():
        seed_lembaga()
        db.session.commit()
    page = _as(phone, server, "pokjanal.kotabesi")
    _schedule(page, server, "Rapat Pokjanal bersama anggota", dt.datetime.now(ZoneInfo("Asia/Pontianak")).date())
    member = page.locator("#undang-anggota label", has_text="H. Mahmud")
    expect(member).to_contain_text("Anggota, Tokoh masyarakat (Desa Palangan, tanpa akun)")
    member.locator("input").check()
    page.click("button:has-text('Undang')")
    expect(page.locator(".flash", has_text="1 peserta diundang")).to_be_visible()
    row = page.locator("#attendance li", has_text="H. Mahmud")
    expect(row).to_contain_text("(L)")
    expect(row).to_contain_text("(anggota, tanpa akun)")
    expect(row).to_contain_text("Anggota, Tokoh masyarakat")
    page.click("button[aria-label='Izin: H. Mahmud']")
    expect(page.locator("#attendance li", has_text="H. Mahmud").locator(".status")).to_have_text("Izin")
    expect(page.locator("#undang-anggota")).not_to_contain_text("H. Mahmud")  # no second invitation offered
    assert _fits(page)
    page.screenshot(path=f"{SHOTS}-anggota-hadir.png", full_page=True)
