"""Route-sweep samples for the meeting routes: a bimtek of the region's own body (chaired and minuted by its
approver, with a guest, an agenda item and an action item, and on demand a narasumber and a photo) lying in the
given region's subtree, made on first use through the tests' meeting factory."""
from __future__ import annotations

from tests.meetings.helpers import make_meeting
from tests.route_samples import approver_of, object_samples, sample
from webapp.access import Actor
from webapp.meetings import activity, services
from webapp.meetings.models import Meeting


def _make(region_code: str) -> Meeting | None:
    chair = approver_of(region_code)
    if chair is None:
        return None
    who = Actor(chair)
    meeting = make_meeting(region_code=region_code, by=who, chair_id=chair.id, notulis_id=chair.id, kind="bimtek",
                           title=f"Bimtek sampel {region_code}", agenda=("Agenda sampel",), invite_desa=False)
    services.add_guest(who, meeting, {"guest_name": "Tamu Sampel", "sex": "P"})
    services.add_action_item(who, meeting, meeting.agenda_items[0],
                             {"what": "Tindak lanjut sampel", "responsible": f"r:{region_code}"})
    return meeting


_meeting_in = object_samples(Meeting, _make, meeting_id=lambda m: m.id,
                             participant_id=lambda m: m.participants[-1].id,  # the guest
                             agenda_id=lambda m: m.agenda_items[0].id, action_id=lambda m: m.action_items[0].id)


def _runner(meeting: Meeting) -> Actor:
    return Actor(approver_of(meeting.region_code))


@sample("speaker_id")
def _speaker(region_code: str):
    meeting = _meeting_in(region_code)
    if meeting is None:
        return None
    if not meeting.speakers:
        activity.add_speaker(_runner(meeting), meeting, {"name": "Narasumber Sampel", "topic": "Materi sampel"})
    return meeting.speakers[0].id


@sample("photo_id")
def _photo(region_code: str):
    import io

    from PIL import Image

    meeting = _meeting_in(region_code)
    if meeting is None:
        return None
    if not meeting.photos:
        jpeg = io.BytesIO()
        Image.new("RGB", (8, 8), "white").save(jpeg, "JPEG")
        activity.add_photo(_runner(meeting), meeting, jpeg.getvalue(), "Foto sampel")
    return meeting.photos[0].id
