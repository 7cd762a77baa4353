"""In Chromium: the service worker, the offline app shell and the outbox, with the network really cut."""
import pytest

pytestmark = pytest.mark.browser

CACHED_HOME = """async () => {
  for (const name of await caches.keys()) {
    if (name.startsWith("pokjanal-pages-") && await (await caches.open(name)).match("/")) return true;
  }
  return false;
}"""


def until(page, script: str, arg=None):
    """Poll a JS function until it returns something true (wait_for_function needs eval, which our CSP forbids)."""
    for _ in range(100):
        if page.evaluate(script, arg):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {script}")


def save_offline(page, url: str, *saves: tuple[str, str]) -> None:
    """Open the test form, cut the network, and save (part, value) pairs in turn."""
    page.goto(url + "/uji-laporan")
    page.context.set_offline(True)
    for part, value in saves:
        page.fill(f"#jumlah-{part}", value)
        page.click(f"#bagian-{part} button[type=submit]")
        page.wait_for_selector("#outbox-status")


def outbox_items(page):
    return page.evaluate("PokjanalOutbox.all()")


def test_service_worker_installs_and_the_app_shell_loads_offline(kader, outbox_server):
    kader.goto(outbox_server.url + "/")  # now controlled: the home page is kept for offline use
    until(kader, CACHED_HOME)
    kader.context.set_offline(True)
    kader.goto(outbox_server.url + "/")
    assert "Halo, Nurhayati" in kader.text_content("main")
    assert kader.eval_on_selector("header.top", "e => getComputedStyle(e).backgroundColor") == "rgb(11, 110, 79)"
    kader.goto(outbox_server.url + "/posyandu")  # never seen: the offline page, not the browser's error
    assert "Anda sedang offline" in kader.text_content("main")
    kader.context.set_offline(False)


def test_offline_saves_wait_in_the_outbox_and_reach_the_server_once(kader, outbox_server):
    save_offline(kader, outbox_server.url, ("a", "12"), ("b", "13"))
    assert "Belum terkirim — akan dikirim otomatis" in kader.text_content("#outbox-status")
    until(kader, "() => document.querySelector('#outbox-link .badge')?.textContent === '2'")
    kader.fill("#jumlah-a", "14")
    kader.click("#bagian-a button[type=submit]")
    until(kader, "() => PokjanalOutbox.all().then(items => items[0].fields.some(f => f[1] === '14'))")
    items = outbox_items(kader)
    assert [dict(i["fields"])["jumlah"] for i in items] == ["14", "13"]  # a later save of a replaces the waiting one
    assert len({i["client_id"] for i in items}) == 2  # each form's save has its own id
    assert outbox_server.received["posts"] == []

    kader.context.set_offline(False)
    until(kader, "() => document.querySelector('#outbox-status').textContent.startsWith('Terkirim')")
    assert sorted(outbox_server.received["records"].values()) == [("a", 14), ("b", 13)]
    assert [p[:2] for p in outbox_server.received["posts"]] == [("a", "14"), ("b", "13")]  # in order, each once
    assert outbox_items(kader) == [] and kader.query_selector("#outbox-link") is None


def test_the_same_item_replayed_twice_makes_one_record(kader, outbox_server):
    save_offline(kader, outbox_server.url, ("a", "7"))
    kader.evaluate("PokjanalOutbox.all().then(([item]) => { delete item.id; return PokjanalOutbox.put(item); })")
    assert len(outbox_items(kader)) == 2
    kader.context.set_offline(False)
    until(kader, "() => PokjanalOutbox.all().then(items => items.length === 0)")
    assert len(outbox_server.received["posts"]) == 2
    assert list(outbox_server.received["records"].values()) == [("a", 7)]


def test_a_refused_item_stays_with_its_reason_until_the_kader_acts(kader, outbox_server):
    save_offline(kader, outbox_server.url, ("a", "kunci"), ("b", "dua belas"))
    kader.context.set_offline(False)
    until(kader, "() => PokjanalOutbox.all().then(items => items.every(i => i.state === 'rejected'))")
    assert outbox_server.received["records"] == {}

    kader.goto(outbox_server.url + "/kotak-keluar")
    rejected = kader.locator("li[data-state=rejected]")
    rejected.first.wait_for()
    assert rejected.count() == 2
    assert "Ditolak: Laporan bulan ini sudah dikunci oleh Pokja desa." in rejected.nth(0).text_content()
    assert "Ditolak: Jumlah harus berupa angka bulat." in rejected.nth(1).text_content()
    assert kader.text_content("#outbox-link .badge") == "2"

    # Resending unchanged meets the same refusal; the item is still there.
    rejected.nth(1).get_by_role("button", name="Kirim ulang").click()
    until(kader, "() => PokjanalOutbox.all().then(items => items.every(i => i.state === 'rejected'))")
    assert kader.locator("li[data-state=rejected]").count() == 2

    kader.once("dialog", lambda dialog: dialog.accept())
    kader.locator("li[data-state=rejected]").nth(0).get_by_role("button", name="Buang").click()
    until(kader, "() => document.querySelectorAll('li[data-state=rejected]').length === 1")
    assert len(outbox_items(kader)) == 1


def test_logging_out_warns_while_items_wait_and_keeps_them(kader, outbox_server):
    save_offline(kader, outbox_server.url, ("a", "5"))
    kader.wait_for_selector("#outbox-link")
    messages = []
    kader.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    kader.click("header form button")
    assert "1 isian belum terkirim" in messages[0]
    assert kader.url.endswith("/uji-laporan")  # dismissed: still signed in, nothing lost
    assert len(outbox_items(kader)) == 1
