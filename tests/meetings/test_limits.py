"""What a meeting can hold and how long its PDF may take (issue 23): the time budget holds in any thread,
a meeting refuses the agenda item, action item or guest past its limit at the field, and an agenda item
can be removed until the minutes are signed."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from tests.meetings.helpers import PALANGAN, actor, make_meeting
from webapp.extensions import db
from webapp.meetings import limits, services
from webapp.meetings.models import ActionItem, AgendaItem, Meeting, Participant


def _in_a_worker_thread(work):
    """Run `work` in a thread that is not the main one, as gunicorn's gthread workers serve requests."""
    answers = []
    worker = threading.Thread(target=lambda: answers.append(work()))
    worker.start()
    worker.join()
    assert threading.current_thread() is threading.main_thread() and answers
    return answers[0]


def test_the_pdf_time_budget_holds_in_a_thread_that_is_not_the_main_one(demo_app, demo_client, login_as):
    meeting_id = make_meeting().id
    login_as(demo_client, "pokjanal.kotabesi")
    demo_app.config["PDF_TIME_BUDGET_SECONDS"] = 0.001

    def render():
        response = demo_client.get(f"/rapat/{meeting_id}/notulen.pdf")
        return response.status_code, response.mimetype, response.data.decode(errors="replace")

    status, _, page = _in_a_worker_thread(render)
    assert status == 422 and "Dokumen ini terlalu besar untuk dibuat sekarang (lebih dari 0.001 detik)" in page
    demo_app.config["PDF_TIME_BUDGET_SECONDS"] = 20
    status, mimetype, _ = _in_a_worker_thread(render)
    assert (status, mimetype) == (200, "application/pdf")


def test_a_deadline_that_ends_in_time_leaves_nothing_pending_for_the_thread():
    from webapp.pdf import PdfTooSlow, time_budget

    def quick():
        with time_budget(30):
            total = sum(range(1000))
        try:
            with time_budget(0.001):
                while True:
                    total += 1
        except PdfTooSlow as error:
            caught = error.args
        return total > 0, caught, sum(range(100_000))  # no stray exception after the budget has ended

    assert _in_a_worker_thread(quick) == (True, (0.001,), 4_999_950_000)


def _agenda_count(meeting_id: int) -> int:
    return db.session.scalar(select(func.count(AgendaItem.id)).where(AgendaItem.meeting_id == meeting_id))


def test_a_61st_agenda_item_is_refused_at_its_field_and_the_minutes_still_open(demo_client, login_as):
    meeting = make_meeting(agenda=[f"Agenda {n}" for n in range(1, 61)])
    login_as(demo_client, "pokjanal.kotabesi")
    answer = demo_client.post(f"/rapat/{meeting.id}/agenda", data={"title": "Agenda 61"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422 and "Satu rapat paling banyak 60 butir agenda." in page
    assert 'value="Agenda 61"' in page  # the form keeps what was typed
    assert _agenda_count(meeting.id) == 60
    db.session.add(AgendaItem(meeting_id=meeting.id, position=61, title="Dari data lama"))  # held before the limit
    db.session.commit()
    minutes = demo_client.get(f"/rapat/{meeting.id}/notulen")
    assert minutes.status_code == 200 and "Dari data lama" in minutes.get_data(as_text=True)


def test_a_new_meeting_with_more_agenda_lines_than_allowed_is_refused_at_the_agenda_field(demo_app):
    from webapp.refusal import Refused

    with pytest.raises(Refused) as refused:
        make_meeting(agenda=[f"Agenda {n}" for n in range(1, 62)])
    assert refused.value.field == "agenda" and "60 butir agenda" in str(refused.value)
    db.session.rollback()
    assert db.session.scalar(select(func.count(Meeting.id))) == 0


def test_action_items_past_the_limit_are_refused_at_the_field(demo_client, login_as, monkeypatch):
    meeting = make_meeting()
    agenda_id = meeting.agenda_items[0].id
    monkeypatch.setattr(limits, "MAX_ACTION_ITEMS", 2)
    login_as(demo_client, "pokjanal.kotabesi")
    for n in (1, 2, 3):
        answer = demo_client.post(f"/rapat/{meeting.id}/agenda/{agenda_id}/tindak-lanjut",
                                  data={"what": f"Tindak lanjut {n}", "agency": "Puskesmas Kota Besi"})
    assert answer.status_code == 422
    assert "Satu rapat paling banyak 2 tindak lanjut." in answer.get_data(as_text=True)
    assert db.session.scalar(select(func.count(ActionItem.id))) == 2


def test_guests_and_invitations_past_the_limit_are_refused_and_nothing_is_added(demo_client, login_as, monkeypatch):
    meeting = make_meeting(invite_desa=False)
    present = len(meeting.participants)
    monkeypatch.setattr(limits, "MAX_PARTICIPANTS", present + 1)
    login_as(demo_client, "pokjanal.kotabesi")
    guest = {"guest_name": "Bidan Rina", "sex": "P"}
    assert demo_client.post(f"/rapat/{meeting.id}/tamu", data=guest).status_code == 302
    refused = demo_client.post(f"/rapat/{meeting.id}/tamu", data=guest | {"guest_name": "Bidan Sari"})
    assert refused.status_code == 422
    assert "Satu rapat paling banyak 3 peserta (sisa tempat: 0)." in refused.get_data(as_text=True)
    with pytest.raises(Exception, match="paling banyak 3 peserta"):
        services.invite(actor("pokjanal.kotabesi"), db.session.get(Meeting, meeting.id), [PALANGAN], [])
    db.session.rollback()
    assert db.session.scalar(select(func.count(Participant.id))) == present + 1


def test_an_agenda_item_is_removed_with_its_action_items_until_the_minutes_are_signed(demo_client, login_as):
    meeting = make_meeting(agenda=["Satu", "Dua", "Tiga"])
    who = actor("pokjanal.kotabesi")
    first, second = meeting.agenda_items[0], meeting.agenda_items[1]
    services.add_action_item(who, meeting, first, {"what": "Rekap", "agency": "Puskesmas Kota Besi"})
    for username, status in (("camat.baamang", 404), ("kader.palangan", 403)):
        login_as(demo_client, username)
        assert demo_client.post(f"/rapat/{meeting.id}/agenda/{first.id}/hapus").status_code == status, username
    login_as(demo_client, "pokjanal.kotabesi")
    assert "Hapus agenda ini beserta tindak lanjutnya" in demo_client.get(f"/rapat/{meeting.id}/notulen").get_data(
        as_text=True)
    assert demo_client.post(f"/rapat/{meeting.id}/agenda/{first.id}/hapus").status_code == 302
    db.session.expire_all()
    meeting = db.session.get(Meeting, meeting.id)
    assert [(a.position, a.title) for a in meeting.agenda_items] == [(1, "Dua"), (2, "Tiga")]
    assert meeting.action_items == []
    services.advance(who, meeting, "circulate")
    services.advance(actor("camat.kotabesi"), meeting, "finalize")
    assert demo_client.post(f"/rapat/{meeting.id}/agenda/{second.id}/hapus").status_code == 403
    db.session.expire_all()
    assert _agenda_count(meeting.id) == 2
