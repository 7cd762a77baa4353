"""Meeting use cases: schedule, invite, take attendance, write and sign the minutes, follow action items up.

Each function checks with access.require, changes, audits and commits once; a refused change
raises Refused with a message in Bahasa Indonesia and the form field it concerns.
"""
from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy.orm.attributes import flag_modified

from webapp.access import Actor, require
from webapp.auth.models import Role, User
from webapp.clock import local_date, to_utc, utcnow
from webapp.audit import as_detail, audit
from webapp.extensions import db
from webapp.lembaga.queries import members_for_meeting, members_of
from webapp.meetings import queries, signed
from webapp.meetings import limits
from webapp.meetings.limits import room_for_action, room_for_agenda, room_for_participants
from webapp.meetings.revisions import keep_revision
from webapp.meetings.models import (
    ActionItem, ActionUpdate, AgendaItem, Attendance, Meeting, MeetingKind, MinutesComment,
    Participant,
)
from webapp.meetings.rules import ACTION_FLOW, ACTION_STEPS, BODY_ROLES, MINUTES_FLOW, runs_body
from webapp.refusal import Conflict, Refused, commit_or_conflict
from webapp.regions.models import Region, is_within
from webapp.regions.queries import setting_for
from webapp.workflow import Taken, take

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
STALE = "Notulen ini baru saja diubah orang lain. Muat ulang halaman untuk melihat perubahannya."


def new_checkin_code() -> str:
    """Six characters without look-alikes (no 0/O, 1/I), unused by any other meeting."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        if queries.meeting_by_code(code) is None:
            return code


def _user_with_role(user_id: int | None, region_code: str, roles: tuple[Role, ...]) -> User | None:
    user = db.session.get(User, user_id) if user_id else None
    if user is None or not user.is_enabled:
        return None
    return user if any(r.role in roles and r.region_code == region_code for r in user.roles) else None


def _body_member(member_id: int | None, region_code: str, field: str) -> int | None:
    """A member of this region's body (account or not), or None."""
    if not member_id:
        return None
    if member_id not in {m.id for m in members_for_meeting(region_code)}:
        raise Refused("Pilih anggota lembaga ini (lihat menu Lembaga).", field)
    return member_id


def create_meeting(actor: Actor, data: dict) -> Meeting:
    """Schedule a meeting of a body the actor runs; times are typed in the kabupaten's zone.
    The chair must be the body's approver and the note-taker one of its members."""
    region = db.session.get(Region, data["region_code"] or "")
    if region is None or not runs_body(actor, region.code):
        raise Refused("Pilih lembaga (wilayah) yang rapatnya Anda kelola.", "region_code")
    timezone = setting_for(region.code).timezone
    starts_at = to_utc(data["day"], data["starts"], timezone)
    ends_at = to_utc(data["day"], data["ends"], timezone) if data.get("ends") else None
    if ends_at is not None and ends_at <= starts_at:
        raise Refused("Jam selesai harus sesudah jam mulai (kosongkan untuk \"s.d. selesai\").", "ends")
    chair = _user_with_role(data["chair_id"], region.code, (Role.APPROVER,))
    if chair is None:
        raise Refused(f"Pimpinan rapat harus {region.approver_title} {region.label} (pejabat penyetuju lembaga ini).",
                      "chair_id")
    notulis = _user_with_role(data["notulis_id"], region.code, BODY_ROLES)
    if notulis is None:
        raise Refused("Notulis harus anggota lembaga ini.", "notulis_id")
    meeting = Meeting(region_code=region.code, kind=MeetingKind(data["kind"]), title=data["title"].strip(),
                      starts_at=starts_at, ends_at=ends_at, place=data["place"].strip(), chair_id=chair.id,
                      notulis_id=notulis.id, checkin_code=new_checkin_code(), created_by_id=actor.id,
                      chair_member_id=_body_member(data.get("chair_member_id"), region.code, "chair_member_id"),
                      notulis_member_id=_body_member(data.get("notulis_member_id"), region.code,
                                                     "notulis_member_id"))
    room_for_agenda(meeting, len(data.get("agenda") or []), "agenda")
    for position, title in enumerate(data.get("agenda") or [], start=1):
        meeting.agenda_items.append(AgendaItem(position=position, title=title[:200]))
    as_member = {m.user_id: m.id for m in members_for_meeting(region.code) if m.user_id}
    for user in (chair, notulis):  # on the list from the start; a member prints with jabatan and unsur
        if all(p.user_id != user.id for p in meeting.participants):
            meeting.participants.append(Participant(user_id=user.id, member_id=as_member.get(user.id)))
    db.session.add(meeting)
    db.session.flush()
    audit(actor.id, "meeting.created", f"{meeting.id} {meeting.title}")
    db.session.commit()
    return meeting


def _require_open(meeting: Meeting) -> None:
    if meeting.text_is_frozen:
        raise Refused("Notulen sudah final: rapat ini tidak dapat diubah lagi.")


def invite(actor: Actor, meeting: Meeting, region_codes: list[str], user_ids: list[int],
           member_ids: list[int] | None = None) -> int:
    """Invite whole bodies (their members: anggota and approver, never the kader of a desa, who are chosen
    one by one), single accounts and single members of the bodies (with or without an account), from the
    body and the tier below; those already on the list are skipped. Returns how many were added."""
    require(actor, "meeting.manage", meeting)
    _require_open(meeting)
    member_ids = member_ids or []
    allowed = {r.code for r in queries.invitable_regions(meeting.region)}
    if any(code not in allowed for code in region_codes):
        raise Refused("Lembaga itu bukan lembaga rapat ini atau satu tingkat di bawahnya.", "bodies")
    candidates = {u.id: (u, code) for u, code in queries.body_accounts(sorted(allowed))}
    if any(uid not in candidates for uid in user_ids):
        raise Refused("Akun itu bukan anggota lembaga ini atau satu tingkat di bawahnya.", "users")
    members = {m.id: m for m in members_of(sorted(allowed))}
    if any(mid not in members for mid in member_ids):
        raise Refused("Orang itu bukan anggota lembaga ini atau satu tingkat di bawahnya.", "members")
    if not region_codes and not user_ids and not member_ids:
        raise Refused("Pilih lembaga, anggota atau akun yang diundang.", "users")
    chosen = {u.id for u, _ in queries.people_of_body(region_codes, BODY_ROLES)} | set(user_ids)
    before = len(meeting.participants)
    added = _add_members(meeting, [members[mid] for mid in member_ids], chosen)
    present = {p.user_id for p in meeting.participants}
    new = sorted(chosen - present)
    if not new and not added:
        raise Refused("Semua yang dipilih sudah ada di daftar peserta.", "users")
    by_user = {m.user_id: m.id for m in members.values() if m.user_id}
    taken = {p.member_id for p in meeting.participants}
    for uid in new:  # an account that is a member prints with its jabatan and unsur
        member_id = by_user.get(uid) if by_user.get(uid) not in taken else None
        meeting.participants.append(Participant(user_id=uid, member_id=member_id))
    if len(meeting.participants) > limits.MAX_PARTICIPANTS:
        db.session.rollback()  # nothing added half-way
        room_for_participants(before, len(new) + added, "users")
    audit(actor.id, "meeting.invited", str(meeting.id), f"{len(new) + added} peserta")
    db.session.commit()
    return len(new) + added


def _add_members(meeting: Meeting, members: list, chosen: set[int]) -> int:
    """Members picked one by one: a member with an account joins (or marks) that account's row, one without
    an account gets a row of their own. Returns how many rows were added; `chosen` loses the accounts handled."""
    added = 0
    for member in members:
        if any(p.member_id == member.id for p in meeting.participants):
            chosen.discard(member.user_id)
            continue
        row = next((p for p in meeting.participants if member.user_id and p.user_id == member.user_id), None)
        if row is not None:
            row.member_id = row.member_id or member.id
        else:
            meeting.participants.append(Participant(user_id=member.user_id, member_id=member.id))
            added += 1
        chosen.discard(member.user_id)
    return added


def add_guest(actor: Actor, meeting: Meeting, data: dict, walk_in: bool = False) -> Participant:
    """A participant without an account; a walk-in is marked present on the spot."""
    require(actor, "meeting.manage", meeting)
    _require_open(meeting)
    name = " ".join((data.get("guest_name") or "").split())
    if not name:
        raise Refused("Tulis nama tamu.", "guest_name")
    room_for_participants(len(meeting.participants))
    if (data.get("sex") or "") not in ("L", "P", ""):
        raise Refused("Pilih L atau P.", "sex")
    phone = (data.get("phone") or "").strip()
    for other in meeting.participants:
        same_name = other.name.casefold() == name.casefold()
        if same_name and (other.instansi or "").casefold() == (data.get("instansi") or "").strip().casefold():
            raise Refused(f"{name} sudah ada di daftar peserta.", "guest_name")
        if phone and other.phone == phone:
            raise Refused(f"Nomor HP ini sudah dipakai peserta {other.name}.", "phone")
    participant = Participant(guest_name=name, jabatan=(data.get("jabatan") or "").strip(),
                              instansi=(data.get("instansi") or "").strip(), sex=data.get("sex") or "", phone=phone,
                              is_walk_in=walk_in)
    if walk_in:
        participant.attendance, participant.checked_in_at = Attendance.HADIR, utcnow()
    meeting.participants.append(participant)
    audit(actor.id, "meeting.guest_added", str(meeting.id), name)
    db.session.commit()
    return participant


def mark_attendance(actor: Actor, meeting: Meeting, participant: Participant, attendance: str) -> None:
    """hadir / izin / tidak hadir, marked by those who run the meeting."""
    require(actor, "meeting.manage", meeting)
    _require_open(meeting)
    before = participant.attendance
    try:
        participant.attendance = Attendance(attendance)
    except ValueError:
        raise Refused("Pilih hadir, izin atau tidak hadir.") from None
    audit(actor.id, "meeting.attendance", f"rapat {meeting.id}",
          as_detail({"peserta": participant.name, "kehadiran": [before, participant.attendance]}))
    db.session.commit()


def remove_participant(actor: Actor, meeting: Meeting, participant: Participant) -> None:
    require(actor, "meeting.manage", meeting)
    _require_open(meeting)
    if participant.user_id in (meeting.chair_id, meeting.notulis_id):
        raise Refused("Pimpinan rapat dan notulis tidak dapat dihapus dari daftar peserta.")
    meeting.participants.remove(participant)
    audit(actor.id, "meeting.participant_removed", str(meeting.id), participant.name)
    db.session.commit()


def check_in(actor: Actor, code: str, now: dt.datetime | None = None) -> Meeting:
    """Self check-in with the meeting's code: only an invited account, only on the meeting's day."""
    code = (code or "").strip().upper()
    meeting = queries.meeting_by_code(code) if code else None
    if meeting is None:
        raise Refused("Kode hadir tidak dikenal. Periksa lagi kode yang ditunjukkan notulis.", "code")
    participant = next((p for p in meeting.participants if p.user_id == actor.id), None)
    if participant is None:
        raise Refused("Anda tidak terdaftar sebagai peserta rapat ini. Minta notulis menambahkan Anda.", "code")
    timezone = setting_for(meeting.region_code).timezone
    if local_date(now or utcnow(), timezone) != local_date(meeting.starts_at, timezone):
        raise Refused("Daftar hadir rapat ini hanya dibuka pada hari rapat.", "code")
    if meeting.text_is_frozen:
        raise Refused("Notulen rapat ini sudah final.", "code")
    if participant.attendance != Attendance.HADIR:
        participant.attendance, participant.checked_in_at = Attendance.HADIR, now or utcnow()
        audit(actor.id, "meeting.checked_in", str(meeting.id))
        db.session.commit()
    return meeting


def save_minutes(actor: Actor, meeting: Meeting, data: dict, expected_version: int | None = None) -> None:
    """Opening, closing and each agenda item's discussion and decisions; every save keeps a revision."""
    require(actor, "minutes.edit", meeting)
    if expected_version is not None and expected_version != meeting.version:
        raise Conflict(STALE)
    by_id = {a.id: a for a in meeting.agenda_items}
    entries = data.get("items") or []
    if any(entry["id"] not in by_id for entry in entries):
        raise Refused("Butir agenda tidak ditemukan; muat ulang halaman.")
    if any(not (entry.get("title") or "").strip() for entry in entries):
        raise Refused("Judul agenda wajib diisi.")
    for entry in entries:
        item = by_id[entry["id"]]
        item.title = entry["title"].strip()[:200]
        item.discussion, item.decisions = entry.get("discussion") or "", entry.get("decisions") or ""
    meeting.opening, meeting.closing = data.get("opening") or "", data.get("closing") or ""
    flag_modified(meeting, "opening")  # every save moves the version on (optimistic lock)
    db.session.flush()
    keep_revision(actor, meeting)
    audit(actor.id, "minutes.saved", str(meeting.id))
    commit_or_conflict(STALE)


_BY_ID = {  # prefix: (column, the ids allowed for this meeting, the refusal)
    "u": ("responsible_user_id", lambda meeting: {p.user_id for p in meeting.participants},
          "Penanggung jawab harus peserta rapat ini."),
    "a": ("responsible_member_id", lambda meeting: {m.id for m in members_of(queries.invitable_codes(meeting))},
          "Anggota penanggung jawab harus anggota lembaga ini atau satu tingkat di bawahnya."),
    "m": ("responsible_mitra_id", lambda meeting: {m.id for m in queries.partners_of(meeting.region_code)},
          "Mitra penanggung jawab harus mitra kabupaten ini."),
}


def parse_responsible(meeting: Meeting, choice: str, agency: str) -> dict:
    """"u:<id>" an account invited to the meeting, "a:<id>" a member of the meeting's body or one tier
    below (account or not), "m:<id>" an active mitra of the kabupaten, "r:<code>" a body within the
    meeting's region, or a named agency typed in."""
    agency = (agency or "").strip()
    if choice and agency:
        raise Refused("Pilih penanggung jawab dari daftar atau tulis nama instansi, jangan keduanya.", "agency")
    prefix, _, key = choice.partition(":")
    if prefix in _BY_ID and key.isdigit():
        column, allowed, refusal = _BY_ID[prefix]
        if int(key) not in allowed(meeting):
            raise Refused(refusal, "responsible")
        return {column: int(key)}
    if prefix == "r":
        region = db.session.get(Region, key)
        if region is None or not is_within(region.code, meeting.region_code):
            raise Refused("Lembaga penanggung jawab harus di wilayah rapat ini.", "responsible")
        return {"responsible_region_code": region.code}
    if agency:
        return {"responsible_agency": agency[:200]}
    raise Refused("Pilih penanggung jawab atau tulis nama instansi.", "responsible")


def add_action_item(actor: Actor, meeting: Meeting, agenda_item: AgendaItem | None, data: dict) -> ActionItem:
    """A tindak lanjut decided under an agenda item: what, who, by when."""
    require(actor, "minutes.edit", meeting)
    what = (data.get("what") or "").strip()
    if not what:
        raise Refused("Tulis tindak lanjutnya.", "what")
    room_for_action(meeting)
    responsible = parse_responsible(meeting, data.get("responsible") or "", data.get("agency") or "")
    item = ActionItem(what=what, agenda_item_id=agenda_item.id if agenda_item else None, due_on=data.get("due_on"),
                      **responsible)
    meeting.action_items.append(item)
    db.session.flush()
    keep_revision(actor, meeting)
    audit(actor.id, "action.added", str(meeting.id), what[:100])
    db.session.commit()
    return item


def remove_action_item(actor: Actor, meeting: Meeting, item: ActionItem) -> None:
    require(actor, "minutes.edit", meeting)
    if item.meeting_id != meeting.id or item.updates:
        raise Refused("Tindak lanjut yang sudah dilaporkan tidak dapat dihapus.")
    meeting.action_items.remove(item)
    db.session.flush()
    keep_revision(actor, meeting)
    db.session.commit()


def advance(actor: Actor, meeting: Meeting, step: str) -> Taken:
    """Take a step of the minutes' flow: circulate (draft → circulated, participants read and comment),
    finalize (the chair signs; the text never changes afterwards) or lock (archive)."""
    pending = queries.followups_for(actor, meeting) if MINUTES_FLOW.may(actor, meeting, step) else []
    taken = take(actor, meeting, MINUTES_FLOW, step, subject=f"{meeting.id} {meeting.title}"[:120])
    if not taken.changed:
        return taken
    if step == "finalize":
        for follow_up in pending:  # what the signed minutes list, kept as of now
            if follow_up.report is None:
                follow_up.item.updates.append(ActionUpdate(status=follow_up.item.status, note="", by_id=actor.id,
                                                           meeting_id=meeting.id))
        meeting.finalized_at = taken.at
        db.session.flush()
        signed.freeze(actor, meeting)
        keep_revision(actor, meeting)
    commit_or_conflict(MINUTES_FLOW.stale)
    return taken


def comment(actor: Actor, meeting: Meeting, body: str) -> MinutesComment:
    require(actor, "minutes.comment", meeting)
    body = (body or "").strip()
    if not body:
        raise Refused("Tulis tanggapan Anda.", "body")
    note = MinutesComment(meeting_id=meeting.id, author_id=actor.id, body=body[:4000])
    db.session.add(note)
    audit(actor.id, "minutes.commented", f"rapat {meeting.id}", note.body)
    db.session.commit()
    return note


def update_action(actor: Actor, item: ActionItem, status: str, note: str, at_meeting: Meeting | None = None) -> ActionUpdate:
    """A progress report: by those responsible (from the home page) or recorded at a later meeting of the body."""
    require(actor, "action.update", item)
    if at_meeting is not None:
        require(actor, "minutes.edit", at_meeting)
        if at_meeting.region_code != item.meeting.region_code or at_meeting.starts_at <= item.meeting.starts_at:
            raise Refused("Laporan tindak lanjut dicatat di rapat berikutnya dari lembaga yang sama.")
    step = ACTION_STEPS.get(status)
    if step is None:
        raise Refused("Pilih status: terbuka, proses atau selesai.", "status")
    # finishing with nothing new to say: the progress note already reported is the evidence
    note = (note or "").strip() or (item.progress_note if step == "finish" else "")
    take(actor, item, ACTION_FLOW, step, note)
    update = item.updates[-1]
    update.meeting_id = at_meeting.id if at_meeting else None
    db.session.commit()
    return update
