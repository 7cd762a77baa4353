"""The report form on a 360×740 phone where the network failed her: values only carried over from last month
reach the server; a refusal is cleared by the item accepted after it; a refused "Lanjut" takes her to the field.
With SHOTS=<folder> it saves a screenshot of each screen it checks there."""
import datetime as dt
import os

import pytest

from tests.pwa.conftest import signed_in
from tests.pwa.test_offline_browser import outbox_items, until
from tests.pwa.test_report_outbox_browser import EMPTY, report_state
from tests.reports.helpers import GOOD, asked, last_month, month_text, palangan_posyandu
from tests.test_phone_journey import Thumb, _last_month_verified

pytestmark = pytest.mark.browser

AFTER_BUKA = ("sasaran", "gizi", "ibu", "ptm", "layanan")


def shot(page, name: str) -> None:
    if folder := os.environ.get("SHOTS"):
        page.screenshot(path=os.path.join(folder, f"{name}.png"))


def _form(page, server) -> None:
    with server.app.app_context():
        page.goto(f"{server.url}/laporan/posyandu/{palangan_posyandu().id}/{month_text()}")


def _saved(app, year: int, month: int):
    from webapp.extensions import db
    from webapp.reports import queries

    with app.app_context():
        report = queries.find_report(palangan_posyandu(), year, month)
        found = (report.dates, report.kader_on_duty) if report else None
        db.session.remove()
        return found


def test_a_step_left_as_carried_over_is_kept_offline_and_reaches_the_server(phone, live_server):
    """Offline, she taps Lanjut on the first step, whose date and kader on duty come from last month: nothing
    was queued, and the report was refused "Isi tanggal hari buka" with the date on her screen."""
    _last_month_verified(live_server.app)
    year, month = last_month()
    page = phone.new_page()
    signed_in(page, live_server.url, "kader.palangan")
    _form(page, live_server)
    carried = page.input_value("#bagian-buka input[name=open_date_1]")
    assert carried == f"{year:04d}-{month:02d}-14" and page.input_value("input[name=kader_on_duty]") == "5"
    page.context.set_offline(True)
    thumb = Thumb(page, month)
    page.click("#bagian-buka button[value=next]")  # nothing typed: every value here was carried
    until(page, "() => PokjanalOutbox.all().then(items => items.some(i => i.url.endsWith('/bagian/buka')))")
    for key in AFTER_BUKA:
        thumb.step(key)
    page.wait_for_selector("#ringkasan:not([hidden])")
    page.click("button:has-text('Kirim laporan')")
    until(page, "() => PokjanalOutbox.all().then(items => items.some(i => i.url.endsWith('/kirim')))")
    buka = next(i for i in outbox_items(page) if i["url"].endswith("/bagian/buka"))
    assert ["open_date_1", carried] in buka["fields"] and ["kader_on_duty", "5"] in buka["fields"]

    page.context.set_offline(False)
    until(page, EMPTY)
    assert report_state(live_server.app, year, month) == ("submitted", 1, 1)
    assert _saved(live_server.app, year, month) == ([dt.date(year, month, 14)], 5)


def test_kirim_online_sends_the_values_carried_into_a_step_she_did_not_open(phone, live_server):
    """Online too, what the form holds when she taps Kirim is what the server gets: it was refused "Isi tanggal
    hari buka" while the first step showed the date."""
    _last_month_verified(live_server.app)
    year, month = last_month()
    page = phone.new_page()
    signed_in(page, live_server.url, "kader.palangan")
    _form(page, live_server)
    page.click(".steps a[data-to=sasaran]")  # straight past the first step
    thumb = Thumb(page, month)
    for key in AFTER_BUKA:
        thumb.step(key)
    page.wait_for_selector("#ringkasan:not([hidden])")
    page.click("button:has-text('Kirim laporan')")
    page.wait_for_selector("#report-status:text('Dikirim')")
    assert report_state(live_server.app, year, month) == ("submitted", 1, 1)
    assert _saved(live_server.app, year, month) == ([dt.date(year, month, 14)], 5)


def _walk_without_a_date(page, month: int) -> None:
    """From step 1 to the summary, every count typed, the open date left blank."""
    page.fill("#bagian-buka input[name=open_date_1]", "")
    for key in ("buka", *AFTER_BUKA):
        page.wait_for_selector(f"#bagian-{key}:not([hidden])")
        for name in asked(key, month):
            page.fill(f"#bagian-{key} input[name={name}]", str(GOOD[name]))
        page.click(f"#bagian-{key} button[value=next]")
    page.wait_for_selector("#ringkasan:not([hidden])")


def test_a_report_refused_from_the_outbox_then_fixed_and_sent_leaves_no_refusal(phone, live_server):
    """The red "Ditolak 1" stayed in the header on every page, and Kotak keluar showed the refusal beside
    "Terkirim" for the same report."""
    year, month = last_month()
    page = phone.new_page()
    signed_in(page, live_server.url, "kader.palangan")
    _form(page, live_server)
    page.context.set_offline(True)
    _walk_without_a_date(page, month)
    page.click("button:has-text('Kirim laporan')")
    until(page, "() => PokjanalOutbox.all().then(items => items.some(i => i.url.endsWith('/kirim')))")
    page.context.set_offline(False)
    until(page, "() => PokjanalOutbox.all().then(items => items.length === 1 && items[0].state === 'rejected')")
    assert "Isi tanggal hari buka" in outbox_items(page)[0]["reason"]
    until(page, "() => document.querySelector('#outbox-link')?.textContent === 'Ditolak 1'")

    page.click(".steps a[data-to=buka]")  # she fixes it, online, and sends it again
    page.fill("#bagian-buka input[name=open_date_1]", f"{year:04d}-{month:02d}-14")
    page.click("#bagian-buka button[value=next]")
    page.wait_for_selector("#bagian-sasaran:not([hidden])")
    page.click(".steps a[data-to=ringkasan]")
    page.wait_for_selector("#ringkasan:not([hidden]) #tanpa-hambatan")
    page.click("button:has-text('Kirim laporan')")
    page.wait_for_selector("#report-status:text('Dikirim')")
    until(page, EMPTY)
    assert report_state(live_server.app, year, month) == ("submitted", 1, 1)
    page.goto(live_server.url + "/")
    page.wait_for_selector("main[data-user]")
    assert page.locator("#outbox-link").count() == 0  # no "Ditolak" in the header
    page.goto(live_server.url + "/kotak-keluar")
    page.wait_for_selector("[data-outbox-list] p")
    assert "Tidak ada isian yang menunggu" in page.text_content("[data-outbox-list]")
    shot(page, "kotak-keluar-kosong")


def test_an_item_accepted_from_the_outbox_clears_the_refusal_before_it(kader, outbox_server):
    kader.goto(outbox_server.url + "/uji-laporan")
    kader.context.set_offline(True)
    kader.fill("#jumlah-a", "dua belas")
    kader.click("#bagian-a button[type=submit]")
    kader.context.set_offline(False)
    until(kader, "() => PokjanalOutbox.all().then(items => items.length === 1 && items[0].state === 'rejected')")
    kader.context.set_offline(True)  # fixed, still offline: a new item waits beside the refusal
    kader.fill("#jumlah-a", "12")
    kader.click("#bagian-a button[type=submit]")
    until(kader, "() => PokjanalOutbox.all().then(items => items.length === 2)")
    kader.context.set_offline(False)
    until(kader, "() => PokjanalOutbox.all().then(items => items.length === 0)")
    assert list(outbox_server.received["records"].values()) == [("a", 12)]
    until(kader, "() => !document.querySelector('#outbox-link')")


def test_a_refused_lanjut_takes_her_to_the_first_wrong_field(phone, live_server):
    year, month = last_month()
    page = phone.new_page()
    signed_in(page, live_server.url, "kader.palangan")
    _form(page, live_server)
    page.fill("#bagian-buka input[name=open_date_1]", f"{year:04d}-{month:02d}-14")
    for key in ("buka", "sasaran"):
        for name in asked(key, month):
            page.fill(f"#bagian-{key} input[name={name}]", str(GOOD[name]))
        page.click(f"#bagian-{key} button[value=next]")
    page.wait_for_selector("#bagian-gizi:not([hidden])")
    for name in asked("gizi", month):
        page.fill(f"#bagian-gizi input[name={name}]", "50" if name == "balita_d" else str(GOOD[name]))  # D above S
    page.click("#bagian-gizi button[value=next]")
    link = page.locator("#status-gizi.alert a")
    link.wait_for()
    assert link.get_attribute("href") == "#balita_d" and "D — ditimbang bulan ini" in link.text_content()
    until(page, "() => document.activeElement.id === 'balita_d'")
    box = page.locator("#balita_d").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 740  # scrolled into view
    shot(page, "lanjut-ditolak")
    link.scroll_into_view_if_needed()
    shot(page, "lanjut-ditolak-status")


def test_offline_one_message_says_what_will_happen(phone, live_server):
    """She types and taps Lanjut at once: the autosave her last change asked for, tried 600 ms later, found nothing
    new to keep and left a red "Tidak ada koneksi" above the "akan dikirim otomatis" message."""
    year, month = last_month()
    page = phone.new_page()
    signed_in(page, live_server.url, "kader.palangan")
    _form(page, live_server)
    page.context.set_offline(True)
    page.fill("#bagian-buka input[name=open_date_1]", f"{year:04d}-{month:02d}-14")
    page.fill("#bagian-buka input[name=kader_on_duty]", "5")
    page.click("#bagian-buka button[value=next]")
    until(page, "() => PokjanalOutbox.all().then(items => items.length === 1)")
    tried = page.evaluate_handle("new Promise(r => document.addEventListener('htmx:sendError', () => r(true), {once: true}))")
    page.dispatch_event("#bagian-buka input[name=kader_on_duty]", "change")  # as her tap left the field
    assert tried.json_value() is True  # the autosave has met the cut network
    until(page, "() => PokjanalOutbox.all().then(items => items.length === 1)")
    assert "Belum terkirim — akan dikirim otomatis" in page.text_content("#outbox-status")
    red = page.locator("main [role=alert]:visible, main .alert:visible")
    assert red.count() == 0, red.first.evaluate("e => e.outerHTML")
    shot(page, "offline-satu-pesan")
