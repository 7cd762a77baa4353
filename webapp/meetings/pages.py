"""What the meeting views show: forms with their scoped choices, page contexts and the QR picture."""
from __future__ import annotations

import io


from webapp.access import Actor, can
from webapp.auth.models import Role
from webapp.clock import local_time
from webapp.formatting import jam, tanggal
from webapp.lembaga.queries import member_options, members_for_meeting
from webapp.meetings import queries
from webapp.meetings.forms import (
    ActionForm, ActionUpdateForm, AgendaForm, CommentForm, GuestForm, InviteForm, MeetingForm, MinutesForm,
    SpeakerForm,
)
from webapp.meetings.models import Meeting
from webapp.meetings.rules import BODY_ROLES, INVITATION_FLOW, MINUTES_FLOW
from webapp.regions.models import ZONE_SUFFIX
from webapp.regions.queries import setting_for
from webapp.rendering import render


def time_label(meeting: Meeting, timezone: str) -> str:
    """"09.35 WITA s.d. selesai" or "09.00 s.d. 12.00 WIB"."""
    suffix = ZONE_SUFFIX.get(timezone, "")
    start = jam(local_time(meeting.starts_at, timezone).time())
    if meeting.ends_at is None:
        return f"{start} {suffix} s.d. selesai"
    return f"{start} s.d. {jam(local_time(meeting.ends_at, timezone).time())} {suffix}"


def day_label(meeting: Meeting, timezone: str) -> str:
    """"Jumat, 5 Desember 2025" in the kabupaten's zone."""
    return tanggal(local_time(meeting.starts_at, timezone).date())


def labelled(meetings: list[Meeting]) -> list[dict]:
    """Each meeting with its day and time in its kabupaten's zone, for lists."""
    rows = []
    for meeting in meetings:
        timezone = setting_for(meeting.region_code).timezone
        rows.append({"meeting": meeting, "day": day_label(meeting, timezone), "time": time_label(meeting, timezone)})
    return rows


def meeting_form(actor: Actor) -> MeetingForm:
    """Bodies the actor runs; the chair from their approvers, the note-taker from their members."""
    form = MeetingForm()
    bodies = queries.managed_bodies(actor)
    codes = [r.code for r in bodies]
    form.region_code.choices = [(r.code, f"{r.label}") for r in bodies]
    form.chair_id.choices = [(None, "— pilih —")] + [
        (u.id, f"{u.full_name} ({u.jabatan or 'pejabat'})") for u, _ in queries.people_of_body(codes, (Role.APPROVER,))]
    form.notulis_id.choices = [(None, "— pilih —")] + [
        (u.id, f"{u.full_name} ({u.jabatan or 'anggota'})") for u, _ in queries.people_of_body(codes, BODY_ROLES)]
    members = [(m.id, f"{m.name} — {m.jabatan_label}") for code in codes for m in members_for_meeting(code)]
    form.chair_member_id.choices = [(None, "— seperti pimpinan di atas —")] + members
    form.notulis_member_id.choices = [(None, "— seperti notulis di atas —")] + members
    if not form.is_submitted():
        form.notulis_id.data = actor.id
    return form


def managed_meeting(actor: Actor, meeting_id: int) -> Meeting:
    """A meeting the actor sees and runs: 404 outside scope, 403 for an invitee who does not run it."""
    return queries.get_meeting_or_404(actor, meeting_id, rule="meeting.manage")


def invite_form(meeting: Meeting) -> InviteForm:
    form = InviteForm()
    regions = queries.invitable_regions(meeting.region)
    form.bodies.choices = [(r.code, r.label) for r in regions]
    present = {p.user_id for p in meeting.participants}
    form.users.choices = [(u.id, f"{u.full_name} — {u.jabatan or code}")
                          for u, code in queries.body_accounts([r.code for r in regions]) if u.id not in present]
    form.members.choices = member_options({r.code: r.label for r in regions}, {p.member_id for p in meeting.participants})
    return form


def speaker_form(meeting: Meeting, form: SpeakerForm | None = None) -> SpeakerForm:
    """The narasumber form with the members of the meeting's body and one tier below to pick from."""
    form = form or SpeakerForm(formdata=None)
    labels = {r.code: r.label for r in queries.invitable_regions(meeting.region)}
    form.member_id.choices = [(None, "— bukan anggota (tulis nama di bawah) —")] + member_options(labels)
    return form


def meeting_context(actor: Actor, meeting: Meeting) -> dict:
    timezone = setting_for(meeting.region_code).timezone
    return {
        "meeting": meeting, "day": day_label(meeting, timezone), "time": time_label(meeting, timezone),
        "may_manage": can(actor, "meeting.manage", meeting), "may_read": can(actor, "minutes.read", meeting),
        "me": next((p for p in meeting.participants if p.user_id == actor.id), None),
        "invitation_steps": [step.name for step in INVITATION_FLOW.available(actor, meeting)],
    }


def participants_page(actor: Actor, meeting: Meeting, invite: InviteForm | None = None,
                      guest: GuestForm | None = None, block: str | None = None, attendance_error: str | None = None):
    forms = [f for f in (invite, guest) if f is not None]
    status = 422 if any(f.errors or f.form_errors for f in forms) else 200
    return render("meetings/participants.html", block=block, status=status, **meeting_context(actor, meeting),
                  invite=invite or invite_form(meeting), guest=guest or GuestForm(formdata=None),
                  attendance_choices=[("hadir", "Hadir"), ("izin", "Izin"), ("tidak_hadir", "Tidak")],
                  present=meeting.present_count, attendance_error=attendance_error)


def responsible_choices(meeting: Meeting) -> list:
    """Bodies (the meeting's and one tier below), their members, the invited accounts and the mitra."""
    regions = queries.invitable_regions(meeting.region)
    bodies = [(f"r:{r.code}", f"Pokja/Pokjanal {r.label}") for r in regions]
    members = [(f"a:{member_id}", f"Anggota: {label}") for member_id, label in member_options({r.code: r.label for r in regions})]
    as_member = {p.user_id for p in meeting.participants if p.member_id}
    people = [(f"u:{p.user_id}", p.name) for p in meeting.participants if p.user_id and p.user_id not in as_member]
    partners = [(f"m:{m.id}", f"Mitra: {m.short_name}") for m in queries.partners_of(meeting.region_code)]
    return [("", "— pilih —"), *bodies, *members, *people, *partners]


def minutes_page(actor: Actor, meeting: Meeting, status: int = 200, minutes: MinutesForm | None = None,
                 action: ActionForm | None = None, action_for: int | None = None, agenda: AgendaForm | None = None,
                 comment: CommentForm | None = None, report: ActionUpdateForm | None = None, report_for: int | None = None,
                 notice: str = ""):
    """The minutes editor (or reader): follow-ups of earlier items, agenda items, action items, comments."""
    if minutes is None:
        minutes = MinutesForm(formdata=None, obj=meeting)
        minutes.items.entries.clear()
        for item in meeting.agenda_items:
            minutes.items.append_entry({"id": item.id, "title": item.title, "discussion": item.discussion,
                                        "decisions": item.decisions})
        minutes.version.data = meeting.version
    action = action or ActionForm(formdata=None)
    action.responsible.choices = responsible_choices(meeting)
    return render("meetings/minutes.html", status=status, **meeting_context(actor, meeting), minutes=minutes,
                  action_form=action, action_for=action_for, agenda_form=agenda or AgendaForm(formdata=None),
                  comment_form=comment or CommentForm(formdata=None), report_form=report, report_for=report_for,
                  followups=queries.followups_for(actor, meeting), comments=queries.comments(meeting),
                  revisions=queries.revisions(meeting), may_edit=can(actor, "minutes.edit", meeting),
                  steps={s.name for s in MINUTES_FLOW.available(actor, meeting)}, notice=notice,
                  may_comment=can(actor, "minutes.comment", meeting))


def qr_svg(url: str) -> bytes:
    """The check-in address as a QR code (SVG, made on the server with segno)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=2, xmldecl=False,
                                    title="QR kode hadir rapat")
    return buffer.getvalue()
