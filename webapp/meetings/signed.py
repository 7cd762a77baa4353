"""What the printed minutes say, as plain data: built from the live records while the minutes are a draft,
and frozen into a SignedDocument when the chair signs, so a final notulen prints the same text forever
(§III shows each action item's status as of signing; later progress belongs to the next meeting's §IV).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json

from webapp import pdf
from webapp.access import Actor
from webapp.clock import local_time, utcnow
from webapp.documents import printing, queries as documents, services as signing
from webapp.documents.people import printed_person
from webapp.formatting import tanggal
from webapp.meetings import queries
from webapp.meetings.models import ACTION_LABELS, ActionStatus, Attendance, Meeting, Participant
from webapp.meetings.pages import day_label, time_label
from webapp.regions.letterhead import kop_for
from webapp.regions.queries import setting_for

KIND = "notulen"


def _status_on(item, day: dt.date) -> str:
    """The action item's status label as it stood on that day (its own status at signing time)."""
    late = item.status != ActionStatus.SELESAI and item.due_on is not None and item.due_on < day
    return "Terlambat" if late else ACTION_LABELS[ActionStatus(item.status)]


def _attendee(participant: Participant) -> dict:
    person = printed_person(participant.user) if participant.user is not None else {}
    jabatan = participant.jabatan or person.get("jabatan", "")
    return {"name": participant.name, "jabatan": ", ".join(p for p in (jabatan, participant.instansi) if p),
            "sex": participant.sex or person.get("sex", ""), "attendance": participant.attendance or "",
            "label": participant.attendance_label if participant.attendance else ""}


def _who(user) -> str:
    person = printed_person(user)
    return ", ".join(p for p in (person["name"], person["jabatan"]) if p)


def content(actor: Actor, meeting: Meeting, signed_at: dt.datetime | None = None) -> dict:
    """Everything the minutes print, from the live records, as of `signed_at` (default: now)."""
    setting = setting_for(meeting.region_code)
    kop = kop_for(meeting.region)
    signed_at = signed_at or meeting.finalized_at
    status_day = local_time(signed_at or utcnow(), setting.timezone).date()  # a draft shows today's status
    day_signed = local_time(signed_at or meeting.starts_at, setting.timezone).date()
    participants = list(meeting.participants)
    chair, notulis = printed_person(meeting.chair), printed_person(meeting.notulis)
    return {
        "kop": {**kop.as_dict(), "logo_sha256": hashlib.sha256(setting.logo).hexdigest() if setting.logo else ""},
        "title": f"{meeting.kind_label} — {meeting.title}",
        "header": {"day": day_label(meeting, setting.timezone), "time": time_label(meeting, setting.timezone),
                   "place": meeting.place, "chair": _who(meeting.chair), "notulis": _who(meeting.notulis),
                   "present": meeting.present_count, "invited": len(participants)},
        "opening": meeting.opening or "Rapat dibuka oleh pimpinan rapat.",
        "agenda": [{"title": a.title, "discussion": a.discussion, "decisions": a.decisions}
                   for a in meeting.agenda_items],
        "actions": [{"what": t.what, "responsible": t.responsible_label,
                     "due": tanggal(t.due_on, False) if t.due_on else "–", "status": _status_on(t, status_day)}
                    for t in meeting.action_items],
        "followups": [{"what": f.item.what, "origin": f.item.meeting.title, "responsible": f.item.responsible_label,
                       "due": tanggal(f.item.due_on, False) if f.item.due_on else "–", "status": f.status_label,
                       "report": f.report.note if f.report and f.report.note else "–"}
                      for f in queries.followups_for(actor, meeting)],
        "closing": meeting.closing or "Rapat ditutup oleh pimpinan rapat.",
        "signers": [{"role": "Notulis,", **notulis, "date": ""},
                    {"role": "Pimpinan Rapat,", **chair, "date": f"{kop.place}, {tanggal(day_signed, False)}"}],
        "attendance": [_attendee(p) for p in participants],
    }


def freeze(actor: Actor, meeting: Meeting):
    """Keep what the minutes print as of signing (called by finalize once the status is final; the caller commits)."""
    setting = setting_for(meeting.region_code)
    frozen = content(actor, meeting, meeting.finalized_at)
    return signing.record(KIND, meeting.id, meeting.region_code, frozen["title"], frozen, logo=setting.logo,
                          logo_mime=setting.logo_mime, signed_at=meeting.finalized_at)


def pdf_context(actor: Actor, meeting: Meeting) -> dict:
    """The print context: the frozen content for signed minutes, the live one (marked DRAF) otherwise."""
    setting = setting_for(meeting.region_code)
    document = documents.latest(KIND, meeting.id) if meeting.text_is_frozen else None
    if document is None:
        doc = content(actor, meeting)
        return {"doc": doc, "kop_lines": doc["kop"]["lines"], "setting": setting, "draft": not meeting.text_is_frozen,
                "logo": pdf.data_uri(setting.logo, setting.logo_mime), "verification": None}
    doc = json.loads(document.content)
    return {"doc": doc, "kop_lines": doc["kop"]["lines"], "setting": setting, "draft": False,
            "logo": pdf.data_uri(document.logo, document.logo_mime), "verification": printing.footer(document)}
