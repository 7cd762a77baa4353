"""Meeting pages over HTTP: content, refusals (sibling 404, lower role 403), bad input (422, nothing saved),
htmx fragments, check-in, the home panels and the action item update."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from tests.meetings.helpers import PALANGAN, make_meeting, today_local, user_id
from webapp.extensions import db
from webapp.meetings.models import ActionItem, Attendance, Meeting, MinutesStatus, Participant


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _new_meeting_form(**overrides) -> dict:
    data = {"region_code": "62.02.01", "kind": "koordinasi", "title": "Rapat Pokjanal Kecamatan",
            "day": "2026-12-04", "starts": "09:35", "ends": "", "place": "Aula Kecamatan",
            "chair_id": str(user_id("camat.kotabesi")), "notulis_id": str(user_id("pokjanal.kotabesi")),
            "agenda": "Laporan Posyandu\nRencana BPB"}
    data.update(overrides)
    return data


def test_schedule_a_meeting_in_local_time(demo_client, login_as):
    login_as(demo_client, "pokjanal.kotabesi")
    page = demo_client.get("/rapat/baru").get_data(as_text=True)
    assert "Ahmad Yani, S.Sos" in page and "Kec. Kota Besi" in page
    response = demo_client.post("/rapat/baru", data=_new_meeting_form())
    assert response.status_code == 302
    meeting = db.session.scalar(select(Meeting))
    assert meeting.starts_at == dt.datetime(2026, 12, 4, 2, 35) and [a.title for a in meeting.agenda_items] == [
        "Laporan Posyandu", "Rencana BPB"]
    show = demo_client.get(f"/rapat/{meeting.id}").get_data(as_text=True)
    assert "Jumat, 4 Desember 2026" in show and "09.35 WIB s.d. selesai" in show


def test_bad_meeting_input_is_explained_and_nothing_saved(demo_client, login_as):
    login_as(demo_client, "pokjanal.kotabesi")
    response = demo_client.post("/rapat/baru", data=_new_meeting_form(title="", chair_id=str(user_id("pokja.palangan"))))
    assert response.status_code == 422 and "Wajib diisi." in response.get_data(as_text=True)
    response = demo_client.post("/rapat/baru", data=_new_meeting_form(chair_id=str(user_id("pokjanal.kotabesi"))))
    assert response.status_code == 422 and "Pimpinan rapat harus Camat" in response.get_data(as_text=True)
    response = demo_client.post("/rapat/baru", data=_new_meeting_form(ends="08:00"))
    assert response.status_code == 422 and "Jam selesai harus sesudah" in response.get_data(as_text=True)
    assert _count(Meeting) == 0


def test_lower_roles_cannot_run_a_meeting(demo_client, login_as):
    meeting = make_meeting()
    login_as(demo_client, "kader.palangan")
    assert demo_client.get("/rapat/baru").status_code == 403
    assert demo_client.get(f"/rapat/{meeting.id}/peserta").status_code == 403
    assert demo_client.post(f"/rapat/{meeting.id}/tamu", data={"guest_name": "X"}).status_code == 403
    page = demo_client.get(f"/rapat/{meeting.id}").get_data(as_text=True)  # invited: may see the meeting
    assert meeting.title in page and "Peserta &amp; kehadiran" not in page
    assert demo_client.get(f"/rapat/{meeting.id}/notulen").status_code == 404  # draft minutes are not circulated yet
    login_as(demo_client, "pokja.palangan")  # a desa member does not run the kecamatan's meeting
    assert demo_client.get(f"/rapat/{meeting.id}/peserta").status_code == 403


def test_invite_guests_and_attendance_with_htmx(demo_client, login_as):
    meeting = make_meeting(invite_desa=False)
    login_as(demo_client, "pokjanal.kotabesi")
    page = demo_client.get(f"/rapat/{meeting.id}/peserta").get_data(as_text=True)
    assert "Desa Palangan" in page and "Nurhayati" in page
    assert demo_client.post(f"/rapat/{meeting.id}/peserta", data={"bodies": [PALANGAN]}).status_code == 302
    listed = demo_client.get(f"/rapat/{meeting.id}/peserta").get_data(as_text=True)
    assert "Marlinae" in listed and 'value="{}"'.format(user_id("kader.palangan")) in listed  # kader still to choose
    kader = {"users": [str(user_id("kader.palangan"))]}
    assert demo_client.post(f"/rapat/{meeting.id}/peserta", data=kader).status_code == 302
    again = demo_client.post(f"/rapat/{meeting.id}/peserta", data=kader)
    assert again.status_code == 422 and "sudah ada di daftar peserta" in again.get_data(as_text=True)
    before = _count(Participant)
    nameless = demo_client.post(f"/rapat/{meeting.id}/tamu", data={"guest_name": "", "instansi": "Puskesmas"})
    assert nameless.status_code == 422 and "Tulis nama tamu." in nameless.get_data(as_text=True)
    assert _count(Participant) == before
    guest = demo_client.post(f"/rapat/{meeting.id}/tamu", data={"guest_name": "Bidan Rina", "instansi": "Puskesmas",
                                                               "sex": "P", "datang": "1"})
    assert guest.status_code == 302
    kader = db.session.scalar(select(Participant).where(Participant.user_id == user_id("kader.palangan")))
    fragment = demo_client.post(f"/rapat/{meeting.id}/peserta/{kader.id}/kehadiran", data={"attendance": "izin"},
                                headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in text and 'id="attendance"' in text
    assert "1 hadir dari" in text and "Izin" in text
    db.session.refresh(kader)
    assert kader.attendance == Attendance.IZIN


def test_check_in_with_the_code_and_clear_refusals(demo_client, login_as):
    meeting = make_meeting()
    login_as(demo_client, "pokjanal.kotabesi")
    qr = demo_client.get(f"/rapat/{meeting.id}/qr.svg")
    assert qr.mimetype == "image/svg+xml" and qr.data.startswith(b"<svg")
    assert meeting.checkin_code in demo_client.get(f"/rapat/{meeting.id}/qr").get_data(as_text=True)
    login_as(demo_client, "camat.baamang")
    refused = demo_client.post("/rapat/hadir", data={"code": meeting.checkin_code})
    assert refused.status_code == 422 and "tidak terdaftar sebagai peserta" in refused.get_data(as_text=True)
    login_as(demo_client, "kader.palangan")
    form = demo_client.get(f"/rapat/hadir?kode={meeting.checkin_code}").get_data(as_text=True)
    assert f'value="{meeting.checkin_code}"' in form
    assert demo_client.post("/rapat/hadir", data={"code": meeting.checkin_code}).status_code == 302
    assert "Hadir" in demo_client.get(f"/rapat/{meeting.id}").get_data(as_text=True)
    later = make_meeting(day=today_local() + dt.timedelta(days=2), title="Rapat lusa")
    not_today = demo_client.post("/rapat/hadir", data={"code": later.checkin_code})
    assert not_today.status_code == 422 and "hanya dibuka pada hari rapat" in not_today.get_data(as_text=True)


def test_final_minutes_cannot_be_edited(demo_client, login_as):
    meeting = make_meeting()
    login_as(demo_client, "pokjanal.kotabesi")
    item = meeting.agenda_items[0]
    data = {"opening": "Dibuka", "closing": "Ditutup", "items-0-id": item.id, "items-0-title": item.title,
            "items-0-discussion": "Bahas", "items-0-decisions": "Putus", "items-1-id": meeting.agenda_items[1].id,
            "items-1-title": "Rencana BPB", "version": meeting.version}
    assert demo_client.post(f"/rapat/{meeting.id}/notulen", data=data).status_code == 302
    stale = demo_client.post(f"/rapat/{meeting.id}/notulen", data=data)
    assert stale.status_code == 422 and "baru saja diubah orang lain" in stale.get_data(as_text=True)
    assert demo_client.post(f"/rapat/{meeting.id}/edarkan").status_code == 302
    login_as(demo_client, "kader.palangan")
    assert "Putus" in demo_client.get(f"/rapat/{meeting.id}/notulen").get_data(as_text=True)
    assert demo_client.post(f"/rapat/{meeting.id}/tanggapan", data={"body": "Nama posyandu salah"}).status_code == 302
    assert demo_client.post(f"/rapat/{meeting.id}/finalkan").status_code == 403
    login_as(demo_client, "camat.kotabesi")
    assert demo_client.post(f"/rapat/{meeting.id}/finalkan").status_code == 302
    db.session.refresh(meeting)
    assert meeting.status == MinutesStatus.FINAL
    login_as(demo_client, "pokjanal.kotabesi")
    data["version"] = meeting.version
    data["items-0-decisions"] = "Diubah setelah final"
    assert demo_client.post(f"/rapat/{meeting.id}/notulen", data=data).status_code == 403
    assert demo_client.post(f"/rapat/{meeting.id}/agenda", data={"title": "Baru"}).status_code == 403
    page = demo_client.get(f"/rapat/{meeting.id}/notulen").get_data(as_text=True)
    assert "Notulen sudah final" in page and "Simpan notulen" not in page
    db.session.refresh(item)
    assert item.decisions == "Putus"


def test_action_item_shows_on_the_responsible_home_page_and_updates(demo_client, login_as):
    from zoneinfo import ZoneInfo

    # started this hour: still among "Rapat yang mengundang Anda" (meetings from twelve hours ago on),
    # whatever the time of day the test runs
    meeting = make_meeting(start=dt.datetime.now(ZoneInfo("Asia/Pontianak")).time().replace(minute=0, second=0,
                                                                                              microsecond=0))
    login_as(demo_client, "pokjanal.kotabesi")
    bad = demo_client.post(f"/rapat/{meeting.id}/agenda/{meeting.agenda_items[0].id}/tindak-lanjut",
                           data={"what": "", "responsible": f"r:{PALANGAN}"})
    assert bad.status_code == 422 and "Tulis tindak lanjutnya." in bad.get_data(as_text=True)
    assert _count(ActionItem) == 0
    assert demo_client.post(f"/rapat/{meeting.id}/agenda/{meeting.agenda_items[0].id}/tindak-lanjut",
                            data={"what": "Rekap SKDN Palangan", "responsible": f"r:{PALANGAN}",
                                  "due_on": "2026-12-20"}).status_code == 302
    item = db.session.scalar(select(ActionItem))
    login_as(demo_client, "pokja.palangan")
    home = demo_client.get("/").get_data(as_text=True)
    assert "Rekap SKDN Palangan" in home and "20 Desember 2026" in home and "Rapat yang mengundang Anda" in home
    assert f'action="/rapat/tindak-lanjut/{item.id}"' in home  # the update form sits on the home page
    done = demo_client.post(f"/rapat/tindak-lanjut/{item.id}", data={"status": "selesai", "note": ""})
    assert done.status_code == 422 and "Tulis bukti" in done.get_data(as_text=True)
    assert demo_client.post(f"/rapat/tindak-lanjut/{item.id}",
                            data={"status": "proses", "note": "Data 3 posyandu masuk"}).status_code == 302
    db.session.refresh(item)
    assert item.status == "proses" and item.progress_note == "Data 3 posyandu masuk"
    login_as(demo_client, "kades.hanjalipan")  # invited to the meeting, but not responsible
    assert demo_client.get(f"/rapat/tindak-lanjut/{item.id}").status_code == 403
    login_as(demo_client, "camat.baamang")
    assert demo_client.get(f"/rapat/tindak-lanjut/{item.id}").status_code == 404


def test_nav_item_only_for_those_who_run_meetings(demo_client, login_as):
    login_as(demo_client, "pokjanal.kotabesi")
    assert ">Rapat<" in demo_client.get("/").get_data(as_text=True)
    login_as(demo_client, "kader.palangan")
    assert ">Rapat<" not in demo_client.get("/").get_data(as_text=True)


def test_minutes_steps_answer_409_in_the_wrong_state_and_say_so_on_a_double_tap(demo_client, login_as):
    meeting = make_meeting()
    login_as(demo_client, "camat.kotabesi")
    early = demo_client.post(f"/rapat/{meeting.id}/finalkan")  # the chair, but the minutes are still a draft
    assert early.status_code == 409 and "berstatus Draf" in early.get_data(as_text=True)
    assert demo_client.post(f"/rapat/{meeting.id}/edarkan").status_code == 302
    again = demo_client.post(f"/rapat/{meeting.id}/edarkan", follow_redirects=True)
    assert "Notulen sudah diedarkan." in again.get_data(as_text=True)
    login_as(demo_client, "pokja.palangan")  # invited, but no step of the minutes is theirs
    assert demo_client.post(f"/rapat/{meeting.id}/finalkan").status_code == 403
    db.session.expire_all()
    meeting = db.session.get(Meeting, meeting.id)
    assert meeting.status == MinutesStatus.CIRCULATED and [e.action for e in meeting.events] == ["circulate"]
