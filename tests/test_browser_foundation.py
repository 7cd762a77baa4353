"""Browser journeys on a 360×740 phone (Debian's Chromium through Playwright)."""
import pytest

from tests.auth.helpers import hold_throttle_clock
from tests.conftest import sign_in_page

pytestmark = pytest.mark.browser

KOTA_BESI = ["Kota Besi Hulu", "Kota Besi Hilir", "Palangan", "Hanjalipan", "Simpur", "Pamalian", "Camba", "Kandan",
             "Bajarum", "Rasau Tumbuh", "Soren"]
BAAMANG = ["Baamang", "Tanah Mas", "Tinduk"]


def _no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width}px wide"


def test_kader_signs_in_by_phone_and_sees_only_palangan(live_server, phone):
    page = phone.new_page()
    sign_in_page(page, live_server.url, "0812-5100-0009")
    body = page.inner_text("body")
    assert "Halo, Nurhayati" in body
    assert "Desa Palangan, Kec. Kota Besi, Kab. Kotawaringin Timur" in body
    page.click("text=Daftar Posyandu")
    page.wait_for_url("**/posyandu")
    page.wait_for_selector("main h1:text-is('Posyandu')")
    registry = page.inner_text("main")
    assert "Posyandu" in registry and "Desa Palangan" in registry
    assert "Hanjalipan" not in registry
    page.goto(f"{live_server.url}/wilayah/62.02.01.2003")
    browse = page.inner_text("main")
    assert "Desa Palangan" in browse and "Posyandu (1)" in browse and "Hanjalipan" not in browse
    response = page.goto(f"{live_server.url}/wilayah/62.02.01.2004")
    assert response.status == 404 and "Tidak ditemukan" in page.inner_text("main")


def test_camat_sees_every_desa_of_kota_besi_and_nothing_of_baamang(live_server, phone):
    page = phone.new_page()
    sign_in_page(page, live_server.url, "camat.kotabesi")
    page.click("main >> text=Jelajah wilayah")
    page.wait_for_url("**/wilayah")
    page.click("main >> text=Kec. Kota Besi")
    page.wait_for_url("**/wilayah/62.02.01")
    page.wait_for_selector("text=Wilayah di bawahnya (11)")
    main = page.inner_text("main")
    for name in KOTA_BESI:
        assert name in main
    for name in BAAMANG:
        assert name not in main
    page.goto(f"{live_server.url}/posyandu")
    registry = page.inner_text("main")
    assert "Desa Soren" in registry and not any(name in registry for name in BAAMANG)


def test_five_wrong_passwords_get_the_limit_message(live_server, phone, monkeypatch):
    hold_throttle_clock(monkeypatch)  # the server runs in this process: its waits never run out mid-test
    page = phone.new_page()
    waited = []
    for _ in range(6):  # free tries first, then growing waits (never a lock-out: issue 16)
        sign_in_page(page, live_server.url, "pokja.palangan", "bukan-sandinya")
        waited.append("Terlalu banyak percobaan masuk yang gagal" in page.inner_text("main"))
        assert waited[-1] or "Nama pengguna/nomor HP atau kata sandi salah." in page.inner_text("main")
    assert waited == [False, False, False, True, True, True]
    sign_in_page(page, live_server.url, "pokja.palangan")  # the right password, during the wait
    assert "Terlalu banyak percobaan masuk yang gagal" in page.inner_text("main")
    assert page.url.endswith("/masuk")


@pytest.mark.parametrize("username", ["kader.palangan", "camat.kotabesi", "admin.kotim"])
def test_main_pages_never_scroll_sideways_at_360px(live_server, phone, username):
    page = phone.new_page()
    page.goto(f"{live_server.url}/masuk")
    _no_horizontal_scroll(page)
    sign_in_page(page, live_server.url, username)
    paths = ["/", "/wilayah", "/wilayah/62.02.01", "/posyandu", "/akun"]
    if username != "kader.palangan":
        paths += ["/pengguna", "/posyandu/baru"]
    if username == "admin.kotim":
        paths += ["/pengaturan"]
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status in (200, 404), path
        _no_horizontal_scroll(page)
