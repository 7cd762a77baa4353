"""On a 360×740 phone the dashboard loads its kelembagaan section when scrolled to, and it fits the screen."""
import pytest
from playwright.sync_api import expect

from tests.conftest import sign_in_page

SHOTS = "/tmp/pokjanal-issue-11"


@pytest.mark.browser
def test_the_kelembagaan_section_loads_on_the_dashboard(live_server, phone):
    from webapp.extensions import db
    from webapp.lembaga.demo import seed_lembaga

    with live_server.app.app_context():
        seed_lembaga()
        db.session.commit()
    page = phone.new_page()
    sign_in_page(page, live_server.url, "bupati.kotim")
    page.goto(live_server.url + "/pemantauan/62.02")
    page.locator("#kelembagaan").scroll_into_view_if_needed()
    section = page.locator("#kelembagaan")
    expect(section).to_contain_text("Desa/kelurahan yang punya Pokja/TP Posyandu")
    expect(section.locator("tr[data-code='62.02.01']")).to_contain_text("SK berlaku")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    section.screenshot(path=f"{SHOTS}-kelembagaan.png")
