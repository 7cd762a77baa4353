"""Signed minutes are frozen: the final PDF reads the same after the live records change; the kop, body
name and place of signing follow the issuing tier; NIP only under civil servants; the penutup stays
with the signatures on the last page."""
from __future__ import annotations

import datetime as dt
import io
import json

from pypdf import PdfReader
from sqlalchemy import select

from tests.meetings.helpers import actor, make_meeting, today_local, user_id
from webapp.auth.models import User
from webapp.documents import queries as documents
from webapp.documents.services import digest
from webapp.extensions import db
from webapp.meetings import services
from webapp.regions.models import KabupatenSetting, RegionLetterhead




def _text(client, meeting_id: int) -> list[str]:
    response = client.get(f"/rapat/{meeting_id}/notulen.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.data)).pages]


def _signed_meeting():
    meeting = make_meeting(end=dt.time(12, 0))
    who = actor("pokjanal.kotabesi")
    services.add_action_item(who, meeting, meeting.agenda_items[0], {
        "what": "Mengirim rekap sasaran balita", "responsible": "r:62.02.01.2003", "due_on": today_local() + dt.timedelta(days=30)})
    services.advance(who, meeting, "circulate")
    services.advance(actor("camat.kotabesi"), meeting, "finalize")
    return meeting


def test_final_minutes_print_the_same_text_after_the_live_data_changes(demo_client, login_as):
    meeting = _signed_meeting()
    login_as(demo_client, "pokjanal.kotabesi")
    before = _text(demo_client, meeting.id)
    flat = " ".join(before)
    assert "Terbuka" in flat and "Selesai" not in flat
    assert "PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR KECAMATAN KOTA BESI" in flat  # the kecamatan's own kop
    assert "Kota Besi, " in flat and "Kotawaringin Timur, " not in flat  # the place of signing is the town
    assert "NIP. 19760309 199903 1 005" in flat  # the camat is ASN

    item = meeting.action_items[0]
    services.update_action(actor("pokja.palangan"), item, "selesai", "Rekap dikirim 30 September.")
    chair = db.session.get(User, user_id("camat.kotabesi"))
    chair.full_name, chair.jabatan = "Nama Baru Sekali", "Plt. Camat"
    db.session.add(RegionLetterhead(region_code="62.02.01", letterhead="KOP YANG BERUBAH", place_of_signing="Elsewhere"))
    setting = db.session.get(KabupatenSetting, "62.02")
    setting.logo, setting.logo_mime = open("static/icons/icon-192.png", "rb").read(), "image/png"
    db.session.commit()

    after = _text(demo_client, meeting.id)
    assert after == before
    assert "Nama Baru Sekali" not in " ".join(after)


def test_the_draft_follows_the_live_records_and_carries_the_desa_kop_of_a_desa_body(demo_client, login_as):
    meeting = make_meeting()
    login_as(demo_client, "pokjanal.kotabesi")
    first = " ".join(_text(demo_client, meeting.id))
    assert "DRAF" in first and "/verifikasi/" not in first
    db.session.add(RegionLetterhead(region_code="62.02.01", body_name="Tim Pembina Posyandu Kecamatan Kota Besi",
                                    letterhead="PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR\nKECAMATAN KOTA BESI\n"
                                               "Jalan Ahmad Yani No. 1, Kota Besi", place_of_signing="Kota Besi Hilir"))
    db.session.commit()
    second = " ".join(_text(demo_client, meeting.id))
    assert "Jalan Ahmad Yani No. 1, Kota Besi" in second and "Kota Besi Hilir, " in second


def test_elected_officials_sign_without_a_nip(demo_client, login_as):
    from webapp.meetings.demo import seed_meetings

    seed_meetings()
    db.session.commit()
    login_as(demo_client, "pokjanal.kotim")
    text = " ".join(_text(demo_client, 1))
    assert "H. Darmawan Saputra" in text and "Sampit, 18 September 2026" in text
    assert "Halikinnor" not in text
    assert text.count("NIP.") == 1 and "NIP. 19790822 200604 1 012" in text  # the secretary only, not the bupati


def test_nips_of_demo_officials_are_distinct_and_only_for_civil_servants(demo_app):
    users = list(db.session.scalars(select(User)))
    nips = [u.nip for u in users if u.nip]
    assert len(nips) == len(set(nips)) >= 8
    for user in users:
        elected = user.jabatan.startswith(("Bupati", "Wakil Bupati", "Kepala Desa"))
        assert not (elected and (user.nip or user.is_asn)), user.username
        assert user.sex in ("L", "P"), user.username


def test_the_penutup_stands_with_the_signatures_under_a_long_kop_and_logo(demo_client, login_as):
    setting = db.session.get(KabupatenSetting, "62.02")
    setting.logo, setting.logo_mime = open("static/icons/icon-192.png", "rb").read(), "image/png"
    db.session.add(RegionLetterhead(region_code="62.02.01", letterhead="\n".join(
        ["PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR", "KECAMATAN KOTA BESI", "POKJANAL POSYANDU KECAMATAN KOTA BESI",
         "Jalan Tjilik Riwut Km 60, Kota Besi 74353", "Telepon (0531) 000000, Pos-el kotabesi@contoh.go.id"])))
    db.session.commit()
    meeting = make_meeting(agenda=[f"Agenda panjang {n}" for n in range(1, 7)])
    who = actor("pokjanal.kotabesi")
    services.save_minutes(who, meeting, {
        "opening": "Rapat dibuka.", "closing": "Rapat ditutup pukul 12.00 WIB dengan doa.",
        "items": [{"id": a.id, "title": a.title, "discussion": "Pembahasan yang panjang sekali. " * 40,
                   "decisions": "Disepakati bersama."} for a in meeting.agenda_items]})
    login_as(demo_client, "pokjanal.kotabesi")
    pages = _text(demo_client, meeting.id)
    signature_page = next(p for p in pages if "Pimpinan Rapat," in p)
    assert "V. Penutup" in signature_page and "Rapat ditutup pukul 12.00 WIB dengan doa." in signature_page
    assert signature_page.index("Rapat ditutup") < signature_page.index("Pimpinan Rapat,")


def test_the_verification_hash_is_the_hash_of_the_frozen_content(demo_client):
    meeting = _signed_meeting()
    document = documents.latest("notulen", meeting.id)
    content = json.loads(document.content)
    assert digest(content) == document.content_sha256
    content["header"]["present"] += 1  # one digit of the frozen data
    assert digest(content) != document.content_sha256
    page = demo_client.get(f"/verifikasi/{document.code}")  # public: no sign-in
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert document.content_sha256 in html and "Rapat Koordinasi Pokjanal Kecamatan" in html
    assert "Ahmad Yani, S.Sos" in html and "19760309" not in html  # signers by name and jabatan, no NIP
