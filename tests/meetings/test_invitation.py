"""The undangan and the notulen are signed by the person who signs: the ketua the body's SK names, or
"a.n. Ketua …" by someone else under their own jabatan and name. The secretariat prepares the undangan; it is
numbered and verifiable only once its signer approves it, and never for a meeting that has already begun."""
from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from sqlalchemy import func, select

from tests.meetings.helpers import PALANGAN, actor, make_meeting, today_local, user_id
from webapp.audit import AuditEvent
from webapp.documents import queries as documents
from webapp.documents.models import DocumentNumber
from webapp.extensions import db
from webapp.lembaga.demo import seed_lembaga
from webapp.meetings import invitation, services
from webapp.meetings.models import InvitationStatus

KETUA_KOTA_BESI = "Ketua Pokjanal Posyandu Kecamatan Kota Besi"


def _text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages).split())


def _tomorrow() -> dt.date:
    return today_local() + dt.timedelta(days=1)


def test_the_draft_names_the_sk_ketua_and_the_issued_letter_the_person_who_approved_it(demo_client, login_as):
    seed_lembaga()
    meeting = make_meeting(day=_tomorrow())  # chaired by the camat; the SK's ketua is the TP PKK's, no account
    url = f"/rapat/{meeting.id}/undangan.pdf"
    login_as(demo_client, "pokjanal.kotabesi")
    draft = _text(demo_client, url)
    assert f"{KETUA_KOTA_BESI}, Ny. Rahmawati Yani" in draft and "DRAF" in draft
    signature = draft[draft.index("terima kasih."):]
    assert "Ahmad Yani" not in signature and "Camat" not in signature  # not "Ketua Pokjanal …, Camat Kota Besi"

    assert demo_client.post(f"/rapat/{meeting.id}/undangan/setujui").status_code == 403  # the secretary can't sign
    demo_client.post(f"/rapat/{meeting.id}/undangan/ajukan")
    assert meeting.invitation_status == InvitationStatus.DIAJUKAN
    assert documents.latest("undangan", meeting.id) is None and db.session.scalar(select(DocumentNumber.id)) is None
    assert "DRAF" in _text(demo_client, url) and "/verifikasi/" not in _text(demo_client, url)

    login_as(demo_client, "camat.kotabesi")
    page = demo_client.post(f"/rapat/{meeting.id}/undangan/setujui", follow_redirects=True).get_data(as_text=True)
    assert "Undangan diterbitkan dengan nomor 400.5.9/1/Pokjanal/" in page
    issued = _text(demo_client, url)
    assert f"a.n. {KETUA_KOTA_BESI} Camat Kota Besi, Ahmad Yani, S.Sos NIP. 19760309 199903 1 005" in issued
    assert "Rahmawati" not in issued and "DRAF" not in issued and "/verifikasi/" in issued
    signed = documents.latest("undangan", meeting.id)
    assert signed.number.startswith("400.5.9/1/") and "Ahmad Yani, S.Sos" in signed.content


def test_the_ketua_herself_approves_and_signs_without_a_n(demo_client, login_as):
    seed_lembaga()
    secretary = actor("pokja.palangan")  # Siti Aminah: the ketua the SK names, linked to this account
    meeting = services.create_meeting(secretary, {
        "region_code": PALANGAN, "kind": "koordinasi", "title": "Rapat Pokja Desa", "day": _tomorrow(),
        "starts": dt.time(9, 0), "ends": None, "place": "Balai Desa Palangan", "chair_id": user_id("kades.palangan"),
        "notulis_id": user_id("pokja.palangan"), "agenda": ["Jadwal Posyandu"]})
    login_as(demo_client, "kader.palangan")  # a lower role, invited or not, never signs
    demo_client.post(f"/rapat/{meeting.id}/undangan/ajukan")
    login_as(demo_client, "pokja.palangan")
    demo_client.post(f"/rapat/{meeting.id}/undangan/ajukan")
    demo_client.post(f"/rapat/{meeting.id}/undangan/setujui")
    text = _text(demo_client, f"/rapat/{meeting.id}/undangan.pdf")
    assert "Ketua Pokja Posyandu Desa Palangan, Siti Aminah" in text and "a.n." not in text


def test_only_the_signer_approves_or_returns_and_other_regions_see_nothing(demo_client, login_as):
    seed_lembaga()
    meeting = make_meeting(day=_tomorrow())
    login_as(demo_client, "pokjanal.kotabesi")
    demo_client.post(f"/rapat/{meeting.id}/undangan/ajukan")
    login_as(demo_client, "kader.palangan")  # invited: sees the meeting, signs nothing
    assert demo_client.post(f"/rapat/{meeting.id}/undangan/setujui").status_code == 403
    login_as(demo_client, "camat.baamang")  # a sibling kecamatan's camat
    assert demo_client.post(f"/rapat/{meeting.id}/undangan/setujui").status_code == 404
    login_as(demo_client, "camat.kotabesi")
    refused = demo_client.post(f"/rapat/{meeting.id}/undangan/kembalikan", data={"note": ""})
    assert refused.status_code == 422 and "Tulis apa yang perlu diperbaiki" in refused.get_data(as_text=True)
    demo_client.post(f"/rapat/{meeting.id}/undangan/kembalikan", data={"note": "Tambahkan agenda BPB"})
    assert meeting.invitation_status == InvitationStatus.DRAF and meeting.invitation_events[-1].note
    assert documents.latest("undangan", meeting.id) is None


def test_no_undangan_goes_out_for_a_meeting_that_has_begun(demo_client, login_as, monkeypatch):
    seed_lembaga()
    meeting = make_meeting(day=dt.date(2027, 3, 10), start=dt.time(9, 0))  # 02.00 UTC (WIB)
    monkeypatch.setattr(invitation, "utcnow", lambda: dt.datetime(2027, 3, 1, 1, 0))
    login_as(demo_client, "pokjanal.kotabesi")
    demo_client.post(f"/rapat/{meeting.id}/undangan/ajukan")
    assert meeting.invitation_status == InvitationStatus.DIAJUKAN

    monkeypatch.setattr(invitation, "utcnow", lambda: dt.datetime(2027, 3, 10, 2, 0))  # the meeting begins
    audited = db.session.scalar(select(func.count(AuditEvent.id)))
    login_as(demo_client, "camat.kotabesi")
    refused = demo_client.post(f"/rapat/{meeting.id}/undangan/setujui")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Rapat ini sudah berlangsung (Rabu, 10 Maret 2027, 09.00 WIB s.d. selesai)" in page
    assert "undangan tidak dapat lagi diajukan atau diterbitkan" in page
    db.session.expire_all()
    assert meeting.invitation_status == InvitationStatus.DIAJUKAN
    assert db.session.scalar(select(DocumentNumber.id)) is None
    assert db.session.scalar(select(func.count(AuditEvent.id))) == audited


def test_the_notulen_is_signed_by_the_chair_who_signs_a_n_the_ketua(demo_client, login_as):
    seed_lembaga()
    meeting = make_meeting()
    meeting.chair_member_id = invitation.ketua_of(meeting.region_code).id  # she led it; the camat signs
    db.session.commit()
    services.advance(actor("pokjanal.kotabesi"), meeting, "circulate")
    services.advance(actor("camat.kotabesi"), meeting, "finalize")
    login_as(demo_client, "camat.kotabesi")
    text = _text(demo_client, f"/rapat/{meeting.id}/notulen.pdf")
    signature = text[text.index("Pimpinan Rapat,"):text.index("DAFTAR HADIR")]
    assert f"Pimpinan Rapat, a.n. {KETUA_KOTA_BESI} Camat Kota Besi" in signature
    assert "Ahmad Yani, S.Sos NIP. 19760309 199903 1 005" in signature and "Rahmawati" not in signature
