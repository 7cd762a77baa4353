"""The evidence journey on a 360×740 phone: pokjanal.kotabesi opens the next Kota Besi rakor's agenda pack
(demo: Hanjalipan reports late, Simpur's D/S dropped), picks both signals, downloads the Bahan Rapat PDF,
decides an action item under the D/S signal in the minutes; once Simpur's data is corrected the following
meeting's pack says "Tuntas" for that decision."""
import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from sqlalchemy import select

from tests.conftest import sign_in_page

SHOTS = "/tmp/evidence-shots"


def _correct_simpur(app) -> None:
    """The kader corrects the latest month: D back to 80 % of S."""
    from webapp.evidence.demo import SIMPUR
    from webapp.extensions import db
    from webapp.reports.models import MonthlyReport

    with app.app_context():
        for report in db.session.scalars(select(MonthlyReport).where(MonthlyReport.region_code == SIMPUR)):
            if report.balita_s and report.balita_d and report.balita_d < report.balita_s * 0.5:
                report.balita_d = round(report.balita_s * 0.8)
        db.session.commit()


def _following_meeting(app, after_id: int) -> int:
    from tests.meetings.helpers import actor, user_id
    from webapp.extensions import db
    from webapp.meetings import services
    from webapp.meetings.models import Meeting

    with app.app_context():
        previous = db.session.get(Meeting, after_id)
        meeting = services.create_meeting(actor("pokjanal.kotabesi"), {
            "region_code": "62.02.01", "kind": "koordinasi", "title": "Rakor Kota Besi berikutnya",
            "day": (previous.starts_at + dt.timedelta(days=30)).date(), "starts": dt.time(9), "ends": None,
            "place": "Aula Kantor Camat", "chair_id": user_id("camat.kotabesi"),
            "notulis_id": user_id("pokjanal.kotabesi"), "agenda": []})
        return meeting.id


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.full_demo
def test_agenda_pack_pick_decide_and_clear_on_a_phone(live_server, phone):
    server = live_server
    page = phone.new_page()
    sign_in_page(page, server.url, "pokjanal.kotabesi")
    page.goto(server.url + "/rapat")
    page.click("a:has-text('Rapat Koordinasi Pokjanal Posyandu Kecamatan Kota Besi') >> nth=0")
    page.click("a:has-text('Bahan rapat (data)')")
    page.wait_for_url(re.compile(r"/rapat/\d+/bahan$"))
    meeting_id = int(re.search(r"/rapat/(\d+)/bahan", page.url)[1])
    late = page.locator("article[data-signal^='lapor:62.02.01.2004:']")
    drop = page.locator("article[data-signal^='ds:62.02.01.2005:']")
    expect(late).to_contain_text("Desa Hanjalipan")
    expect(drop).to_contain_text("Desa Simpur: D/S turun")
    assert _fits(page)
    page.screenshot(path=f"{SHOTS}-pack.png", full_page=False)

    late.locator("button:has-text('Masukkan ke agenda')").click()
    expect(page.locator(".flash", has_text="Sinyal masuk agenda")).to_be_visible()
    page.locator("article[data-signal^='ds:62.02.01.2005:'] button:has-text('Masukkan ke agenda')").click()
    agenda = page.locator("#agenda-data")
    expect(agenda).to_contain_text("Desa Simpur: D/S turun")
    expect(agenda).to_contain_text("Desa Hanjalipan")
    page.screenshot(path=f"{SHOTS}-picked.png", full_page=False)

    response = page.request.get(f"{server.url}/rapat/{meeting_id}/bahan.pdf")
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "BAHAN RAPAT" in text and "Agenda 1." in text and "Desa Simpur" in text

    page.goto(f"{server.url}/rapat/{meeting_id}/notulen")
    item = page.locator("#tindak-lanjut > div", has_text="Desa Simpur: D/S turun")
    item.locator("summary").click()
    item.locator("textarea[name=what]").fill("Verifikasi ulang penimbangan Desa Simpur bersama bidan desa")
    item.locator("select[name=responsible]").select_option("r:62.02.01.2005")
    item.locator("button:has-text('Simpan tindak lanjut')").click()
    expect(page.locator("#tindak-lanjut")).to_contain_text("Verifikasi ulang penimbangan Desa Simpur")
    assert _fits(page)

    _correct_simpur(server.app)
    following = _following_meeting(server.app, meeting_id)
    page.goto(f"{server.url}/rapat/{following}/bahan")
    decision = page.locator("#keputusan li", has_text="Verifikasi ulang penimbangan Desa Simpur")
    expect(decision).to_contain_text("Tuntas")
    assert _fits(page)
    decision.scroll_into_view_if_needed()
    page.screenshot(path=f"{SHOTS}-tuntas.png", full_page=False)


@pytest.mark.browser
@pytest.mark.full_demo
def test_the_dashboard_loads_decision_and_data_quality_figures_on_a_phone(live_server, phone):
    from tests.test_thumb_sizes_browser import PROBLEMS
    from webapp.dashboard.periods import last_complete
    from webapp.evidence.outcomes import flag_rates
    from webapp.extensions import db
    from webapp.regions.models import Region

    with live_server.app.app_context():
        rows, total = flag_rates(db.session.get(Region, "62.02.01"), [last_complete("Asia/Pontianak")])
    page = phone.new_page()
    sign_in_page(page, live_server.url, "camat.kotabesi")
    page.goto(f"{live_server.url}/pemantauan/62.02.01")
    table = page.locator("#keputusan #tanda-per-wilayah")
    expect(table).to_be_visible()  # swapped into the dashboard once the page has shown
    for row in rows:
        cell = table.locator(f"tr[data-code='{row.code}'] td").inner_text()
        assert cell.startswith(f"{row.flagged} dari {row.received}"), (row, cell)
    assert table.locator("tfoot td").inner_text().startswith(f"{total.flagged} dari {total.received}")
    expect(page.locator("#keputusan")).to_contain_text("Sinyal tuntas dalam 60 hari")
    assert page.evaluate(PROBLEMS) == []
    page.locator("#keputusan").scroll_into_view_if_needed()
    page.screenshot(path=f"{SHOTS}-pemantauan-keputusan.png", full_page=False)
