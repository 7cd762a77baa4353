"""Object rules for meetings: who sees, runs, comments on and signs a meeting, and who updates an action item.
"""
from __future__ import annotations

from webapp.access import Actor, can
from webapp.auth.models import Role
from webapp.lembaga.queries import ketua_of
from webapp.meetings.models import (
    ACTION_LABELS, INVITATION_LABELS, STATUS_LABELS, ActionItem, ActionStatus, ActionUpdate, InvitationEvent,
    InvitationStatus, Meeting, MinutesEvent, MinutesStatus,
)
from webapp.workflow import DONE_NOTE, Entry, Flow, Step

BODY_ROLES = (Role.ANGGOTA, Role.APPROVER)


def is_participant(actor: Actor, meeting: Meeting) -> bool:
    return any(p.user_id == actor.id for p in meeting.participants)


def runs_body(actor: Actor, region_code: str) -> bool:
    """Members of the body itself (own tier only) run its meetings."""
    return any(g.region_code == region_code for g in actor.grants_for("meeting.manage"))


def _view(actor: Actor, meeting: Meeting | None) -> bool:
    """The body's subtree sees a meeting; so does everyone invited to it."""
    if meeting is None:
        return actor.has("meeting.view")
    return actor.covers("meeting.view", meeting.region_code) or is_participant(actor, meeting)


def _manage(actor: Actor, meeting: Meeting | None) -> bool:
    """The body's own members and the note-taker run a meeting (invitations, attendance, minutes)."""
    if meeting is None:
        return actor.has("meeting.manage")
    return runs_body(actor, meeting.region_code) or actor.id == meeting.notulis_id


def _edit(actor: Actor, meeting: Meeting) -> bool:
    """Minutes text changes only while draft or circulated."""
    return not meeting.text_is_frozen and _manage(actor, meeting)


def _read(actor: Actor, meeting: Meeting) -> bool:
    """Participants read the minutes once circulated; those who run the meeting read the draft too."""
    if _manage(actor, meeting):
        return True
    return meeting.status != MinutesStatus.DRAFT and _view(actor, meeting)


def _comment(actor: Actor, meeting: Meeting) -> bool:
    """Participants with accounts comment on circulated minutes."""
    return meeting.status == MinutesStatus.CIRCULATED and (is_participant(actor, meeting) or _manage(actor, meeting))


def _sign(actor: Actor, meeting: Meeting | None) -> bool:
    """Only the chair, an approver of the body, signs the minutes (the flow says when)."""
    if meeting is None:
        return actor.has("meeting.sign")
    return actor.id == meeting.chair_id and actor.covers("meeting.sign", meeting.region_code)


def _sign_invitation(actor: Actor, meeting: Meeting | None) -> bool:
    """The undangan is signed for the body by the ketua its SK names (through the ketua's linked account) or,
    "a.n. Ketua", by the approver of the body's own tier (camat, kepala desa, bupati)."""
    if meeting is None:
        return actor.has("meeting.sign") or actor.has("meeting.manage")
    if any(g.region_code == meeting.region_code for g in actor.grants_for("meeting.sign")):
        return True
    ketua = ketua_of(meeting.region_code)
    return ketua is not None and ketua.user_id is not None and ketua.user_id == actor.id


def is_responsible(actor: Actor, item: ActionItem) -> bool:
    """The responsible user or body member (through the member's linked account), the responsible mitra's
    staff, or a member of the responsible region's body."""
    if item.responsible_user_id == actor.id:
        return True
    member = item.responsible_member
    if member is not None and member.user_id == actor.id:
        return True
    mitra = item.responsible_mitra
    if mitra is not None and {mitra.id, mitra.parent_id} & actor.mitra_ids:
        return True  # the mitra's staff, or the staff of the agency the unit belongs to
    code = item.responsible_region_code
    return code is not None and any(g.role in BODY_ROLES and g.region_code == code for g in actor.grants)


def _update_action(actor: Actor, item: ActionItem | None) -> bool:
    """Those responsible report progress; the body that gave the item records reports at its meetings."""
    if item is None:
        return actor.has("action.update")
    return is_responsible(actor, item) or runs_body(actor, item.meeting.region_code)


def _record(meeting: Meeting, entry: Entry) -> None:
    meeting.events.append(MinutesEvent.from_entry(entry))


def _role(actor: Actor, meeting: Meeting, step: Step) -> str:
    return "Pimpinan rapat" if step.name == "finalize" else ("Notulis" if actor.id == meeting.notulis_id else "Anggota")


MINUTES_FLOW = Flow(
    name="minutes", noun="Notulen ini", state_labels={s.value: label for s, label in STATUS_LABELS.items()},
    record=_record, role_of=_role,
    stale="Notulen ini baru saja diubah orang lain. Muat ulang halaman untuk melihat perubahannya.",
    steps=(
        Step("circulate", frozenset({MinutesStatus.DRAFT}), MinutesStatus.CIRCULATED, _manage, "Edarkan",
             "Notulen sudah diedarkan."),
        Step("finalize", frozenset({MinutesStatus.CIRCULATED}), MinutesStatus.FINAL, _sign, "Tandatangani (final)",
             "Notulen sudah final."),
        Step("lock", frozenset({MinutesStatus.FINAL}), MinutesStatus.LOCKED, _manage, "Kunci (arsip)",
             "Notulen sudah dikunci."),
    ),
)

def _record_invitation(meeting: Meeting, entry: Entry) -> None:
    meeting.invitation_events.append(InvitationEvent.from_entry(entry))


def _invitation_role(actor: Actor, meeting: Meeting, step: Step) -> str:
    return "Penanda tangan" if step.name in ("approve", "return") else "Sekretariat"


INVITATION_FLOW = Flow(
    name="invitation", noun="Undangan ini", state_attr="invitation_status",
    state_labels={s.value: label for s, label in INVITATION_LABELS.items()},
    record=_record_invitation, role_of=_invitation_role,
    stale="Rapat ini baru saja diubah orang lain. Muat ulang halaman untuk melihat perubahannya.",
    steps=(
        Step("submit", frozenset({InvitationStatus.DRAF}), InvitationStatus.DIAJUKAN, _manage,
             "Ajukan untuk ditandatangani", "Undangan sudah diajukan untuk ditandatangani."),
        Step("approve", frozenset({InvitationStatus.DIAJUKAN}), InvitationStatus.TERBIT, _sign_invitation,
             "Setujui dan terbitkan", "Undangan sudah diterbitkan."),
        Step("return", frozenset({InvitationStatus.DIAJUKAN}), InvitationStatus.DRAF, _sign_invitation,
             "Kembalikan untuk diperbaiki", "Undangan sudah dikembalikan.",
             note_required="Tulis apa yang perlu diperbaiki pada undangan."),
        Step("reopen", frozenset({InvitationStatus.TERBIT}), InvitationStatus.DRAF, _manage,
             "Ubah undangan (terbitkan ulang)", "Undangan sudah dibuka untuk diubah."),
    ),
)

def _reports_on(actor: Actor, item: ActionItem) -> bool:
    """Whoever the "action.update" rule lets report on the item (the flow asks the rule, never the state)."""
    return can(actor, "action.update", item)


def _record_action(item: ActionItem, entry: Entry) -> None:
    """Each report is an ActionUpdate; a note becomes the item's standing progress note."""
    item.updated_at = entry.at
    if entry.note:
        item.progress_note = entry.note[:4000]
    item.updates.append(ActionUpdate(status=entry.step.target, note=entry.note[:4000], by_id=entry.actor_id,
                                     at=entry.at))


EVERY_ACTION_STATE = frozenset(ActionStatus)
ACTION_FLOW = Flow(
    name="action", noun="Tindak lanjut ini", state_labels={s.value: label for s, label in ACTION_LABELS.items()},
    record=_record_action,
    steps=(  # a report may say any of the three states from any state: each report is kept, as at a meeting
        Step("open", EVERY_ACTION_STATE, ActionStatus.TERBUKA, _reports_on, "Terbuka",
             "Tindak lanjut tercatat terbuka."),
        Step("start", EVERY_ACTION_STATE, ActionStatus.PROSES, _reports_on, "Proses",
             "Tindak lanjut sedang dikerjakan."),
        Step("finish", EVERY_ACTION_STATE, ActionStatus.SELESAI, _reports_on, "Selesai",
             "Tindak lanjut sudah selesai.", note_required=DONE_NOTE),
    ),
)
ACTION_STEPS = {step.target: step.name for step in ACTION_FLOW.steps}  # the form's status -> its step

RULES = {
    "meeting.view": _view, "meeting.manage": _manage, "meeting.sign": _sign, "minutes.edit": _edit,
    "minutes.read": _read, "minutes.comment": _comment, "action.update": _update_action, **MINUTES_FLOW.rules(),
    **INVITATION_FLOW.rules(), **ACTION_FLOW.rules(),
}
