"""The undangan (invitation letter) of a meeting: nomor, sifat, lampiran, perihal, the addressees, day and
time with zone, place and agenda, signed for the body by the ketua its SK names, or "a.n. Ketua" by whoever
signs. The secretariat prepares it and submits it; the signer's approval issues it (INVITATION_FLOW): it then
takes the body's next nomor and freezes what it prints (a SignedDocument with its QR). Until then the PDF is
a "DRAF" without a number. A meeting that has already begun gets no undangan.
"""
from __future__ import annotations

from webapp.access import Actor
from webapp.auth.models import User
from webapp.clock import local_time, utcnow
from webapp.documents import pipeline, queries as documents
from webapp.documents.people import signer
from webapp.formatting import tanggal
from webapp.lembaga.queries import ketua_of
from webapp.meetings.models import InvitationStatus, Meeting
from webapp.meetings.pages import day_label, time_label
from webapp.meetings.rules import INVITATION_FLOW
from webapp.refusal import Refused, commit_or_conflict
from webapp.workflow import Taken, take
from webapp.regions.letterhead import kop_for
from webapp.regions.queries import setting_for

KIND = "undangan"
LISTED_IN_LETTER = 8  # more addressees than this go to a lampiran ("Daftar terlampir"), as offices do


def addressees(meeting: Meeting) -> list[str]:
    """Each invited office or person once, as the letter's "Yth." list names them (jabatan and instansi
    where known, the name otherwise), in the order they were invited."""
    seen: list[str] = []
    for participant in meeting.participants:
        if participant.is_walk_in:
            continue
        label = participant.jabatan_instansi or participant.name
        if label and label not in seen:
            seen.append(label)
    return seen


def signature(body: str, ketua, user: User | None) -> dict:
    """The letter's one signature block: "Ketua <body>," over the ketua's name, or "a.n. Ketua <body>" over
    the signer's own jabatan, name and NIP."""
    who = signer(body, ketua, user)
    if who["behalf"]:
        return {"role": who["behalf"], "name": who["name"], "jabatan": f"{who['jabatan']},", "nip": who["nip"],
                "date": ""}
    return {"role": f"{who['jabatan']},", "name": who["name"], "jabatan": "", "nip": who["nip"], "date": ""}


def content(meeting: Meeting, number: str = "", issued_at=None, signed_by: User | None = None) -> dict:
    """Everything the letter prints, from the live meeting, dated `issued_at` (default: today) and signed by
    `signed_by` (a draft names the ketua who is expected to sign)."""
    setting = setting_for(meeting.region_code)
    kop = kop_for(meeting.region)
    to = addressees(meeting)
    issued_on = local_time(issued_at or utcnow(), setting.timezone).date()
    return {
        "kop": kop.as_dict(), "title": f"Undangan {meeting.headline}", "number": number,
        "dated": f"{kop.place}, {tanggal(issued_on, False)}", "sifat": "Biasa",
        "lampiran": "1 (satu) lembar" if len(to) > LISTED_IN_LETTER else "–",
        "perihal": f"Undangan {meeting.kind_label}", "to": to,
        "when": {"day": day_label(meeting, setting.timezone), "time": time_label(meeting, setting.timezone),
                 "place": meeting.place, "event": meeting.title},
        "agenda": [a.title for a in meeting.agenda_items],
        "signers": [signature(kop.body, ketua_of(meeting.region_code), signed_by)],
    }


def past_meeting_problem(meeting: Meeting, now) -> str:
    """Why no undangan may go out for this meeting now ("" when it may): it has already begun."""
    if meeting.starts_at > now:
        return ""
    timezone = setting_for(meeting.region_code).timezone
    return (f"Rapat ini sudah berlangsung ({day_label(meeting, timezone)}, {time_label(meeting, timezone)}): "
            "undangan tidak dapat lagi diajukan atau diterbitkan.")


def advance(actor: Actor, meeting: Meeting, step: str, note: str = "") -> Taken:
    """Take a step of the undangan's flow: submit (the secretariat), approve or return (the signer), reopen
    to change an issued letter. Approval takes the nomor (kept on a re-issue) and freezes the letter as its
    signer signs it. Submitting or approving for a meeting that has begun is refused. One commit."""
    if step in ("submit", "approve") and INVITATION_FLOW.may(actor, meeting, step):
        problem = past_meeting_problem(meeting, utcnow())
        if problem:
            raise Refused(problem)
    taken = take(actor, meeting, INVITATION_FLOW, step, note, subject=f"{meeting.id} {meeting.title}"[:120])
    if taken.changed and step == "approve":
        _issue(meeting, actor.user, taken.at)
    commit_or_conflict(INVITATION_FLOW.stale)
    return taken


def _issue(meeting: Meeting, user: User, at) -> None:
    """Number and freeze the letter as signed now by `user` (the caller commits)."""
    number = pipeline.number(KIND, meeting.id, meeting.region_code, at)
    pipeline.freeze(KIND, meeting.id, meeting.region_code, content(meeting, number, at, user), signed_at=at)


def issued(meeting: Meeting):
    """The letter as last issued, while it stands issued (None for a draft or one reopened for changes)."""
    if meeting.invitation_status != InvitationStatus.TERBIT:
        return None
    return documents.latest(KIND, meeting.id)


def pdf_context(meeting: Meeting) -> dict:
    """The issued letter as frozen, or the live draft (marked DRAF, no number) before it is issued."""
    doc, _, page = pipeline.print_signed(KIND, meeting.id, meeting.region_code,
                                         meeting.invitation_status == InvitationStatus.TERBIT, lambda: content(meeting))
    return {"doc": doc, **page}
