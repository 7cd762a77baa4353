"""Meeting use cases without HTTP: scheduling in the kabupaten's zone, invitations, guests, check-in,
minutes states and revisions, action items and their follow-up."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from tests.meetings.helpers import KOTA_BESI, PALANGAN, actor, make_meeting, today_local, user_id
from webapp.extensions import db
from webapp.meetings import queries, services
from webapp.meetings.models import ActionItem, ActionStatus, Attendance, Meeting, MinutesRevision, MinutesStatus
from webapp.refusal import Conflict, Refused


def test_local_time_is_stored_in_utc_and_shown_with_the_zone(demo_app):
    from webapp.meetings.pages import day_label, time_label

    meeting = make_meeting(day=dt.date(2025, 12, 5), start=dt.time(9, 35), invite_desa=False)
    assert meeting.starts_at == dt.datetime(2025, 12, 5, 2, 35)  # WIB is UTC+7
    assert day_label(meeting, "Asia/Pontianak") == "Jumat, 5 Desember 2025"
    assert time_label(meeting, "Asia/Pontianak") == "09.35 WIB s.d. selesai"
    meeting.ends_at = dt.datetime(2025, 12, 5, 5, 0)
    assert time_label(meeting, "Asia/Makassar") == "10.35 s.d. 13.00 WITA"


def test_chair_must_be_the_bodys_approver_and_nothing_is_saved_otherwise(demo_app):
    with pytest.raises(Refused) as refused:
        services.create_meeting(actor("pokjanal.kotabesi"), {
            "region_code": KOTA_BESI, "kind": "koordinasi", "title": "X", "day": dt.date(2026, 1, 5),
            "starts": dt.time(9), "ends": None, "place": "Aula", "chair_id": user_id("pokjanal.kotabesi"),
            "notulis_id": user_id("pokjanal.kotabesi"), "agenda": []})
    assert refused.value.field == "chair_id" and "Camat" in str(refused.value)
    db.session.rollback()
    assert db.session.scalar(select(Meeting.id)) is None


def test_a_sibling_body_cannot_schedule_a_kota_besi_meeting(demo_app):
    with pytest.raises(Refused):
        services.create_meeting(actor("camat.baamang"), {
            "region_code": KOTA_BESI, "kind": "koordinasi", "title": "X", "day": dt.date(2026, 1, 5),
            "starts": dt.time(9), "ends": None, "place": "Aula", "chair_id": user_id("camat.kotabesi"),
            "notulis_id": user_id("pokjanal.kotabesi"), "agenda": []})


def test_inviting_desa_bodies_adds_their_members_once_and_a_kader_only_when_chosen(demo_app):
    meeting = make_meeting(invite_desa=False)
    who = actor("pokjanal.kotabesi")
    assert services.invite(who, meeting, [PALANGAN, "62.02.01.2004"], []) == 4  # both kades, both pokja
    names = {p.name for p in meeting.participants}
    assert {"Ahmad Yani, S.Sos", "Sri Wahyuni", "Marlinae", "Siti Aminah", "Bahrudin"} <= names
    assert not {"Nurhayati", "Yuliana"} & names  # the kader of a desa are not the desa's body
    with pytest.raises(Refused) as refused:
        services.invite(who, meeting, [PALANGAN], [])
    assert "sudah ada" in str(refused.value)
    assert services.invite(who, meeting, [], [user_id("kader.palangan")]) == 1  # one by one, on purpose
    assert "Nurhayati" in {p.name for p in meeting.participants}


def test_guest_needs_a_name_and_is_not_added_twice(demo_app):
    meeting = make_meeting(invite_desa=False)
    who = actor("pokjanal.kotabesi")
    with pytest.raises(Refused) as refused:
        services.add_guest(who, meeting, {"guest_name": "  ", "instansi": "Puskesmas"})
    assert refused.value.field == "guest_name"
    services.add_guest(who, meeting, {"guest_name": "Bidan Rina", "instansi": "Puskesmas", "sex": "P"})
    with pytest.raises(Refused) as refused:
        services.add_guest(who, meeting, {"guest_name": "bidan  rina", "instansi": "puskesmas"})
    assert "sudah ada" in str(refused.value)
    walk_in = services.add_guest(who, meeting, {"guest_name": "Pak RT", "sex": "L"}, walk_in=True)
    assert walk_in.attendance == Attendance.HADIR and walk_in.is_walk_in
    assert len([p for p in meeting.participants if p.user_id is None]) == 2


def test_check_in_only_for_the_invited_and_only_on_the_day(demo_app):
    meeting = make_meeting()
    with pytest.raises(Refused) as refused:
        services.check_in(actor("kader.hanjalipan"), "ZZZZZZ")
    assert "tidak dikenal" in str(refused.value)
    with pytest.raises(Refused) as refused:
        services.check_in(actor("camat.baamang"), meeting.checkin_code)
    assert "tidak terdaftar" in str(refused.value)
    with pytest.raises(Refused) as refused:
        services.check_in(actor("kader.palangan"), meeting.checkin_code, now=meeting.starts_at + dt.timedelta(days=1))
    assert "hari rapat" in str(refused.value)
    services.check_in(actor("kader.palangan"), meeting.checkin_code.lower())
    me = next(p for p in meeting.participants if p.user_id == user_id("kader.palangan"))
    assert me.attendance == Attendance.HADIR and me.checked_in_at is not None


def _write_minutes(meeting, who="pokjanal.kotabesi"):
    items = [{"id": a.id, "title": a.title, "discussion": f"Bahas {a.title}", "decisions": f"Putusan {a.title}"}
             for a in meeting.agenda_items]
    services.save_minutes(actor(who), meeting, {"opening": "Dibuka 09.40", "closing": "Ditutup 11.00", "items": items})


def test_each_save_keeps_a_revision_and_final_text_cannot_change(demo_app):
    meeting = make_meeting()
    _write_minutes(meeting)
    _write_minutes(meeting)
    revisions = db.session.scalars(select(MinutesRevision).where(MinutesRevision.meeting_id == meeting.id)).all()
    assert [r.number for r in revisions] == [1, 2]
    assert json.loads(revisions[-1].snapshot)["agenda"][0]["decisions"] == "Putusan Laporan Posyandu"
    with pytest.raises(Conflict, match="berstatus Draf"):
        services.advance(actor("camat.kotabesi"), meeting, "finalize")  # the chair, but still a draft
    services.advance(actor("pokjanal.kotabesi"), meeting, "circulate")
    with pytest.raises(Forbidden):
        services.advance(actor("pokjanal.kotabesi"), meeting, "finalize")  # not the chair
    services.advance(actor("camat.kotabesi"), meeting, "finalize")
    assert meeting.status == MinutesStatus.FINAL
    with pytest.raises(Forbidden):
        _write_minutes(meeting)
    with pytest.raises(Forbidden):
        services.add_action_item(actor("pokjanal.kotabesi"), meeting, meeting.agenda_items[0],
                                 {"what": "x", "agency": "Dinkes"})
    with pytest.raises(Refused):
        services.mark_attendance(actor("pokjanal.kotabesi"), meeting, meeting.participants[0], "izin")
    db.session.refresh(meeting)
    assert meeting.agenda_items[0].decisions == "Putusan Laporan Posyandu"


def test_stale_minutes_save_is_refused(demo_app):
    meeting = make_meeting()
    with pytest.raises(Refused) as refused:
        services.save_minutes(actor("pokjanal.kotabesi"), meeting, {"opening": "x", "closing": "", "items": []},
                              expected_version=meeting.version - 1)
    assert "diubah orang lain" in str(refused.value)


def test_action_item_responsible_and_late_status(demo_app):
    meeting = make_meeting()
    who = actor("pokjanal.kotabesi")
    with pytest.raises(Refused) as refused:
        services.add_action_item(who, meeting, meeting.agenda_items[0], {"what": "Rekap", "responsible": ""})
    assert refused.value.field == "responsible"
    with pytest.raises(Refused):
        services.add_action_item(who, meeting, meeting.agenda_items[0], {"what": "Rekap", "responsible": "r:62.02.05"})
    item = services.add_action_item(who, meeting, meeting.agenda_items[0], {
        "what": "Rekap data SKDN", "responsible": f"r:{PALANGAN}", "due_on": today_local() - dt.timedelta(days=3)})
    assert item.responsible_label == "Pokja/Pokjanal Desa Palangan"
    assert item.is_late and item.status_label == "Terlambat"
    assert [i.id for i in queries.open_actions_for(actor("pokja.palangan"))] == [item.id]
    assert queries.open_actions_for(actor("kader.palangan")) == []
    assert queries.open_actions_for(actor("kades.hanjalipan")) == []
    with pytest.raises(Forbidden):
        services.update_action(actor("kades.hanjalipan"), item, "proses", "x")
    with pytest.raises(Refused) as refused:
        services.update_action(actor("pokja.palangan"), item, "selesai", "")
    assert refused.value.field == "note"
    services.update_action(actor("pokja.palangan"), item, "selesai", "Dikirim 3 Jan")
    assert not item.is_late and item.status_label == "Selesai"


def test_next_meeting_of_the_body_shows_open_items_and_records_reports(demo_app):
    first = make_meeting(day=today_local() - dt.timedelta(days=30))
    who = actor("pokjanal.kotabesi")
    done = services.add_action_item(who, first, first.agenda_items[0], {"what": "A", "responsible": f"r:{PALANGAN}"})
    late = services.add_action_item(who, first, first.agenda_items[1], {
        "what": "B", "agency": "Puskesmas Kota Besi", "due_on": today_local() - dt.timedelta(days=1)})
    second = make_meeting(title="Rapat berikutnya")
    assert [f.item.id for f in queries.followups_for(who, second)] == [done.id, late.id]
    services.update_action(who, done, "selesai", "Sudah dikirim", at_meeting=second)
    rows = queries.followups_for(who, second)
    assert [(f.item.id, f.report.note if f.report else None) for f in rows] == [(done.id, "Sudah dikirim"), (late.id, None)]
    assert queries.followups_for(who, first) == []
    with pytest.raises(Refused):
        services.update_action(who, late, "proses", "x", at_meeting=first)
    assert done.updates[0].meeting_id == second.id and done.status == ActionStatus.SELESAI
    services.advance(who, second, "circulate")
    services.advance(actor("camat.kotabesi"), second, "finalize")  # the signed minutes keep the list as it was
    services.update_action(actor("pokjanal.kotabesi"), late, "selesai", "Pelatihan selesai")
    rows = queries.followups_for(who, second)
    assert [(f.item.id, f.status_label) for f in rows] == [(done.id, "Selesai"), (late.id, "Terlambat")]


def test_comments_while_circulated_then_lock(demo_app):
    meeting = make_meeting()
    with pytest.raises(Forbidden):
        services.comment(actor("kader.palangan"), meeting, "Terlalu awal")  # a draft is not circulated yet
    services.advance(actor("pokjanal.kotabesi"), meeting, "circulate")
    with pytest.raises(Refused) as refused:
        services.comment(actor("kader.palangan"), meeting, "  ")
    assert refused.value.field == "body"
    services.comment(actor("kader.palangan"), meeting, "Nama Posyandu Melati tertulis salah")
    with pytest.raises(Forbidden):
        services.comment(actor("camat.baamang"), meeting, "Bukan peserta")
    with pytest.raises(Refused):
        services.advance(actor("pokjanal.kotabesi"), meeting, "lock")  # only final minutes are archived
    services.advance(actor("camat.kotabesi"), meeting, "finalize")
    services.advance(actor("pokjanal.kotabesi"), meeting, "lock")
    assert meeting.status == MinutesStatus.LOCKED
    with pytest.raises(Forbidden):
        services.comment(actor("kader.palangan"), meeting, "Sesudah dikunci")
    assert [c.body for c in queries.comments(meeting)] == ["Nama Posyandu Melati tertulis salah"]


def test_only_the_assignee_and_its_tier_update_an_action_item_never_the_admin_or_another_region(
        demo_client, login_as):
    """Issue 23: action.update was granted to every role; only the assignee and its body's members update."""
    meeting = make_meeting()
    item = services.add_action_item(actor("pokjanal.kotabesi"), meeting, meeting.agenda_items[0],
                                    {"what": "Rekap data SKDN", "responsible": f"r:{PALANGAN}"})
    for who, status in (("admin.kotim", 404), ("admin.ttu", 404), ("camat.baamang", 404), ("kader.palangan", 403),
                        ("kades.hanjalipan", 403)):
        login_as(demo_client, who)
        answer = demo_client.post(f"/rapat/tindak-lanjut/{item.id}", data={"status": "selesai", "note": "x"})
        assert answer.status_code == status, who
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).status == ActionStatus.TERBUKA
    login_as(demo_client, "pokja.palangan")  # the body it is assigned to
    assert demo_client.post(f"/rapat/tindak-lanjut/{item.id}", data={"status": "proses", "note": "Mulai"}).status_code == 302
    login_as(demo_client, "kades.palangan")  # another member of that body
    assert demo_client.post(f"/rapat/tindak-lanjut/{item.id}", data={"status": "selesai", "note": "Dikirim"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).status == ActionStatus.SELESAI
