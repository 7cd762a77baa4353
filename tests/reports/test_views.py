"""The report pages over HTTP: access by tier and region, bad input, htmx fragments, replays and conflicts."""
import re

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.reports import services
from webapp.reports.models import MonthlyReport, Status

from .helpers import actor, fill, form_data, last_month, month_text, new_id, palangan_posyandu

HX = {"HX-Request": "true"}


def _url(posyandu, suffix=""):
    return f"/laporan/posyandu/{posyandu.id}/{month_text()}{suffix}"


def _reports():
    return db.session.scalar(select(func.count(MonthlyReport.id)))


def test_the_kader_form_carries_the_outbox_contract(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    page = demo_client.get(_url(palangan_posyandu()))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    forms = re.findall(r"<form[^>]*>", html)
    outbox = [f for f in forms if 'data-outbox="report"' in f]
    assert len(outbox) == 7  # six sections and the submit form
    assert len(re.findall(r'<input type="hidden" name="client_id" [^>]*value="[0-9a-f]{32}"', html)) == 7
    assert "Balita: SKDN dan gizi" in html and 'inputmode="numeric"' in html


def test_a_kader_of_another_desa_gets_404_everywhere(demo_client, login_as):
    posyandu = palangan_posyandu()
    login_as(demo_client, "kader.hanjalipan")
    year, month = last_month()
    assert demo_client.get(_url(posyandu)).status_code == 404
    data = form_data("gizi", year, month) | {"client_id": new_id()}
    assert demo_client.post(_url(posyandu, "/bagian/gizi"), data=data).status_code == 404
    assert demo_client.post(_url(posyandu, "/kirim"), data={"client_id": new_id()}).status_code == 404
    assert _reports() == 0


def test_report_decisions_are_refused_to_lower_tiers(demo_client, login_as):
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    fill(kader, posyandu, year, month)
    report = services.submit(kader, posyandu, year, month, new_id(), confirmed=True).report
    login_as(demo_client, "kader.palangan")
    assert demo_client.post(f"/laporan/{report.id}/verifikasi").status_code == 403
    login_as(demo_client, "pokja.palangan")
    assert demo_client.post(f"/laporan/{report.id}/buka-kembali", data={"reason": "x"}).status_code == 403
    login_as(demo_client, "kades.hanjalipan")
    assert demo_client.post(f"/laporan/{report.id}/verifikasi").status_code == 404
    db.session.expire_all()
    assert db.session.get(MonthlyReport, report.id).status == Status.SUBMITTED
    services.verify(actor("kades.palangan"), db.session.get(MonthlyReport, report.id))
    login_as(demo_client, "kader.palangan")
    assert demo_client.post(f"/laporan/{report.id}/verifikasi").status_code == 403  # not even when already done
    login_as(demo_client, "kades.palangan")
    assert demo_client.post(f"/laporan/{report.id}/verifikasi").status_code == 302  # a double tap succeeds


def test_bad_numbers_get_a_message_next_to_the_field_and_save_nothing(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    posyandu, (year, month) = palangan_posyandu(), last_month()
    data = form_data("gizi", year, month) | {"balita_d": "-4", "balita_n": "2,5", "client_id": new_id()}
    page = demo_client.post(_url(posyandu, "/bagian/gizi"), data=data)
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert re.search(r'id="msg-balita_d"[^>]*><p class="error">Tidak boleh negatif.', html)
    assert "Isi bilangan bulat, tanpa koma." in html and 'value="2,5"' in html  # what was typed is kept
    assert _reports() == 0


def test_an_htmx_section_save_answers_a_small_fragment_and_a_replay_the_same(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    posyandu, (year, month) = palangan_posyandu(), last_month()
    data = form_data("gizi", year, month) | {"balita_d": "50", "client_id": "replay-me"}
    first = demo_client.post(_url(posyandu, "/bagian/gizi"), data=data, headers=HX)
    again = demo_client.post(_url(posyandu, "/bagian/gizi"), data=data, headers=HX)
    for answer in (first, again):
        html = answer.get_data(as_text=True)
        assert answer.status_code == 200 and "<html" not in html and "HX-Request" in answer.headers["Vary"]
        assert "D (ditimbang) tidak boleh lebih dari S" in html  # the draft keeps what was typed, the checks show
        # ...and the section's status agrees with its red message: never a green "Tersimpan"; it links to the field.
        assert re.search(r'id="status-gizi" class="save-status alert"[^>]*><p>Tersimpan, tetapi ada isian yang '
                         r'perlu diperbaiki sebelum laporan dikirim: D[^<]*\. '
                         r'<a href="#balita_d">Perbaiki: D — ditimbang bulan ini</a></p>', html)
        assert ' saved"' not in html
        assert 'id="cid-gizi"' in html and "replay-me" not in html  # a fresh id for the next save
    assert _reports() == 1
    assert len(first.data) < 5000


def test_a_refused_section_links_its_status_to_the_first_wrong_field(demo_client, login_as):
    """The page's script follows that link after a refused "Lanjut": focus and scroll go to the field."""
    login_as(demo_client, "kader.palangan")
    posyandu, (year, month) = palangan_posyandu(), last_month()
    typed = demo_client.post(_url(posyandu, "/bagian/gizi"), headers=HX,
                             data=form_data("gizi", year, month) | {"balita_n": "banyak", "balita_o": "dua"})
    assert typed.status_code == 422
    assert re.search(r'id="status-gizi" class="save-status alert"[^>]*><p>Ada isian yang perlu diperbaiki[^<]*'
                     r'<a href="#balita_n">Perbaiki: N — berat badan naik</a></p>', typed.get_data(as_text=True))
    dates = demo_client.post(_url(posyandu, "/bagian/buka"), headers=HX,
                             data=form_data("buka", year, month) | {"open_date_1": "kemarin"})
    assert '<a href="#open_date_1">Perbaiki: Tanggal buka</a>' in dates.get_data(as_text=True)
    assert _reports() == 0  # nothing saved half-way


def test_a_save_without_javascript_redirects_back_to_the_section(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    posyandu, (year, month) = palangan_posyandu(), last_month()
    answer = demo_client.post(_url(posyandu, "/bagian/buka"), data=form_data("buka", year, month))
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/bagian/buka")  # no button: same step
    report = services.queries.find_report(posyandu, year, month)
    assert report.kader_on_duty == 5 and len(report.dates) == 1


def test_a_concurrent_change_answers_409_with_what_changed(demo_client, login_as):
    from tests.factories import make_user
    from webapp.access import Actor

    posyandu, (year, month) = palangan_posyandu(), last_month()
    login_as(demo_client, "kader.palangan")
    page = demo_client.get(_url(posyandu)).get_data(as_text=True)
    base = re.search(r'id="base-gizi" value="([0-9a-f]+)"', page)[1]
    other = Actor(make_user("kader", posyandu.region_code, posyandu=posyandu, full_name="Kader Kedua"))
    from .helpers import section_values
    services.save_section(other, posyandu, year, month, "gizi", section_values("gizi", year, month, balita_s=47), "",
                          new_id())
    data = form_data("gizi", year, month) | {"balita_s": "52", "base": base, "client_id": new_id()}
    answer = demo_client.post(_url(posyandu, "/bagian/gizi"), data=data, headers=HX)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert "Kader Kedua sudah mengubah bagian ini" in html
    assert re.search(r"S — semua balita di wilayah</td><td class=\"num\">52</td><td class=\"num\">47</td>", html)
    assert services.queries.find_report(posyandu, year, month).balita_s == 47


def test_submit_with_an_error_answers_422_and_a_locked_report_409(demo_client, login_as):
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    fill(kader, posyandu, year, month, stunted=40)  # more stunted than measured
    login_as(demo_client, "kader.palangan")
    answer = demo_client.post(_url(posyandu, "/kirim"), data={"client_id": new_id(), "confirm": "y"})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert re.search(r'id="msg-stunted"[^>]*><p class="error">Jumlah stunting tidak boleh lebih', html)
    fill(kader, posyandu, year, month)
    assert demo_client.post(_url(posyandu, "/kirim"), data={"client_id": "k1", "confirm": "y"}).status_code == 302
    assert demo_client.post(_url(posyandu, "/kirim"), data={"client_id": "k1", "confirm": "y"}).status_code == 302
    locked = demo_client.post(_url(posyandu, "/bagian/gizi"), data=form_data("gizi", year, month) | {"client_id": "n"},
                              headers=HX)
    assert locked.status_code == 409 and "menunggu verifikasi" in locked.get_data(as_text=True)


def test_returned_notes_show_next_to_the_field_and_on_the_kader_home(demo_client, login_as):
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    fill(kader, posyandu, year, month)
    report = services.submit(kader, posyandu, year, month, new_id(), confirmed=True).report
    login_as(demo_client, "pokja.palangan")
    empty = demo_client.post(f"/laporan/{report.id}/kembalikan", data={"note": "", "field": "", "field_note": ""})
    assert empty.status_code == 422 and "Tulis catatan agar kader tahu" in empty.get_data(as_text=True)
    demo_client.post(f"/laporan/{report.id}/kembalikan",
                     data={"note": "Tolong cek lagi.", "field": "balita_k", "field_note": "K melebihi jumlah KMS."})
    login_as(demo_client, "kader.palangan")
    home = demo_client.get("/").get_data(as_text=True)
    assert "Laporan dikembalikan" in home and "K melebihi jumlah KMS." in home
    page = demo_client.get(_url(posyandu)).get_data(as_text=True)
    assert re.search(r'id="msg-balita_k"[^>]*><p class="note"><strong>Catatan Siti Aminah:</strong> K melebihi', page)
    assert "Tolong cek lagi." in page


def test_pokja_desa_home_lists_missing_posyandu_and_reports_waiting(demo_client, login_as):
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    fill(kader, posyandu, year, month)
    services.submit(kader, posyandu, year, month, new_id(), confirmed=True)
    login_as(demo_client, "pokja.palangan")
    home = demo_client.get("/").get_data(as_text=True)
    assert "Laporan menunggu verifikasi" in home and posyandu.name in home
    assert "Belum melapor" in home
    others = [p for p in services.queries.db.session.scalars(
        select(type(posyandu)).where(type(posyandu).region_code == posyandu.region_code)) if p.id != posyandu.id]
    assert others and all(p.name in home.split("Belum melapor")[1] for p in others)


def test_the_report_index_lists_months_for_the_kader_and_links_for_members(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    page = demo_client.get("/laporan/").get_data(as_text=True)
    assert palangan_posyandu().name in page and _url(palangan_posyandu()) in page and "Belum ada" in page
    login_as(demo_client, "camat.kotabesi")
    page = demo_client.get("/laporan/").get_data(as_text=True)
    assert "/laporan/kelengkapan/62.02.01" in page and "/laporan/rekap/62.02.01" in page


def test_a_kecamatan_member_reopens_a_verified_report_with_a_reason(demo_client, login_as):
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    fill(kader, posyandu, year, month)
    report = services.submit(kader, posyandu, year, month, new_id(), confirmed=True).report
    services.verify(actor("kades.palangan"), report)
    login_as(demo_client, "pokjanal.kotabesi")
    page = demo_client.get(_url(posyandu)).get_data(as_text=True)
    assert "Buka kembali laporan" in page and "Kembalikan dengan catatan" not in page
    empty = demo_client.post(f"/laporan/{report.id}/buka-kembali", data={"reason": " "})
    assert empty.status_code == 422 and "Tulis alasan membuka kembali" in empty.get_data(as_text=True)
    done = demo_client.post(f"/laporan/{report.id}/buka-kembali", data={"reason": "Stunting perlu dicek ulang."},
                            follow_redirects=True)
    html = done.get_data(as_text=True)
    assert "Dibuka kembali" in html and "Stunting perlu dicek ulang." in html
    db.session.expire_all()
    assert db.session.get(MonthlyReport, report.id).status == Status.RETURNED


def test_sasaran_start_from_the_last_verified_month_marked_and_editable(demo_client, login_as):
    from webapp.clock import month_key, shift_month

    posyandu, (year, month) = palangan_posyandu(), last_month()
    before = shift_month(year, month, -1)
    report = fill(actor("kader.palangan"), posyandu, *before, balita_target=41, pus_target=72)
    services.submit(actor("kader.palangan"), posyandu, *before, new_id(), True)
    login_as(demo_client, "kader.palangan")
    unverified = demo_client.get(_url(posyandu)).get_data(as_text=True)
    assert "dari bulan lalu" not in unverified  # only a verified month is carried over
    services.verify(actor("pokja.palangan"), report, "")
    page = demo_client.get(_url(posyandu)).get_data(as_text=True)
    assert re.search(r'name="balita_target"[^>]*value="41"', page) and re.search(r'name="pus_target"[^>]*value="72"', page)
    assert re.search(r'name="balita_s"[^>]*value="48"', page)
    assert page.count("dari bulan lalu") == 14  # nine groups' sasaran, PUS, S, K, active KB users, kader on duty
    assert re.search(r'name="open_date_1"[^>]*value="{:04d}-{:02d}-14"'.format(year, month), page)  # same date
    assert "tanggal yang sama dengan bulan lalu" in page
    assert re.search(r'name="balita_served"[^>]*value=""', page)  # what was served is this month's to type
    # Saved, a carried value is this month's own: no longer marked, and never carried into the month before.
    demo_client.post(_url(posyandu, "/bagian/sasaran"), data=form_data("sasaran", year, month, balita_target="43"))
    page = demo_client.get(_url(posyandu)).get_data(as_text=True)
    assert re.search(r'name="balita_target"[^>]*value="43"', page)
    assert page.count("dari bulan lalu") == 5  # PUS, S, K, KB users, kader on duty: in sections not saved yet
    earlier = demo_client.get(f"/laporan/posyandu/{posyandu.id}/{month_key(*shift_month(*before, -1))}")
    assert "dari bulan lalu" not in earlier.get_data(as_text=True)


def test_a_new_section_starts_from_the_count_it_usually_equals_this_month(demo_client, login_as):
    """Ibu hamil examined and given TTD usually equal the ibu hamil served, typed at the sasaran step: a new
    ibu section shows that value, marked; once saved it is the section's own (a blank stays blank)."""
    posyandu, (year, month) = palangan_posyandu(), last_month()
    login_as(demo_client, "kader.palangan")
    page = demo_client.get(_url(posyandu)).get_data(as_text=True)
    assert re.search(r'name="ibu_hamil_examined"[^>]*value=""', page)
    assert 'data-usually="ibu_hamil_served"' in page  # nothing typed yet: the page's script copies it
    demo_client.post(_url(posyandu, "/bagian/sasaran"), data=form_data("sasaran", year, month, ibu_hamil_served="4"))
    page = demo_client.get(_url(posyandu)).get_data(as_text=True)
    assert re.search(r'name="ibu_hamil_examined"[^>]*value="4"', page)
    assert re.search(r'name="ibu_hamil_ttd"[^>]*value="4"', page)  # and TTD the examined
    assert "sama dengan “Ibu hamil: dilayani”, periksa" in page
    demo_client.post(_url(posyandu, "/bagian/ibu"), data=form_data("ibu", year, month, ibu_hamil_ttd=""))
    page = demo_client.get(_url(posyandu)).get_data(as_text=True)
    assert re.search(r'name="ibu_hamil_ttd"[^>]*value=""', page) and "sama dengan “Ibu hamil diperiksa" not in page


def test_vitamin_a_is_asked_in_its_months_or_when_it_has_a_value(demo_client, login_as):
    posyandu = palangan_posyandu()
    login_as(demo_client, "kader.palangan")
    for (year, month), asked in (((2026, 8), True), ((2026, 9), False)):
        page = demo_client.get(f"/laporan/posyandu/{posyandu.id}/{year:04d}-{month:02d}").get_data(as_text=True)
        assert ('name="vitamin_a"' in page) is asked, month
    fill(actor("kader.palangan"), posyandu, 2026, 9, vitamin_a=3)  # stored outside its months: shown, to fix
    page = demo_client.get(f"/laporan/posyandu/{posyandu.id}/2026-09").get_data(as_text=True)
    assert re.search(r'name="vitamin_a"[^>]*value="3"', page)


def test_every_report_step_answers_the_same_way_over_http(demo_client, login_as):
    """A wrong state is 409 with the status named; a double tap says it is already done; a missing note is 422."""
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    report = fill(kader, posyandu, year, month)
    login_as(demo_client, "pokja.palangan")
    early = demo_client.post(f"/laporan/{report.id}/verifikasi")  # still a draft
    assert early.status_code == 409 and "berstatus Draf" in early.get_data(as_text=True)
    services.submit(kader, posyandu, year, month, new_id(), confirmed=True)
    empty = demo_client.post(f"/laporan/{report.id}/kembalikan", data={"note": " "})
    assert empty.status_code == 422 and "Tulis catatan agar kader tahu" in empty.get_data(as_text=True)
    assert demo_client.post(f"/laporan/{report.id}/verifikasi").status_code == 302
    again = demo_client.post(f"/laporan/{report.id}/verifikasi", follow_redirects=True)
    assert "Laporan sudah diverifikasi." in again.get_data(as_text=True)
    late = demo_client.post(f"/laporan/{report.id}/kembalikan", data={"note": "Cek D"})
    assert late.status_code == 409 and "berstatus Diverifikasi" in late.get_data(as_text=True)
    db.session.expire_all()
    report = db.session.get(MonthlyReport, report.id)
    assert report.status == Status.VERIFIED and [e.action for e in report.events].count("verified") == 1
