"""At 360×740 in Chromium: the account edit form (sex, ASN, NIP) and the meeting page with its undangan
button fit a thumb, and a wrong NIP shows its message by the field with what was typed kept."""
import os

import pytest
from playwright.sync_api import expect

from tests.conftest import sign_in_page
from tests.test_thumb_sizes_browser import PROBLEMS

pytestmark = pytest.mark.browser


def _shot(page, name: str) -> None:
    folder = os.environ.get("POKJANAL_SCREENSHOTS")  # set it to look at the screens as a user would
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def test_the_account_edit_form_and_the_undangan_button_fit_a_thumb(phone, live_server):
    with live_server.app.app_context():
        from sqlalchemy import select

        import datetime as dt

        from tests.meetings.helpers import make_meeting, today_local
        from webapp.auth.models import User
        from webapp.extensions import db

        camat = db.session.scalar(select(User.id).where(User.username == "camat.kotabesi"))
        meeting = make_meeting(day=today_local() + dt.timedelta(days=1)).id
    page = phone.new_page()
    sign_in_page(page, live_server.url, "admin.kotim")
    page.goto(f"{live_server.url}/pengguna/{camat}/ubah")
    assert page.evaluate(PROBLEMS) == []
    page.fill("input[name=nip]", "1976 0309")
    page.check("input[name=is_asn]")
    page.click("#account-edit button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#nip-err").inner_text() == "NIP seorang ASN terdiri dari 18 angka."
    assert page.input_value("input[name=nip]") == "1976 0309"
    _shot(page, "account-edit-error")

    phone.clear_cookies()  # another person on another phone
    page = phone.new_page()
    sign_in_page(page, live_server.url, "pokjanal.kotabesi")
    page.goto(f"{live_server.url}/rapat/{meeting}")
    assert page.evaluate(PROBLEMS) == []
    page.click("text=Ajukan undangan untuk ditandatangani")  # the secretary prepares; the camat signs
    expect(page.locator("#undangan .status")).to_have_text("Menunggu tanda tangan")
    assert page.locator("text=Setujui & terbitkan undangan").count() == 0
    _shot(page, "meeting-undangan-diajukan")

    phone.clear_cookies()
    page = phone.new_page()
    sign_in_page(page, live_server.url, "camat.kotabesi")
    page.goto(f"{live_server.url}/rapat/{meeting}")
    assert page.evaluate(PROBLEMS) == []
    _shot(page, "meeting-undangan-tanda-tangan")
    page.click("text=Setujui & terbitkan undangan (beri nomor surat)")
    expect(page.locator("text=Undangan diterbitkan dengan nomor 400.5.9/1/Pokjanal/")).to_be_visible()
    expect(page.locator("#undangan .status")).to_have_text("Diterbitkan")
    _shot(page, "meeting-undangan")


def test_a_plan_verification_page_shows_its_frozen_figures_on_a_phone(phone, live_server):
    with live_server.app.app_context():
        from tests.workplans.test_frozen import _signed_plan
        from webapp.documents import queries
        from webapp.workplans.printing import KIND

        code = queries.latest(KIND, _signed_plan().id).code
    page = phone.new_page()  # anonymous, as a QR scan opens it
    page.goto(f"{live_server.url}/verifikasi/{code}")
    assert page.evaluate(PROBLEMS) == []
    text = page.locator("#verifikasi").inner_text()
    assert "Jumlah kegiatan" in text and "Anggaran Dana Desa" in text and "Rp 3.500.000" in text
    _shot(page, "verify-plan")
