"""The laporan pelaksanaan kegiatan of a bimtek, advokasi or sosialisasi: dasar, maksud dan tujuan,
narasumber and materi, and up to six photos. Each function checks, changes, audits and commits once;
like the minutes, nothing changes once they are final."""
from __future__ import annotations

import hashlib

from webapp.access import Actor, require
from webapp.audit import audit
from webapp.extensions import db
from webapp.lembaga.queries import members_of
from webapp.meetings import photos
from webapp.meetings.queries import invitable_codes
from webapp.meetings.models import Meeting, MeetingPhoto, Speaker
from webapp.refusal import Refused

MAX_PHOTOS = 6


def _editable(actor: Actor, meeting: Meeting) -> None:
    require(actor, "minutes.edit", meeting)  # draft or circulated, by those who run the meeting
    if not meeting.is_activity:
        raise Refused("Laporan kegiatan hanya untuk bimtek, advokasi dan sosialisasi; rapat memakai notulen.")


def save_intro(actor: Actor, meeting: Meeting, data: dict) -> None:
    """Dasar and maksud dan tujuan (chapter I of the report)."""
    _editable(actor, meeting)
    meeting.basis = (data.get("basis") or "").strip()[:4000]
    meeting.purpose = (data.get("purpose") or "").strip()[:4000]
    audit(actor.id, "activity.saved", str(meeting.id))
    db.session.commit()


def add_speaker(actor: Actor, meeting: Meeting, data: dict) -> Speaker:
    """A narasumber with jabatan/instansi and the title of the materi: a member of the body or one tier
    below (name and jabatan from the member record unless typed), or anyone named."""
    _editable(actor, meeting)
    name, topic = " ".join((data.get("name") or "").split()), " ".join((data.get("topic") or "").split())
    jabatan = (data.get("jabatan") or "").strip()
    member = _member(meeting, data.get("member_id"))
    if member is not None:
        name, jabatan = name or member.name, jabatan or ", ".join(p for p in (member.jabatan_label, member.unsur) if p)
    if not name:
        raise Refused("Pilih anggota lembaga atau tulis nama narasumber.", "name")
    if not topic:
        raise Refused("Tulis judul materi yang disampaikan.", "topic")
    speaker = Speaker(name=name[:120], jabatan=jabatan[:200], topic=topic[:240],
                      member_id=member.id if member else None)
    meeting.speakers.append(speaker)
    audit(actor.id, "activity.speaker_added", str(meeting.id), name[:100])
    db.session.commit()
    return speaker


def _member(meeting: Meeting, member_id: int | None):
    """A member of the meeting's body or a body one tier below, or None when none was picked."""
    if not member_id:
        return None
    member = next((m for m in members_of(invitable_codes(meeting)) if m.id == member_id), None)
    if member is None:
        raise Refused("Narasumber harus anggota lembaga ini atau satu tingkat di bawahnya.", "member_id")
    return member


def remove_speaker(actor: Actor, meeting: Meeting, speaker: Speaker) -> None:
    _editable(actor, meeting)
    meeting.speakers.remove(speaker)
    audit(actor.id, "activity.speaker_removed", str(meeting.id), speaker.name)
    db.session.commit()


def add_photo(actor: Actor, meeting: Meeting, data: bytes, caption: str) -> MeetingPhoto:
    """Up to six photos, each re-encoded on the server (≤ 200 KB, EXIF stripped)."""
    _editable(actor, meeting)
    if len(meeting.photos) >= MAX_PHOTOS:
        raise Refused(f"Paling banyak {MAX_PHOTOS} foto dokumentasi.", "photo")
    if not data:
        raise Refused("Pilih foto yang diunggah.", "photo")
    jpeg = photos.shrink(data)
    photo = MeetingPhoto(data=jpeg, sha256=hashlib.sha256(jpeg).hexdigest(), caption=(caption or "").strip()[:200])
    meeting.photos.append(photo)
    audit(actor.id, "activity.photo_added", str(meeting.id), f"{len(jpeg)} B")
    db.session.commit()
    return photo


def remove_photo(actor: Actor, meeting: Meeting, photo: MeetingPhoto) -> None:
    _editable(actor, meeting)
    meeting.photos.remove(photo)
    audit(actor.id, "activity.photo_removed", str(meeting.id))
    db.session.commit()
