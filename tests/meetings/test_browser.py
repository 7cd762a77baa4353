"""The meeting journey on a 360×740 phone: schedule, invite the Kota Besi desa bodies and a guest, take
attendance, self check-in with the code, write two agenda items with a decision and an action item for
Desa Palangan, circulate, the chair finalizes, Palangan's pokja sees the item at home, and the next meeting
shows it as open follow-up."""
import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.conftest import sign_in_page


def _as(phone, server, login):
    phone.clear_cookies()
    page = phone.new_page()
    sign_in_page(page, server.url, login)
    page.wait_for_url(lambda url: "/masuk" not in url)  # the sign-in has landed before we move on
    return page


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _schedule(page, server, title: str, day: dt.date) -> str:
    page.goto(server.url + "/rapat")
    page.wait_for_load_state("networkidle")
    page.click("a:has-text('Jadwalkan rapat')")
    page.fill("input[name=title]", title)
    page.fill("input[name=day]", day.isoformat())
    page.fill("input[name=starts]", "09:00")
    page.fill("input[name=place]", "Aula Kantor Camat Kota Besi")
    page.select_option("select[name=chair_id]", label="Ahmad Yani, S.Sos (Camat Kota Besi)")
    page.fill("textarea[name=agenda]", "Laporan Posyandu\nRencana Bulan Penimbangan Balita")
    assert _fits(page)
    page.click("button:has-text('Simpan jadwal')")
    page.wait_for_url(re.compile(r"/rapat/\d+/peserta$"))
    return re.search(r"/rapat/\d+", page.url).group(0)


def _user_id(server, username: str) -> int:
    from tests.meetings.helpers import user_id

    with server.app.app_context():
        return user_id(username)


@pytest.mark.browser
def test_meeting_minutes_and_follow_up_on_a_phone(live_server, phone):
    server = live_server
    today = dt.datetime.now(ZoneInfo("Asia/Pontianak")).date()
    page = _as(phone, server, "pokjanal.kotabesi")
    meeting = _schedule(page, server, "Rapat Koordinasi Pokjanal Kecamatan Kota Besi", today)

    for box in page.locator("input[name=bodies]").all():
        if box.get_attribute("value").startswith("62.02.01."):
            box.check()
    page.check("input[name=users][value='{}']".format(_user_id(server, "kader.palangan")))  # a kader, on purpose
    page.click("button:has-text('Undang')")
    expect(page.locator(".flash", has_text="peserta diundang")).to_be_visible()
    page.click("button:has-text('Tambah tamu')")  # a guest without a name
    expect(page.locator("#tamu .error")).to_contain_text("Tulis nama tamu.")
    page.fill("input[name=guest_name]", "Rina Marlina, A.Md.Keb")
    page.fill("input[name=instansi]", "Puskesmas Kota Besi")
    page.select_option("select[name=sex]", "P")
    page.click("button:has-text('Tambah tamu')")
    expect(page.locator("#attendance")).to_contain_text("Rina Marlina")
    page.click("button[aria-label='Hadir: Ahmad Yani, S.Sos']")
    expect(page.locator("#attendance h2")).to_contain_text("1 hadir")
    page.click("button[aria-label='Izin: Bahrudin']")
    expect(page.locator("button[aria-label='Izin: Bahrudin']")).to_have_attribute("aria-pressed", "true")
    assert _fits(page)
    page.goto(server.url + meeting + "/qr")
    code = page.locator(".code").inner_text().strip()
    expect(page.locator("img[alt^='QR kode hadir']")).to_be_visible()

    kader = _as(phone, server, "kader.palangan")
    kader.goto(server.url + "/rapat/hadir")
    kader.fill("input[name=code]", "XXXXXX")
    kader.click("button:has-text('Saya hadir')")
    expect(kader.locator(".error")).to_contain_text("tidak dikenal")
    kader.fill("input[name=code]", code.lower())
    kader.click("button:has-text('Saya hadir')")
    expect(kader.locator(".flash", has_text="kehadiran Anda")).to_be_visible()
    expect(kader.locator("main")).to_contain_text("Hadir")

    page = _as(phone, server, "pokjanal.kotabesi")
    page.goto(server.url + meeting + "/notulen")
    page.fill("textarea[name=opening]", "Rapat dibuka pukul 09.10 WIB oleh Camat Kota Besi.")
    page.fill("textarea[name=items-0-discussion]", "Sekretaris: 3 Posyandu Palangan terlambat melapor.")
    page.fill("textarea[name=items-0-decisions]", "Laporan Posyandu masuk paling lambat tanggal 5.")
    page.fill("textarea[name=items-1-discussion]", "Bidan desa menyampaikan jadwal BPB.")
    page.fill("textarea[name=items-1-decisions]", "BPB dilaksanakan Februari.")
    page.click("button:has-text('Simpan notulen')")
    expect(page.locator(".flash", has_text="Notulen tersimpan")).to_be_visible()
    page.locator("#tindak-lanjut summary").first.click()
    form = page.locator("#tindak-lanjut form").first
    form.locator("textarea[name=what]").fill("Mengirim rekap SKDN Desa Palangan")
    form.locator("select[name=responsible]").select_option("r:62.02.01.2003")
    form.locator("input[name=due_on]").fill((today + dt.timedelta(days=14)).isoformat())
    form.locator("button:has-text('Simpan tindak lanjut')").click()
    expect(page.locator("#tindak-lanjut")).to_contain_text("Pokja/Pokjanal Desa Palangan")
    assert _fits(page)
    page.click("button:has-text('Edarkan ke peserta')")
    expect(page.locator(".flash", has_text="diedarkan")).to_be_visible()

    chair = _as(phone, server, "camat.kotabesi")
    chair.goto(server.url + meeting + "/notulen")
    chair.click("button:has-text('Sahkan notulen (final)')")
    expect(chair.locator("main")).to_contain_text("Notulen sudah final")
    expect(chair.locator("button:has-text('Simpan notulen')")).to_have_count(0)

    pokja = _as(phone, server, "pokja.palangan")
    panel = pokja.locator("#tindak-lanjut-saya")
    expect(panel).to_contain_text("Mengirim rekap SKDN Desa Palangan")
    assert _fits(pokja)
    panel.locator("select[name=status]").first.select_option("proses")
    panel.locator("textarea[name=note]").first.fill("Data 2 dari 3 Posyandu sudah masuk.")
    panel.locator("button:has-text('Simpan')").first.click()
    expect(pokja.locator(".flash", has_text="Perkembangan tindak lanjut tersimpan")).to_be_visible()
    expect(pokja.locator("#tindak-lanjut-saya")).to_contain_text("Data 2 dari 3 Posyandu sudah masuk.")

    page = _as(phone, server, "pokjanal.kotabesi")
    page.goto(server.url + "/rapat")
    second = _schedule(page, server, "Rapat Koordinasi Lanjutan", today + dt.timedelta(days=7))
    page.goto(server.url + second + "/notulen")
    followups = page.locator("#tindak-lanjut-sebelumnya")
    expect(followups).to_contain_text("Mengirim rekap SKDN Desa Palangan")
    expect(followups).to_contain_text("Proses")
    expect(followups).to_contain_text("Data 2 dari 3 Posyandu sudah masuk.")
    assert _fits(page)
