"""The Posyandu-strength journey on a 360×740 phone: pokja.palangan adds two kader with SK and the kit;
a puskesmas trainer marks skills and the level becomes Madya; kader.palangan checks in to a bimtek and sees it
in her passport; pokjanal.kotabesi records a supervision visit whose finding reaches the Posyandu as an action
item; the Posyandu's aktif and ILP status and the kecamatan figures change as the criteria are met."""
import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.conftest import sign_in_page

SHOTS = "/tmp/i13-shots"


def _as(phone, server, login):
    phone.clear_cookies()
    page = phone.new_page()
    sign_in_page(page, server.url, login)
    page.wait_for_url(lambda url: "/masuk" not in url)
    return page


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _shot(page, name: str) -> None:
    import os
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=False)


def _history(app, today: dt.date) -> int:
    """What came before: three kader with SK (one holding the dewasa-lansia skills) and eight months of reports
    that served every group, covered the four services and ran an extra activity."""
    from webapp.auth.models import User
    from webapp.demo import first_posyandu
    from webapp.extensions import db
    from webapp.kader.models import Kader, KaderSkill
    from webapp.kader.skills import GROUP_BY_KEY
    from webapp.reports.models import MonthlyReport
    from webapp.clock import shift_month

    with app.app_context():
        posyandu = first_posyandu("62.02.01.2003")
        trainer = db.session.query(User).filter_by(username="pokjanal.kotabesi").one()
        for index, name in enumerate(("Siti Aminah", "Dewi Lestari", "Yuli Rahayu")):
            kader = Kader(posyandu_id=posyandu.id, region_code=posyandu.region_code, name=name, sex="P",
                          sk_number="141/03/SK-KADER/2024", sk_on=dt.date(2024, 3, 1))
            if index == 0:
                kader.skills += [KaderSkill(code=code, marked_on=dt.date(2025, 6, 1), marked_by_id=trainer.id)
                                 for code, _ in GROUP_BY_KEY["dewasa_lansia"].skills]
            db.session.add(kader)
        posyandu.kader_with_sk, posyandu.kader_from_roster = 3, True
        year, month = today.year, today.month
        for back in range(1, 9):
            y, m = shift_month(year, month, -back)
            served = {f"{g}_served": 4 for g in ("ibu_hamil", "bayi", "balita", "remaja", "dewasa", "lansia")}
            db.session.add(MonthlyReport(
                posyandu_id=posyandu.id, region_code=posyandu.region_code, year=y, month=m, status="verified",
                open_dates=f"{y:04d}-{m:02d}-10", first_submitted_at=dt.datetime(y, m, 12),
                submitted_at=dt.datetime(y, m, 12), balita_s=20, balita_d=15, ibu_hamil_target=4,
                ibu_hamil_examined=3, pus_target=10, kb_participants=6, bayi_target=5, bayi_immunised=4,
                home_visits=3, kegiatan_tambahan=1, **served))
        db.session.commit()
        return posyandu.id


@pytest.mark.browser
def test_kader_passport_kit_bimtek_visit_and_the_aktif_figures(live_server, phone):
    server = live_server
    today = dt.datetime.now(ZoneInfo("Asia/Pontianak")).date()
    posyandu_id = _history(server.app, today)

    team = _as(phone, server, "pokjanal.kotabesi")
    team.goto(server.url + "/pemantauan/kekuatan/62.02.01.2003")
    expect(team.locator(f".aktif-{posyandu_id}")).to_have_text("belum")
    team.goto(server.url + "/pemantauan/kekuatan/62.02.01")
    expect(team.locator("#aktif-share")).to_contain_text("0 dari")

    pokja = _as(phone, server, "pokja.palangan")
    pokja.goto(server.url + f"/posyandu/{posyandu_id}/kader")
    form = pokja.locator("#tambah form")
    form.locator("input[name=name]").fill("Nurhayati")
    form.locator("select[name=sex]").select_option("P")
    form.locator("input[name=sk_number]").fill("141/12/SK-KADER/2026")
    form.locator("input[name=sk_on]").fill((today + dt.timedelta(days=3)).isoformat())
    form.locator("select[name=user_id]").select_option(label="Nurhayati (kader.palangan)")
    form.locator("button:has-text('Simpan kader')").click()
    expect(pokja.locator("#tambah .error")).to_contain_text("Tanggal SK tidak boleh di masa depan.")
    pokja.locator("#tambah input[name=sk_on]").fill(today.isoformat())
    pokja.locator("#tambah button:has-text('Simpan kader')").click()
    expect(pokja.locator(".flash", has_text="Nurhayati tersimpan")).to_be_visible()
    form = pokja.locator("#tambah form")
    form.locator("input[name=name]").fill("Rina Marlina")
    form.locator("select[name=sex]").select_option("P")
    form.locator("input[name=sk_number]").fill("141/12/SK-KADER/2026")
    form.locator("input[name=sk_on]").fill(today.isoformat())
    form.locator("button:has-text('Simpan kader')").click()
    expect(pokja.locator("main")).to_contain_text("Kader aktif ber-SK: 5")
    assert _fits(pokja)
    _shot(pokja, "roster")

    pokja.goto(server.url + f"/posyandu/{posyandu_id}/sarpras")
    for box in pokja.locator("input[type=checkbox][name$=_available]").all():
        box.check()
    for select in pokja.locator("select[name$=_condition]").all():
        select.select_option("baik")
    pokja.click("button:has-text('Simpan daftar sarpras')")
    expect(pokja.locator("#growth")).to_have_text("lengkap")
    expect(pokja.locator("#complete")).to_have_text("lengkap")
    assert _fits(pokja)
    _shot(pokja, "sarpras")

    team = _as(phone, server, "pokjanal.kotabesi")  # one cookie jar: each switch of user signs in again
    team.goto(server.url + "/pemantauan/kekuatan/62.02.01.2003")
    expect(team.locator(f".aktif-{posyandu_id}")).to_have_text("ya")
    expect(team.locator(f".ilp-{posyandu_id}")).to_have_text("belum")  # no kader trained for three groups yet

    trainer = _as(phone, server, "puskesmas.kotabesi")
    trainer.goto(server.url + f"/posyandu/{posyandu_id}/kader")
    trainer.click("a:has-text('Nurhayati')")
    expect(trainer.locator("#level")).to_have_text("Belum Purwa")
    for prefix in "PBIR":
        for number in range(1, 6):
            trainer.check(f"input[name=codes][value={prefix}{number}]")
    trainer.fill("input[name=marked_on]", today.isoformat())
    trainer.click("button:has-text('Simpan penilaian')")
    expect(trainer.locator("#level")).to_have_text("Madya")
    assert _fits(trainer)
    _shot(trainer, "passport")

    team = _as(phone, server, "pokjanal.kotabesi")
    team.goto(server.url + "/pemantauan/kekuatan/62.02.01.2003")
    expect(team.locator(f".ilp-{posyandu_id}")).to_have_text("sudah")
    team.goto(server.url + "/pemantauan/kekuatan/62.02.01")
    expect(team.locator("#aktif-share")).to_contain_text("1 dari")
    expect(team.locator("table.board")).to_contain_text("Desa Palangan")
    assert _fits(team)
    _shot(team, "strength-kecamatan")

    team.goto(server.url + "/rapat/baru")
    team.select_option("select[name=kind]", "bimtek")
    team.fill("input[name=title]", "Bimtek Keterampilan Dasar Kader")
    team.fill("input[name=day]", today.isoformat())
    team.fill("input[name=starts]", "09:00")
    team.fill("input[name=place]", "Aula Puskesmas Kota Besi")
    team.select_option("select[name=chair_id]", label="Ahmad Yani, S.Sos (Camat Kota Besi)")
    team.fill("textarea[name=agenda]", "Penilaian keterampilan")
    team.click("button:has-text('Simpan jadwal')")
    team.wait_for_url(re.compile(r"/rapat/\d+/peserta$"))
    meeting = re.search(r"/rapat/\d+", team.url).group(0)
    for box in team.locator("input[name=bodies]").all():
        if box.get_attribute("value").startswith("62.02.01."):
            box.check()
    team.locator("label.check", has_text="Nurhayati").locator("input[name=users]").check()  # a kader: one by one
    team.click("button:has-text('Undang')")
    team.goto(server.url + meeting + "/qr")
    code = team.locator(".code").inner_text().strip()

    kader = _as(phone, server, "kader.palangan")
    kader.goto(server.url + "/rapat/hadir")
    kader.fill("input[name=code]", code)
    kader.click("button:has-text('Saya hadir')")
    expect(kader.locator(".flash", has_text="kehadiran Anda")).to_be_visible()
    kader.click("nav.bottom a:has-text('Paspor')")
    expect(kader.locator("#pelatihan")).to_contain_text("Bimtek Keterampilan Dasar Kader")
    expect(kader.locator("#level")).to_have_text("Madya")
    expect(kader.locator("input[name=codes]")).to_have_count(0)
    assert _fits(kader)
    _shot(kader, "my-passport")

    team = _as(phone, server, "pokjanal.kotabesi")
    team.goto(server.url + f"/posyandu/{posyandu_id}/kunjungan")
    team.fill("input[name=visited_on]", today.isoformat())
    team.fill("input[name=team]", "Pokjanal Kecamatan dan Puskesmas Kota Besi")
    team.fill("input[name=kader_present]", "5")
    for box in team.locator("#catat input[type=checkbox]").all()[:4]:
        box.check()
    team.click("button:has-text('Simpan kunjungan')")
    team.wait_for_url(re.compile(r"/kunjungan/\d+(#.*)?$"))
    team.fill("textarea[name=what]", "Validasi data belum dilakukan: latih dua kader")
    team.fill("input[name=responsible]", "Pokja Desa Palangan")
    team.fill("input[name=due_on]", (today + dt.timedelta(days=30)).isoformat())
    team.click("button:has-text('Simpan temuan')")
    expect(team.locator("#temuan")).to_contain_text("Validasi data belum dilakukan")
    assert _fits(team)
    _shot(team, "visit")

    kader = _as(phone, server, "kader.palangan")
    panel = kader.locator("#pembinaan")
    expect(panel).to_contain_text("Validasi data belum dilakukan")
    panel.locator("a:has-text('Validasi data')").click()
    kader.fill("#temuan textarea[name=note]", "Dua kader dilatih validasi oleh bidan desa.")
    kader.locator("#temuan button:has-text('Selesai')").click()
    expect(kader.locator(".flash")).to_contain_text("Temuan sudah selesai ditindaklanjuti.")
    expect(kader.locator("#temuan .status")).to_have_text("Selesai")
    kader.goto(server.url + "/")
    expect(kader.locator("#pembinaan")).to_have_count(0)


@pytest.mark.browser
def test_province_strength_and_funded_gaps_on_a_phone(live_server, phone):
    """A province member opens the strength page of the province (one row per kabupaten) and goes down to
    Kotim; pokja.palangan sees which plan line funds a missing kit item and which are not yet budgeted."""
    with live_server.app.app_context():
        from tests.factories import make_user
        from tests.pembinaan.test_funding import _growth_only, _plan
        from webapp.demo import first_posyandu

        make_user("anggota", "62", username="provinsi.kalteng", password="pokjanal-demo")
        _growth_only(first_posyandu("62.02.01.2003"))
        _plan({"Pengadaan tensimeter Posyandu": ["tensimeter"]}, submit=True, ahead=1)

    page = _as(phone, live_server, "provinsi.kalteng")
    page.goto(live_server.url + "/pemantauan/kekuatan")
    expect(page.locator("h1")).to_contain_text("Kalimantan Tengah")
    expect(page.locator("table.board")).to_contain_text("Kotawaringin Timur")
    expect(page.locator("#needing")).not_to_have_text("")
    assert _fits(page)
    _shot(page, "strength-province")
    page.locator("table.board a", has_text="Kotawaringin Timur").click()
    expect(page.locator("h1")).to_contain_text("Kotawaringin Timur")
    expect(page.locator("nav.crumbs")).to_contain_text("Kalimantan Tengah")
    assert page.goto(live_server.url + "/pemantauan/kekuatan/nasional").status == 404

    pokja = _as(phone, live_server, "pokja.palangan")
    pokja.goto(live_server.url + "/sarpras")
    expect(pokja.locator(".funded", has_text="Pengadaan tensimeter Posyandu")).to_be_visible()
    expect(pokja.locator(".unfunded").first).to_have_text("belum dianggarkan")
    assert _fits(pokja)
    _shot(pokja, "gaps-funded")
