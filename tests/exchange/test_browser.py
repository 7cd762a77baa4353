"""The camat of Kota Besi on a 360×740 phone: the recap offers "Unduh untuk DHIS2" and the ADX it downloads
validates against the IHE QRPH ADX schema (tests/fixtures/adx, from dhis2/adx IHE2015/schema/adx_loose.xsd)."""
from pathlib import Path

import pytest
from lxml import etree
from playwright.sync_api import expect

from tests.conftest import sign_in_page
from tests.reports.helpers import month_text

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).parent.parent.parent / "instance" / "screenshots"


def test_camat_downloads_the_adx_from_the_recap(live_server, phone):
    with live_server.app.app_context():
        from tests.exchange.helpers import verified_and_submitted

        verified_and_submitted()
    page = phone.new_page()
    sign_in_page(page, live_server.url, "camat.kotabesi")
    page.goto(f"{live_server.url}/laporan/rekap/62.02.01?bulan={month_text()}")
    block = page.locator("#unduh-dhis2")
    expect(block).to_contain_text("Unduh untuk DHIS2")
    block.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "exchange-recap-360.png"))
    with page.expect_download() as download:
        block.get_by_role("link", name="ADX (XML)").click()
    document = etree.parse(download.value.path())
    schema = etree.XMLSchema(etree.parse(str(Path(__file__).parent.parent / "fixtures" / "adx" / "adx_loose.xsd")))
    assert schema.validate(document), schema.error_log
    assert len(document.getroot()) == 1  # one verified Posyandu; the submitted one is not sent
