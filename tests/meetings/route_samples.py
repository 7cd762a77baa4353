"""Route-sweep samples for the meeting routes: a bimtek (with a guest, an agenda item and an action item, and on
demand a narasumber and a photo) lying in the given region's subtree, made on first use."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests.route_samples import sample, within
from webapp.auth.models import RoleAssignment
from webapp.extensions import db
from webapp.meetings.models import ActionItem, AgendaItem, Meeting, Participant


def _meeting_in(region_code: str) -> Meeting | None:
    meeting = db.session.scalar(select(Meeting).where(within(Meeting.region_code, region_code))
                                .order_by(Meeting.id).limit(1))
    if meeting is not None:
        return meeting
    user_id = db.session.scalar(select(RoleAssignment.user_id).where(within(RoleAssignment.region_code, region_code))
                                .order_by(RoleAssignment.region_code, RoleAssignment.user_id).limit(1))
    if user_id is None:
        return None
    meeting = Meeting(region_code=region_code, kind="bimtek", title=f"Bimtek sampel {region_code}",
                      starts_at=dt.datetime(2026, 11, 2, 2, 0), place="Aula", chair_id=user_id, notulis_id=user_id,
                      checkin_code=f"S{abs(hash(region_code)) % 10**6:06d}"[:8])
    meeting.participants.append(Participant(guest_name="Tamu Sampel", sex="P"))
    agenda = AgendaItem(position=1, title="Agenda sampel")
    meeting.agenda_items.append(agenda)
    db.session.add(meeting)
    db.session.flush()
    meeting.action_items.append(ActionItem(what="Tindak lanjut sampel", agenda_item_id=agenda.id,
                                           responsible_region_code=region_code))
    db.session.commit()
    return meeting


@sample("meeting_id")
def _meeting(region_code: str):
    meeting = _meeting_in(region_code)
    return meeting.id if meeting else None


@sample("participant_id")
def _participant(region_code: str):
    meeting = _meeting_in(region_code)
    return meeting.participants[0].id if meeting else None


@sample("agenda_id")
def _agenda(region_code: str):
    meeting = _meeting_in(region_code)
    return meeting.agenda_items[0].id if meeting else None


@sample("action_id")
def _action(region_code: str):
    meeting = _meeting_in(region_code)
    return meeting.action_items[0].id if meeting else None


@sample("speaker_id")
def _speaker(region_code: str):
    from webapp.meetings.models import Speaker

    meeting = _meeting_in(region_code)
    if meeting is None:
        return None
    if not meeting.speakers:
        meeting.speakers.append(Speaker(name="Narasumber Sampel", topic="Materi sampel"))
        db.session.commit()
    return meeting.speakers[0].id


@sample("photo_id")
def _photo(region_code: str):
    import hashlib

    from webapp.meetings.models import MeetingPhoto

    meeting = _meeting_in(region_code)
    if meeting is None:
        return None
    if not meeting.photos:
        data = b"\xff\xd8\xff\xe0sampel"
        meeting.photos.append(MeetingPhoto(data=data, sha256=hashlib.sha256(data).hexdigest()))
        db.session.commit()
    return meeting.photos[0].id
