"""What the printed minutes say, as plain data: built from the live records while the minutes are a draft,
and frozen into a SignedDocument when the chair signs, so a final notulen prints the same text forever
(§III shows each action item's status as of signing; later progress belongs to the next meeting's §IV).
"""
from __future__ import annotations

import datetime as dt
import hashlib

from webapp import pdf
from webapp.access import Actor
from webapp.clock import local_time, utcnow
from webapp.documents import pipeline
from webapp.documents.people import person, printed_person, signer, unsur_of
from webapp.formatting import tanggal
from webapp.meetings import queries
from webapp.lembaga.queries import ketua_of
from webapp.meetings.models import ACTION_LABELS, ActionStatus, Attendance, Meeting, Participant
from webapp.meetings.pages import day_label, time_label
from webapp.regions.letterhead import kop_for
from webapp.regions.queries import setting_for

KIND = "notulen"
REPORT_KIND = "laporan_kegiatan"  # the counter's kind: a laporan pelaksanaan kegiatan carries a nomor, a notulen none


def _status_on(item, day: dt.date) -> str:
    """The action item's status label as it stood on that day (its own status at signing time)."""
    late = item.status != ActionStatus.SELESAI and item.due_on is not None and item.due_on < day
    return "Terlambat" if late else ACTION_LABELS[ActionStatus(item.status)]


def _attendee(participant: Participant) -> dict:
    """A member prints with jabatan, unsur and L/P from the member record; a guest as typed; an account from it."""
    member = participant.member
    if member is not None:
        return {"name": member.name, "jabatan": participant.jabatan_instansi, "sex": participant.sex_label,
                "attendance": participant.attendance or "", "unsur": member.unsur or "Lainnya",
                "label": participant.attendance_label if participant.attendance else ""}
    account = printed_person(participant.user) if participant.user is not None else {}
    jabatan = participant.jabatan or account.get("jabatan", "")
    unsur = participant.instansi or (unsur_of(participant.user) if participant.user is not None else "Lainnya")
    return {"name": participant.name, "jabatan": ", ".join(p for p in (jabatan, participant.instansi) if p),
            "sex": participant.sex or account.get("sex", ""), "attendance": participant.attendance or "",
            "label": participant.attendance_label if participant.attendance else "", "unsur": unsur}


def _by_unsur(attendance: list[dict]) -> list[dict]:
    """Those present counted by unsur and L/P, in order of first appearance, with the total last."""
    rows: dict[str, dict] = {}
    for present in (a for a in attendance if a["attendance"] == Attendance.HADIR):
        row = rows.setdefault(present["unsur"], {"unsur": present["unsur"], "L": 0, "P": 0, "total": 0})
        row["total"] += 1
        if present["sex"] in ("L", "P"):
            row[present["sex"]] += 1
    total = {"unsur": "Jumlah", **{k: sum(r[k] for r in rows.values()) for k in ("L", "P", "total")}}
    return [*rows.values(), total]


def _activity(meeting: Meeting, attendance: list[dict]) -> dict:
    """The parts only a laporan pelaksanaan kegiatan has: dasar, tujuan, peserta by unsur, narasumber, photos."""
    return {"basis": meeting.basis, "purpose": meeting.purpose, "participants": _by_unsur(attendance),
            "speakers": [{"name": s.name, "jabatan": s.jabatan, "topic": s.topic} for s in meeting.speakers],
            "photos": [{"sha256": p.sha256, "caption": p.caption} for p in meeting.photos]}


def chair_signer(meeting: Meeting, body: str) -> dict:
    """Who signs for the body: the chair's account takes the signing step, so the chair prints as that
    person, as the SK's ketua or "a.n. Ketua" under the chair's own jabatan (documents.people.signer)."""
    return signer(body, ketua_of(meeting.region_code), meeting.chair)


def _who(someone: dict) -> str:
    return ", ".join(p for p in (someone["name"], someone["jabatan"]) if p)


def _signers(meeting: Meeting, chair: dict, notulis: dict, place_date: str) -> list[dict]:
    """Notulen: the note-taker left, the chair right under place and date. Activity report: the chair
    acknowledges (Mengetahui) on the left, the organiser reports and dates it on the right."""
    if meeting.is_activity:
        return [{"role": "Mengetahui,", **chair, "date": ""}, {"role": "Pelapor,", **notulis, "date": place_date}]
    return [{"role": "Notulis,", **notulis, "date": ""}, {"role": "Pimpinan Rapat,", **chair, "date": place_date}]


def content(actor: Actor, meeting: Meeting, signed_at: dt.datetime | None = None) -> dict:
    """Everything the minutes print, from the live records, as of `signed_at` (default: now)."""
    setting = setting_for(meeting.region_code)
    kop = kop_for(meeting.region)
    signed_at = signed_at or meeting.finalized_at
    status_day = local_time(signed_at or utcnow(), setting.timezone).date()  # a draft shows today's status
    day_signed = local_time(signed_at or meeting.starts_at, setting.timezone).date()
    participants = queries.participants_with_roles(meeting)
    chair = chair_signer(meeting, kop.body)
    notulis = person(meeting.notulis_member, meeting.notulis)
    attendance = [_attendee(p) for p in participants]
    return {
        "kop": {**kop.as_dict(), "logo_sha256": hashlib.sha256(setting.logo).hexdigest() if setting.logo else ""},
        "title": meeting.headline,
        "header": {"day": day_label(meeting, setting.timezone), "time": time_label(meeting, setting.timezone),
                   "place": meeting.place, "chair": _who(person(meeting.chair_member, meeting.chair)),
                   "notulis": _who(notulis),
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
        "signers": _signers(meeting, chair, notulis, f"{kop.place}, {tanggal(day_signed, False)}"),
        "attendance": attendance,
        "activity": _activity(meeting, attendance) if meeting.is_activity else None,
    }


def freeze(actor: Actor, meeting: Meeting):
    """Keep what the minutes print as of signing (called by finalize once the status is final; the caller commits)."""
    frozen = content(actor, meeting, meeting.finalized_at)
    frozen["number"] = (pipeline.number(REPORT_KIND, meeting.id, meeting.region_code, meeting.finalized_at)
                        if meeting.is_activity else "")
    return pipeline.freeze(KIND, meeting.id, meeting.region_code, frozen, signed_at=meeting.finalized_at)


def template_for(meeting: Meeting) -> str:
    """Bimtek, advokasi and sosialisasi are filed as a laporan pelaksanaan kegiatan; the rest as a notulen."""
    return "pdf/activity_report.html" if meeting.is_activity else "pdf/minutes.html"


def _photos(meeting: Meeting, doc: dict) -> list[dict]:
    """The photos the content lists, by their hash (a final report's photos can no longer change)."""
    if not doc.get("activity"):
        return []
    by_hash = {p.sha256: p.data for p in meeting.photos}
    return [{"src": pdf.data_uri(by_hash[p["sha256"]], "image/jpeg"), "caption": p["caption"]}
            for p in doc["activity"]["photos"] if p["sha256"] in by_hash]


def printed(actor: Actor, meeting: Meeting):
    """(content, signed document): frozen for signed minutes, built from the live records otherwise (None)."""
    return pipeline.printed(KIND, meeting.id, meeting.text_is_frozen, lambda: content(actor, meeting))


def pdf_context(actor: Actor, meeting: Meeting) -> dict:
    """The print context: the frozen content for signed minutes, the live one (marked DRAF) otherwise."""
    doc, _, page = pipeline.print_signed(KIND, meeting.id, meeting.region_code, meeting.text_is_frozen,
                                         lambda: content(actor, meeting))
    return {"doc": doc, **page, "photos": _photos(meeting, doc)}
