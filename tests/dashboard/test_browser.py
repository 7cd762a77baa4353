"""On a 360×740 phone: the bupati drills down to one Posyandu and its figures are its own reports' sums."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.conftest import sign_in_page
from webapp.dashboard.periods import last_complete
from webapp.dashboard.sql import COUNTED, RECEIVED
from webapp.signals.keys import year_month
from webapp.extensions import db
from webapp.formatting import persen
from webapp.reports.models import MonthlyReport


def _recompute(posyandu_id: int, period: int) -> dict:
    """D/S, stunting per measured and completeness straight from the Posyandu's own report."""
    year, month = year_month(period)
    report = db.session.scalar(select(MonthlyReport).where(
        MonthlyReport.posyandu_id == posyandu_id, MonthlyReport.year == year, MonthlyReport.month == month))
    counted = report is not None and report.status in COUNTED

    def share(num, den):
        return persen(num, den) if counted and num is not None and den is not None else "–"

    return {"D/S": share(report.balita_d, report.balita_s) if report else "–",
            "Stunting per diukur": share(report.stunted, report.measured) if report else "–",
            "Kelengkapan laporan": persen(int(report is not None and report.status in RECEIVED), 1)}


@pytest.mark.browser
@pytest.mark.full_demo
def test_bupati_drills_down_to_a_posyandu_on_a_phone(live_server, phone):
    page = phone.new_page()
    sign_in_page(page, live_server.url, "bupati.kotim")
    expect(page.locator("main")).to_contain_text("Halo,")  # hx-boost swaps the answer in without a page load
    page.goto(f"{live_server.url}/pemantauan")
    expect(page.locator("h1")).to_have_text("Pemantauan Kab. Kotawaringin Timur")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_role("link", name="Kec. Kota Besi").click()
    expect(page.locator("h1")).to_have_text("Pemantauan Kec. Kota Besi")
    page.get_by_role("link", name="Desa Palangan").click()
    expect(page.locator("h1")).to_have_text("Pemantauan Desa Palangan")
    first = page.locator("table.board tbody tr th a").first
    name = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_have_text(f"Pemantauan {name}")
    crumbs = page.locator("nav.crumbs").inner_text()
    assert "Kab. Kotawaringin Timur › Kec. Kota Besi › Desa Palangan" in crumbs
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    posyandu_id = int(page.url.split("/posyandu/")[1].split("?")[0])
    with live_server.app.app_context():
        expected = _recompute(posyandu_id, last_complete("Asia/Pontianak"))
    for label, value in expected.items():
        figure = page.locator(".kpis > div", has=page.locator("dt", has_text=label)).first.locator("summary")
        assert figure.inner_text() == value, label

    explain = page.locator(".kpis > div", has=page.locator("dt", has_text="D/S")).first.locator(".explain")
    assert not explain.is_visible()
    page.locator(".kpis > div", has=page.locator("dt", has_text="D/S")).first.locator("summary").tap()
    assert explain.is_visible()
    assert "D/S = Σ D ÷ Σ S" in explain.inner_text()
