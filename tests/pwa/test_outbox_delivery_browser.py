"""In Chromium: the outbox always delivers. The replay takes a fresh token from the server (never from the
page in view, which may be the cookieless offline page of the app shell); the outbox and offline pages open
without a signal with the signed-in header and bottom bar; a refused item is shown as refused."""
import pytest

from tests.pwa.test_offline_browser import outbox_items, save_offline, until
from tests.pwa.test_report_outbox_browser import EMPTY, report_state
from tests.reports.helpers import month_text, palangan_posyandu, walk_steps

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _csrf_on(live_server):
    """The real CSRF check (the test config turns it off): a replay with a stale token would answer 400."""
    live_server.app.config["WTF_CSRF_ENABLED"] = True

KEPT = """async (path) => {
  for (const name of await caches.keys()) {
    if (!name.startsWith("pokjanal-pages-")) continue;
    const hit = await (await caches.open(name)).match(path);
    if (hit && (await hit.text()).includes(' data-user="')) return true;
  }
  return false;
}"""


def test_offline_badge_offline_page_then_signal_back_delivers_every_item_once(kader, outbox_server):
    # Signing in is enough for this account's outbox and offline pages to be kept: no earlier visit needed.
    until(kader, KEPT, "/kotak-keluar")
    until(kader, KEPT, "/offline")
    save_offline(kader, outbox_server.url, ("a", "12"), ("b", "13"))
    until(kader, "() => document.querySelector('#outbox-link .badge')?.textContent === '2'")

    kader.click("#outbox-link")  # offline: the kept outbox page, not the offline page
    kader.locator("li[data-state=waiting]").nth(1).wait_for()
    assert kader.text_content("h1") == "Kotak keluar"
    assert kader.text_content("header.top .who") == "Nurhayati"
    assert kader.locator("nav.bottom a").count() >= 2
    assert kader.locator("text=Kirim ulang").count() == 0

    kader.goto(outbox_server.url + "/rapat")  # never opened: the offline page, still signed in
    assert "Anda sedang offline" in kader.text_content("main")
    assert kader.text_content("header.top .who") == "Nurhayati"
    assert kader.locator("nav.bottom a").count() >= 2
    assert outbox_server.received["posts"] == []

    kader.context.set_offline(False)  # the signal returns while she is on the offline page
    until(kader, "() => PokjanalOutbox.all().then(items => items.length === 0)")
    assert [p[:2] for p in outbox_server.received["posts"]] == [("a", "12"), ("b", "13")]  # each once, no 400
    assert sorted(outbox_server.received["records"].values()) == [("a", 12), ("b", 13)]
    until(kader, "() => document.querySelector('#outbox-status')?.textContent.startsWith('Terkirim')")
    assert kader.query_selector("#outbox-link") is None


def test_a_stale_page_token_does_not_matter(kader, outbox_server):
    # The page in view carries a token the server no longer accepts (as the shell's offline page does).
    save_offline(kader, outbox_server.url, ("a", "5"))
    kader.evaluate("""() => {
      document.body.setAttribute("hx-headers", '{"X-CSRFToken": "basi"}');
      document.querySelectorAll("input[name=csrf_token]").forEach(i => { i.value = "basi"; });
    }""")
    kader.context.set_offline(False)
    until(kader, "() => PokjanalOutbox.all().then(items => items.length === 0)")
    assert list(outbox_server.received["records"].values()) == [("a", 5)]


def test_an_item_of_another_account_is_never_sent_with_this_accounts_token(kader, outbox_server):
    save_offline(kader, outbox_server.url, ("a", "9"))
    kader.evaluate("PokjanalOutbox.all().then(([item]) => { item.user = '999999'; return PokjanalOutbox.put(item); })")
    kader.context.set_offline(False)
    kader.evaluate("PokjanalOutbox.flush()")
    kader.wait_for_timeout(500)
    assert outbox_server.received["posts"] == []
    assert len(outbox_items(kader)) == 1


def _report_url(live_server) -> str:
    with live_server.app.app_context():
        return f"{live_server.url}/laporan/posyandu/{palangan_posyandu().id}/{month_text()}"


def test_a_submit_refused_after_reconnecting_is_shown_as_refused(phone, live_server):
    from tests.pwa.conftest import signed_in
    from webapp.formatting import bulan_tahun
    year, month = (int(x) for x in month_text().split("-"))
    page = phone.new_page()
    signed_in(page, live_server.url, "kader.palangan")
    page.goto(_report_url(live_server))
    assert page.text_content("#report-status") == "Belum diisi"
    page.context.set_offline(True)
    walk_steps(page, year, month, balita_d=60)  # D > S (48): the submit's checks refuse it
    page.click("button:has-text('Kirim laporan')")
    until(page, "() => PokjanalOutbox.all().then(items => items.length && items[items.length - 1].url.endsWith('/kirim'))")
    labels = [i["label"] for i in outbox_items(page)]
    period = bulan_tahun(year, month)
    assert labels[-1] == f"Kirim laporan {period}"
    assert f"Bagian Balita: SKDN dan gizi — {period}" in labels

    page.context.set_offline(False)
    until(page, "() => PokjanalOutbox.all().then(items => items.length === 1 && items[0].state === 'rejected')")
    until(page, "() => document.querySelector('#outbox-status')?.classList.contains('alert')")
    status = page.text_content("#outbox-status")
    assert status.startswith(f"Ditolak: Kirim laporan {period}") and "Terkirim" not in status
    assert "D (ditimbang) tidak boleh lebih dari S" in status
    assert page.get_attribute("#outbox-link", "class") == "outbox-link refused"
    assert page.text_content("#outbox-link").strip() == "Ditolak 1"
    refusal = page.text_content("#kirim [data-outbox-refusal]")
    assert "D (ditimbang) tidak boleh lebih dari S" in refusal
    until(page, "() => document.querySelector('#report-status').textContent === 'Draf'")  # the pill follows
    assert report_state(live_server.app, year, month) == ("draft", 1, 0)

    # The next visit of the form still says so, until the kader resends or throws the item away.
    page.reload()
    page.locator("#kirim [data-outbox-refusal]").wait_for()
    page.evaluate("PokjanalOutbox.all().then(([item]) => PokjanalOutbox.remove(item.id))")
    page.reload()
    page.wait_for_selector("#kirim")
    assert page.query_selector("[data-outbox-refusal]") is None
    until(page, EMPTY)
