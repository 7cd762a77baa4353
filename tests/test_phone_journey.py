"""The demo kader files a whole month on a 360×740 phone from a fresh seed, with last month's sasaran
verified, while the network drops twice: once in the middle of the form (she taps the badge, then
opens a page she never saw: the offline page, and the signal returns there) and once as she taps
"Kirim laporan". The report ends submitted exactly once and nothing is left in the outbox.

Prints the figures the issue asks for: values typed, taps, and seconds of typing at one value per 3 s.
"""
import pytest

from tests.pwa.conftest import signed_in
from tests.pwa.test_offline_browser import until
from tests.pwa.test_report_outbox_browser import EMPTY, report_state
from tests.reports.helpers import GOOD, actor, fill, last_month, month_text, new_id, palangan_posyandu

pytestmark = pytest.mark.browser

SECONDS_PER_VALUE = 3


class Thumb:
    """A page whose taps and typed values are counted: a fill is one tap into the field and one value."""

    def __init__(self, page):
        self.page, self.taps, self.typed = page, 0, 0

    def tap(self, selector: str) -> None:
        self.page.click(selector)
        self.taps += 1

    def type(self, selector: str, value: str) -> None:
        self.page.fill(selector, value)
        self.taps += 1
        self.typed += 1

    def fill_section(self, key: str) -> None:
        """Type what the section still needs; a value already shown (carried over) is left as it is."""
        from webapp.reports.fields import SECTION_BY_KEY

        for name in SECTION_BY_KEY[key].names:
            selector = f"#bagian-{key} input[name={name}]"
            if self.page.input_value(selector) != str(GOOD[name]):
                self.type(selector, str(GOOD[name]))
        self.page.locator(f"#bagian-{key} input").last.press("Tab")  # leaving the field saves the section
        self.taps += 1  # on a phone: the keyboard's "next" or a tap outside the field
        # The save leaves 0.6 s after the last change: saved (online) or kept in the outbox (offline).
        until(self.page, """key => document.querySelector('#status-' + key + '.saved') ||
              PokjanalOutbox.all().then(items => items.some(i => i.url.endsWith('/bagian/' + key)))""", key)


def _last_month_verified(app):
    """Last month's report (the month before the one to file) filed by the kader and verified by the pokja."""
    from webapp.clock import shift_month
    from webapp.extensions import db
    from webapp.reports import services

    with app.app_context():
        posyandu, before = palangan_posyandu(), shift_month(*last_month(), -1)
        report = fill(actor("kader.palangan"), posyandu, *before)
        services.submit(actor("kader.palangan"), posyandu, *before, new_id(), True)
        services.verify(actor("pokja.palangan"), report, "")
        db.session.remove()


def test_a_month_filed_on_a_phone_through_two_network_drops(phone, live_server):
    live_server.app.config["WTF_CSRF_ENABLED"] = True  # the real token check, as in production
    _last_month_verified(live_server.app)
    year, month = last_month()
    page = phone.new_page()
    signed_in(page, live_server.url, "kader.palangan")
    thumb = Thumb(page)
    thumb.tap(f"a.button[href$='/{month_text()}']")  # "Isi laporan" on the home page
    page.wait_for_selector("#bagian-buka")

    thumb.type("input[name=open_date_1]", f"{year:04d}-{month:02d}-14")
    thumb.fill_section("buka")
    thumb.fill_section("sasaran")
    page.context.set_offline(True)  # first drop, in the middle of the form
    thumb.fill_section("gizi")
    until(page, "() => document.querySelector('#outbox-link .badge')")
    thumb.tap("#outbox-link")  # she checks what waits: the kept outbox page
    page.locator("li[data-state=waiting]").first.wait_for()
    thumb.tap("nav.bottom a[href='/laporan/']")  # a page never opened: the offline page, still signed in
    page.wait_for_selector("[data-offline-page]")
    page.context.set_offline(False)  # the signal returns while she is there
    until(page, EMPTY)
    thumb.tap("nav.bottom a[href='/']")  # back to the form: home, then "Isi laporan"
    thumb.tap(f"a.button[href$='/{month_text()}']")
    page.wait_for_selector("#bagian-ibu")
    assert page.input_value("#bagian-gizi input[name=balita_d]") == str(GOOD["balita_d"])  # saved from the outbox
    for key in ("ibu", "ptm", "layanan"):
        thumb.fill_section(key)
    page.context.set_offline(True)  # second drop, as she sends the report
    thumb.tap("button:has-text('Kirim laporan')")
    until(page, "() => PokjanalOutbox.all().then(items => items.some(i => i.url.endsWith('/kirim')))")
    page.context.set_offline(False)
    until(page, EMPTY)
    until(page, "() => document.querySelector('#report-status')?.textContent === 'Dikirim'")

    assert report_state(live_server.app, year, month) == ("submitted", 1, 1)  # submitted exactly once
    assert page.evaluate("PokjanalOutbox.all()") == []
    seconds = thumb.typed * SECONDS_PER_VALUE
    print(f"\nSatu bulan di ponsel: {thumb.typed} nilai diketik, {thumb.taps} ketukan, "
          f"{seconds} detik mengetik ({seconds / 60:.1f} menit pada 1 nilai per {SECONDS_PER_VALUE} detik)")
    assert seconds < 180  # under three minutes of typing
