"""Sign → change everything → re-download: a final notulen, a laporan pelaksanaan kegiatan and an issued
undangan print the same text (pdftotext, byte for byte) and keep the same hash after every live record they
were made from changes: members renamed, NIP and jabatan changed, the meeting edited, the body renamed."""
from __future__ import annotations

import datetime as dt
import json
import subprocess

from sqlalchemy import select

from tests.meetings.helpers import KOTA_BESI, actor, make_meeting, today_local
from webapp.auth.models import User
from webapp.documents import queries as documents
from webapp.documents.models import SignedDocument
from webapp.documents.services import digest
from webapp.extensions import db
from webapp.lembaga.demo import seed_lembaga
from webapp.lembaga.models import Body, Member
from webapp.meetings import activity, invitation, services
from webapp.meetings.models import Participant
from webapp.regions.models import KabupatenSetting, Region, RegionLetterhead


def _pdftotext(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.data, capture_output=True,
                          check=True).stdout


def _members_invited(meeting) -> None:
    """The ketua (no account), the sekretaris (linked to the note-taker's account) and a member without one."""
    ids = [m.id for m in db.session.scalars(select(Member).join(Body).where(Body.region_code == KOTA_BESI))]
    services.invite(actor("pokjanal.kotabesi"), meeting, [], [], ids)


def _signed_documents():
    """A rakor with its undangan issued by the camat and its notulen signed; a bimtek's laporan kegiatan."""
    who, camat = actor("pokjanal.kotabesi"), actor("camat.kotabesi")
    rakor = make_meeting(day=today_local() + dt.timedelta(days=2))
    _members_invited(rakor)
    rakor.chair_member_id = invitation.ketua_of(KOTA_BESI).id
    rakor.notulis_member_id = db.session.scalar(select(Member.id).where(Member.own_name == "Sri Wahyuni"))
    db.session.commit()
    services.add_action_item(who, rakor, rakor.agenda_items[0], {
        "what": "Mengirim rekap sasaran balita", "responsible": "r:62.02.01.2003",
        "due_on": today_local() + dt.timedelta(days=30)})
    invitation.advance(who, rakor, "submit")
    invitation.advance(camat, rakor, "approve")
    bimtek = make_meeting(title="Bimtek Kader Posyandu ILP")
    bimtek.kind = "bimtek"
    db.session.commit()
    _members_invited(bimtek)
    activity.add_speaker(who, bimtek, {"member_id": bimtek.participants[-1].member_id, "topic": "Penimbangan"})
    for meeting in (rakor, bimtek):
        services.advance(who, meeting, "circulate")
        services.advance(camat, meeting, "finalize")
    return rakor, bimtek


def _change_everything(rakor, bimtek) -> None:
    """Every live record the three documents were built from, changed the way the app lets people change them."""
    for member in db.session.scalars(select(Member)):
        member.own_name, member.own_nip, member.jabatan = f"{member.own_name} Baru", "19990101 202001 1 001", "anggota"
        member.unsur_text, member.mitra_id = "Unsur lain", None
    for user in db.session.scalars(select(User)):
        user.full_name, user.jabatan, user.nip, user.is_asn = f"{user.full_name} Baru", "Plt.", "198001012005011001", True
        user.sex = "L"
    for meeting in (rakor, bimtek):
        meeting.title, meeting.place = "Judul yang diubah", "Tempat lain"
        meeting.starts_at += dt.timedelta(days=3)
        for item in meeting.agenda_items:
            item.title, item.discussion, item.decisions = "Agenda lain", "Bahasan lain", "Keputusan lain"
        for task in meeting.action_items:
            task.what, task.status = "Tindak lanjut lain", "selesai"
        for participant in meeting.participants:
            participant.attendance = "izin"
        meeting.participants.append(Participant(guest_name="Tamu Baru", sex="P", attendance="hadir"))
        for speaker in meeting.speakers:
            speaker.name, speaker.topic = "Narasumber lain", "Materi lain"
    db.session.get(Region, KOTA_BESI).name = "Kota Besi Raya"
    db.session.add(RegionLetterhead(region_code=KOTA_BESI, body_name="Tim Pembina Posyandu Kota Besi Raya",
                                    letterhead="KOP BARU", place_of_signing="Tempat Baru"))
    setting = db.session.get(KabupatenSetting, "62.02")
    setting.body_name, setting.timezone = "Tim Pembina Posyandu", "Asia/Jakarta"
    body = db.session.scalar(select(Body).where(Body.region_code == KOTA_BESI))
    body.sk_number, body.sk_signed_by = "SK/BARU/2027", "Bupati Baru"
    db.session.commit()


def test_signed_documents_print_the_same_text_and_hash_after_everything_changes(demo_client, login_as):
    seed_lembaga()
    db.session.commit()
    rakor, bimtek = _signed_documents()
    urls = [f"/rapat/{rakor.id}/notulen.pdf", f"/rapat/{rakor.id}/undangan.pdf", f"/rapat/{bimtek.id}/notulen.pdf"]
    login_as(demo_client, "pokjanal.kotabesi")
    before = [_pdftotext(demo_client, url) for url in urls]
    hashes = {d.id: d.content_sha256 for d in db.session.scalars(select(SignedDocument))}
    assert b"a.n. Ketua Pokjanal Posyandu Kecamatan Kota Besi" in b" ".join(before[1].split())  # the camat signed it for the ketua
    assert b"LAPORAN PELAKSANAAN KEGIATAN" in before[2].upper() and b"Penimbangan" in before[2]
    assert all(b"/verifikasi/" in text for text in before)

    _change_everything(rakor, bimtek)
    after = [_pdftotext(demo_client, url) for url in urls]
    for url, old, new in zip(urls, before, after, strict=True):
        assert new == old, url
    assert b"Baru" not in b"".join(after) and b"Tempat lain" not in b"".join(after)
    documents_now = list(db.session.scalars(select(SignedDocument)))
    assert {d.id: d.content_sha256 for d in documents_now} == hashes  # no new version, the same hash
    assert all(digest(json.loads(d.content)) == d.content_sha256 for d in documents_now)
    assert {d.kind for d in documents_now} == {"undangan", "notulen"} and len(documents_now) == 3
    assert documents.latest("undangan", rakor.id).version == 1
