"""The real monthly report in Chromium with the network cut: kader.palangan fills every section and
submits offline, and the report reaches the server once when the signal returns."""
import pytest
from sqlalchemy import func, select

from tests.pwa.conftest import signed_in
from tests.pwa.test_offline_browser import outbox_items, until
from tests.reports.helpers import month_text, palangan_posyandu, walk_steps

pytestmark = pytest.mark.browser

EMPTY = "() => PokjanalOutbox.all().then(items => items.length === 0)"


def report_state(app, year: int, month: int) -> tuple[str | None, int, int]:
    """(status, reports for the month, 'submitted' events) of the first Palangan Posyandu."""
    from webapp.extensions import db
    from webapp.reports.models import MonthlyReport, ReportEvent

    with app.app_context():
        posyandu = palangan_posyandu()
        where = (MonthlyReport.posyandu_id == posyandu.id, MonthlyReport.year == year, MonthlyReport.month == month)
        reports = db.session.scalars(select(MonthlyReport).where(*where)).all()
        submitted = db.session.scalar(select(func.count()).select_from(ReportEvent).join(MonthlyReport)
                                      .where(*where, ReportEvent.action == "submitted"))
        state = (reports[0].status if reports else None, len(reports), submitted)
        db.session.remove()
        return state


def test_a_report_filled_and_submitted_offline_reaches_the_server_once(phone, live_server):
    from webapp.reports.fields import SECTIONS

    with live_server.app.app_context():
        url = f"{live_server.url}/laporan/posyandu/{palangan_posyandu().id}/{month_text()}"
    year, month = (int(x) for x in month_text().split("-"))
    page = phone.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    signed_in(page, live_server.url, "kader.palangan")
    page.goto(url)
    page.context.set_offline(True)
    walk_steps(page, year, month)
    page.click("button:has-text('Kirim laporan')")
    page.wait_for_selector("#outbox-status")
    assert "Belum terkirim — akan dikirim otomatis" in page.text_content("#outbox-status")
    until(page, "() => PokjanalOutbox.all().then(items => items.length && items[items.length - 1].url.endsWith('/kirim'))")
    items = outbox_items(page)
    sections = [i["url"].rsplit("/", 1)[1] for i in items[:-1]]
    assert sorted(sections) == sorted(s.key for s in SECTIONS)  # every section, saved before the submission
    assert page.text_content("#outbox-link .badge") == str(len(items))
    assert report_state(live_server.app, year, month) == (None, 0, 0)

    page.context.set_offline(False)
    until(page, EMPTY)
    assert report_state(live_server.app, year, month) == ("submitted", 1, 1)
    until(page, "() => document.querySelector('#outbox-status').textContent.startsWith('Terkirim')")

    # The same submission replayed twice (a lost answer, a second tab) still makes one report, submitted once.
    page.evaluate("item => { delete item.id; return PokjanalOutbox.put(item).then(() => PokjanalOutbox.put(item)); }",
                  items[-1])
    page.evaluate("PokjanalOutbox.flush()")
    until(page, EMPTY)
    assert report_state(live_server.app, year, month) == ("submitted", 1, 1)

    # A change saved offline after the report was sent is refused (locked) and kept, with the reason.
    page.context.set_offline(True)
    page.click(".steps a[data-to=gizi]")  # back to step 3 by its number
    page.fill("input[name=balita_k]", "44")
    page.click("#bagian-gizi button[value=next]")
    until(page, "() => PokjanalOutbox.all().then(items => items.length === 1)")
    page.context.set_offline(False)
    until(page, "() => PokjanalOutbox.all().then(items => items[0].state === 'rejected')")
    page.goto(live_server.url + "/kotak-keluar")
    page.locator("li[data-state=rejected]").wait_for()
    assert "sudah dikirim dan menunggu verifikasi" in page.text_content("li[data-state=rejected]")
    assert report_state(live_server.app, year, month) == ("submitted", 1, 1)
    assert violations == []  # the report form, its autosave and the outbox need nothing inline
