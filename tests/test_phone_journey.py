"""The demo kader files a whole month on a 360×740 phone from a fresh seed, with last month's sasaran
verified, while the network drops twice: once in the middle of the form (she taps the badge, then
opens a page she never saw: the offline page, and the signal returns there) and once as she taps
"Kirim laporan". The report ends submitted exactly once and nothing is left in the outbox.

The month is a full one: the Posyandu opened on the 14th, as every month, and gave every service, each
weighed balita was also measured. What barely changes (sasaran, S and K, active KB users, the kader on
duty, the open date) starts from last month's values, the screenings that usually equal the groups served
start from those, and vitamin A is not asked in a month it is not given: she types only what is new.

Prints the figures the issue asks for: values typed, taps, and seconds of typing at one value per 3 s.
With SHOTS=<folder> it saves a 360×740 screenshot of every step there.
"""
import os

import pytest

from webapp.reports.fields import VITAMIN_A_MONTHS

from tests.pwa.conftest import signed_in
from tests.pwa.test_offline_browser import until
from tests.pwa.test_report_outbox_browser import EMPTY, report_state
from tests.reports.helpers import GOOD, actor, asked, fill, last_month, month_text, new_id, palangan_posyandu

pytestmark = pytest.mark.browser

SECONDS_PER_VALUE = 3
MONTH = {**GOOD, "measured": GOOD["balita_d"]}  # the month she files


class Thumb:
    """A page whose taps and typed values are counted: a fill is one tap into the field and one value."""

    def __init__(self, page, month: int):
        self.page, self.month, self.taps, self.typed = page, month, 0, 0

    def tap(self, selector: str) -> None:
        self.page.click(selector)
        self.taps += 1

    def type(self, selector: str, value: str) -> None:
        self.page.fill(selector, value)
        self.taps += 1
        self.typed += 1

    def shot(self, name: str) -> None:
        if folder := os.environ.get("SHOTS"):
            self.page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)

    def step(self, key: str, button: str = "next") -> None:
        """Type what the step still needs (a value already shown, carried over, is left as it is), then tap
        Lanjut, or "Tidak ada layanan bulan ini" with button="skip"."""
        visible = f"#bagian-{key}:not([hidden])"
        self.page.wait_for_selector(visible)
        for name in asked(key, self.month) if button == "next" else ():
            selector = f"#bagian-{key} input[name={name}]"
            if self.page.input_value(selector) != str(MONTH[name]):
                self.type(selector, str(MONTH[name]))
        self.shot(f"langkah-{key}")
        self.tap(f"#bagian-{key} button[value={button}]")
        # Saved (online, the next step shows) or kept in the outbox (offline).
        until(self.page, """key => document.querySelector('#bagian-' + key).hidden &&
              (navigator.onLine || PokjanalOutbox.all().then(items => items.some(i => i.url.endsWith('/bagian/' + key))))""",
              key)


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


def _stored(app, year: int, month: int) -> dict:
    from webapp.extensions import db
    from webapp.reports import queries
    from webapp.reports.fields import COUNT_NAMES

    with app.app_context():
        values = queries.values_of(queries.find_report(palangan_posyandu(), year, month))
        db.session.remove()
    return {name: values[name] for name in COUNT_NAMES}


def test_a_month_filed_on_a_phone_through_two_network_drops(phone, live_server):
    live_server.app.config["WTF_CSRF_ENABLED"] = True  # the real token check, as in production
    _last_month_verified(live_server.app)
    year, month = last_month()
    page = phone.new_page()
    signed_in(page, live_server.url, "kader.palangan")
    thumb = Thumb(page, month)
    thumb.tap(f"a.button[href$='/{month_text()}']")  # "Isi laporan" on the home page

    assert page.input_value("input[name=open_date_1]") == f"{year:04d}-{month:02d}-14"  # the same date as last month
    thumb.step("buka")
    thumb.step("sasaran")
    page.context.set_offline(True)  # first drop, in the middle of the form
    thumb.step("gizi")
    until(page, "() => document.querySelector('#outbox-link .badge')")
    thumb.tap("#outbox-link")  # she checks what waits: the kept outbox page
    page.locator("li[data-state=waiting]").first.wait_for()
    thumb.tap("nav.bottom a[href='/laporan/']")  # a page never opened: the offline page, still signed in
    page.wait_for_selector("[data-offline-page]")
    page.context.set_offline(False)  # the signal returns while she is there
    until(page, EMPTY)
    thumb.tap("nav.bottom a[href='/']")  # back to the form: home, then "Isi laporan" opens where she stopped
    thumb.tap(f"a.button[href$='/{month_text()}']")
    page.wait_for_selector("#bagian-ibu:not([hidden])")
    assert page.input_value("#bagian-gizi input[name=balita_d]") == str(GOOD["balita_d"])  # saved from the outbox
    for key in ("ibu", "ptm", "layanan"):
        thumb.step(key)
    page.wait_for_selector("#ringkasan:not([hidden]) #tanpa-hambatan")
    assert page.locator("#ringkasan .state-skipped").count() == 0
    thumb.shot("langkah-ringkasan")
    page.context.set_offline(True)  # second drop, as she sends the report
    thumb.tap("button:has-text('Kirim laporan')")
    until(page, "() => PokjanalOutbox.all().then(items => items.some(i => i.url.endsWith('/kirim')))")
    page.context.set_offline(False)
    until(page, EMPTY)
    until(page, "() => document.querySelector('#report-status')?.textContent === 'Dikirim'")
    thumb.shot("terkirim")

    assert report_state(live_server.app, year, month) == ("submitted", 1, 1)  # submitted exactly once
    assert _stored(live_server.app, year, month) == {  # what she confirmed was saved
        **MONTH, "vitamin_a": MONTH["vitamin_a"] if month in VITAMIN_A_MONTHS else None}
    assert page.evaluate("PokjanalOutbox.all()") == []
    seconds = thumb.typed * SECONDS_PER_VALUE
    print(f"\nSatu bulan di ponsel: {thumb.typed} nilai diketik, {thumb.taps} ketukan, "
          f"{seconds} detik mengetik ({seconds / 60:.1f} menit pada 1 nilai per {SECONDS_PER_VALUE} detik)")
    assert seconds < 180  # under three minutes of typing
    vitamin_a = month in VITAMIN_A_MONTHS  # in February and August the form asks one value more
    assert thumb.typed <= 30 + vitamin_a and thumb.taps <= 45 + vitamin_a
