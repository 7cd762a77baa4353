"""Members of the body in meetings: invited one by one (account or not), marked present by the note-taker,
printed on the Daftar Hadir with jabatan, unsur and L/P from the member record (frozen at signing), named
as narasumber and as responsible for an action item, which reaches a member's linked account."""
from __future__ import annotations

import io

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.meetings.helpers import make_meeting
from webapp.extensions import db
from webapp.lembaga.demo import seed_lembaga
from webapp.lembaga.models import Member
from webapp.meetings.models import ActionItem, Participant


def _members() -> dict[str, Member]:
    seed_lembaga()
    db.session.commit()
    return {m.name: m for m in db.session.scalars(select(Member))}


def _pdf_text(client, meeting_id: int) -> str:
    response = client.get(f"/rapat/{meeting_id}/notulen.pdf")
    assert response.status_code == 200
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.data)).pages)


def _bare(text: str) -> str:
    """Without spaces: a narrow table column wraps words where pypdf drops the space."""
    return "".join(text.split())


def _count(meeting_id: int) -> int:
    return db.session.scalar(select(func.count(Participant.id)).where(Participant.meeting_id == meeting_id))


def test_members_without_accounts_are_invited_marked_and_printed_with_their_record(demo_client, login_as):
    members = _members()
    meeting = make_meeting(invite_desa=False)
    mahmud, nurhayati = members["H. Mahmud"], members["Nurhayati"]  # no account; linked to kader.palangan
    login_as(demo_client, "pokjanal.kotabesi")
    page = demo_client.get(f"/rapat/{meeting.id}/peserta").get_data(as_text=True)
    assert "H. Mahmud — Anggota, Tokoh masyarakat (Desa Palangan, tanpa akun)" in page
    assert "dr. Paulus Sanam" not in page  # TTU's body is no body of this meeting
    foreign = demo_client.post(f"/rapat/{meeting.id}/peserta", data={"members": [members["dr. Paulus Sanam"].id]})
    assert foreign.status_code == 422
    assert "Orang itu bukan anggota lembaga ini atau satu tingkat di bawahnya." in foreign.get_data(as_text=True)
    assert _count(meeting.id) == 2  # chair and note-taker only: nothing saved
    response = demo_client.post(f"/rapat/{meeting.id}/peserta", data={"members": [mahmud.id, nurhayati.id]})
    assert response.status_code == 302 and _count(meeting.id) == 4
    row = db.session.scalar(select(Participant).where(Participant.member_id == nurhayati.id))
    assert row.user_id == nurhayati.user_id  # the member's account is the same row: self check-in still works
    again = demo_client.post(f"/rapat/{meeting.id}/peserta", data={"members": [mahmud.id]})
    assert again.status_code == 422 and _count(meeting.id) == 4
    listed = demo_client.get(f"/rapat/{meeting.id}/peserta").get_data(as_text=True)
    assert "<strong>H. Mahmud</strong> (L) <small>(anggota, tanpa akun)</small>" in listed
    assert "Anggota, Tokoh masyarakat" in listed and "Anggota Bidang" not in listed
    assert "Sekretaris, Kec. Kota Besi" in listed  # the note-taker's account is a member of the body
    mahmud_row = db.session.scalar(select(Participant).where(Participant.member_id == mahmud.id))
    assert demo_client.post(f"/rapat/{meeting.id}/peserta/{mahmud_row.id}/kehadiran",
                            data={"attendance": "izin"}).status_code == 302
    assert demo_client.post(f"/rapat/{meeting.id}/peserta/{row.id}/kehadiran",
                            data={"attendance": "hadir"}).status_code == 302
    text = _pdf_text(demo_client, meeting.id)
    assert _bare("3 H. Mahmud Anggota, Tokoh masyarakat L Izin Izin") in text
    assert _bare("4 Nurhayati Anggota, Kader Posyandu P Hadir") in text

    assert demo_client.post(f"/rapat/{meeting.id}/edarkan").status_code == 302
    login_as(demo_client, "camat.kotabesi")
    assert demo_client.post(f"/rapat/{meeting.id}/finalkan").status_code == 302
    mahmud.name, mahmud.unsur_text, mahmud.sex = "H. Mahmud Baru", "Berubah", "P"
    db.session.commit()
    frozen = _pdf_text(demo_client, meeting.id)  # signed minutes keep what they printed at signing
    assert _bare("3 H. Mahmud Anggota, Tokoh masyarakat L Izin Izin") in frozen and "Berubah" not in frozen
    sheet = load_workbook(io.BytesIO(demo_client.get(f"/rapat/{meeting.id}/daftar-hadir.xlsx").data)).active
    rows = [[cell for cell in r] for r in sheet.iter_rows(values_only=True)]
    assert ["H. Mahmud", "Anggota, Tokoh masyarakat", "Tokoh masyarakat", "L", "Izin"] in [r[1:6] for r in rows]


def test_only_those_who_run_the_meeting_invite_members(demo_client, login_as):
    members = _members()
    meeting = make_meeting()
    data = {"members": [members["H. Mahmud"].id]}
    for username, status in (("pokja.palangan", 403), ("kader.palangan", 403), ("pokjanal.ttu", 404)):
        login_as(demo_client, username)
        assert demo_client.post(f"/rapat/{meeting.id}/peserta", data=data).status_code == status, username
    assert not db.session.scalar(select(Participant.id).where(Participant.member_id == members["H. Mahmud"].id))


def test_an_action_item_given_to_a_member_reaches_the_members_account(demo_client, login_as):
    members = _members()
    meeting = make_meeting(invite_desa=False)
    agenda = meeting.agenda_items[0]
    path = f"/rapat/{meeting.id}/agenda/{agenda.id}/tindak-lanjut"
    login_as(demo_client, "pokjanal.kotabesi")
    assert "Anggota: Nurhayati — Anggota, Kader Posyandu (Desa Palangan)" in demo_client.get(
        f"/rapat/{meeting.id}/notulen").get_data(as_text=True)
    foreign = demo_client.post(path, data={"what": "Data sasaran", "responsible": f"a:{members['dr. Paulus Sanam'].id}"})
    assert foreign.status_code == 422 and "Anggota penanggung jawab harus anggota lembaga ini" in foreign.get_data(
        as_text=True)
    assert demo_client.post(path, data={"what": "Data sasaran balita Palangan",
                                        "responsible": f"a:{members['Nurhayati'].id}"}).status_code == 302
    assert demo_client.post(path, data={"what": "Sosialisasi tokoh agama",
                                        "responsible": f"a:{members['H. Mahmud'].id}"}).status_code == 302
    items = {i.what: i for i in db.session.scalars(select(ActionItem))}
    item = items["Data sasaran balita Palangan"]
    assert item.responsible_label == "Nurhayati (Anggota)"
    assert items["Sosialisasi tokoh agama"].responsible_label == "H. Mahmud (Anggota)"
    login_as(demo_client, "kader.palangan")  # Nurhayati's account
    home = demo_client.get("/").get_data(as_text=True)
    assert "Data sasaran balita Palangan" in home and "Sosialisasi tokoh agama" not in home
    assert demo_client.post(f"/rapat/tindak-lanjut/{item.id}",
                            data={"status": "proses", "note": "Sasaran 41 balita"}).status_code == 302
    db.session.refresh(item)
    assert item.status == "proses" and item.progress_note == "Sasaran 41 balita"
    for username, statuses in (("pokja.hanjalipan", (404,)), ("pokjanal.ttu", (404,)), ("dinkes.kotim", (404,))):
        login_as(demo_client, username)
        assert "Data sasaran balita Palangan" not in demo_client.get("/").get_data(as_text=True)
        assert demo_client.post(f"/rapat/tindak-lanjut/{item.id}",
                                data={"status": "selesai", "note": "x"}).status_code in statuses, username
    db.session.refresh(item)
    assert item.status == "proses"


def test_a_member_can_be_narasumber_with_jabatan_and_unsur_from_the_record(demo_client, login_as):
    members = _members()
    meeting = make_meeting(title="Bimtek Kader Posyandu ILP", invite_desa=False)
    meeting.kind = "bimtek"
    db.session.commit()
    login_as(demo_client, "pokjanal.kotabesi")
    foreign = demo_client.post(f"/rapat/{meeting.id}/narasumber",
                               data={"member_id": members["dr. Paulus Sanam"].id, "topic": "Gizi"})
    assert foreign.status_code == 422 and "Narasumber harus anggota lembaga ini" in foreign.get_data(as_text=True)
    assert not meeting.speakers
    assert demo_client.post(f"/rapat/{meeting.id}/narasumber", data={
        "member_id": members["Bdn. Lestari, Amd.Keb"].id, "name": "", "jabatan": "",
        "topic": "Pencatatan ILP"}).status_code == 302
    db.session.refresh(meeting)
    speaker = meeting.speakers[0]
    assert (speaker.name, speaker.jabatan) == ("Bdn. Lestari, Amd.Keb", "Koordinator Bidang Kesehatan, PKM Kota Besi")
    assert _bare("Bdn. Lestari, Amd.Keb Koordinator Bidang Kesehatan, PKM Kota Besi") in _pdf_text(demo_client, meeting.id)
    for username in ("pokja.palangan", "pokjanal.ttu"):  # a tier below, not invited; another kabupaten
        login_as(demo_client, username)
        assert demo_client.post(f"/rapat/{meeting.id}/narasumber", data={"name": "X", "topic": "Y"}).status_code == 404
    assert len(meeting.speakers) == 1
