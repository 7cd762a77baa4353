"""The undangan (invitation letter) of a meeting: nomor, sifat, lampiran, perihal, the addressees, day and
time with zone, place and agenda, signed by the chair. Issuing it takes the body's next nomor and freezes
what it prints (a SignedDocument with its QR); until then the PDF is a "DRAF" without a number.
"""
from __future__ import annotations

import json

from webapp import pdf
from webapp.access import Actor, require
from webapp.audit import audit
from webapp.clock import local_time, utcnow
from webapp.documents import numbering, printing, queries as documents, services as signing
from webapp.extensions import db
from webapp.formatting import tanggal
from webapp.meetings.models import Meeting
from webapp.meetings.pages import day_label, time_label
from webapp.meetings.signed import printed_signer
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


def content(meeting: Meeting, number: str = "", issued_at=None) -> dict:
    """Everything the letter prints, from the live meeting, dated `issued_at` (default: today)."""
    setting = setting_for(meeting.region_code)
    kop = kop_for(meeting.region)
    chair = printed_signer(meeting.chair_member, meeting.chair)
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
        "signers": [{"role": f"Ketua {kop.body},", "name": chair["name"], "jabatan": chair["jabatan"],
                     "nip": chair.get("nip") or "", "date": ""}],
    }


def issue(actor: Actor, meeting: Meeting):
    """Issue (or re-issue after a change) the letter: its nomor is taken once, from the body's counter;
    each issue is a new signed version under the same nomor. One commit."""
    require(actor, "meeting.manage", meeting)
    at = utcnow()
    number = numbering.assign(KIND, meeting.id, meeting.region_code, at)
    frozen = content(meeting, number, at)
    setting = setting_for(meeting.region_code)
    document = signing.record(KIND, meeting.id, meeting.region_code, frozen["title"], frozen, number=number,
                              logo=setting.logo, logo_mime=setting.logo_mime, signed_at=at)
    audit(actor.id, "invitation.issued", f"rapat {meeting.id}", number)
    db.session.commit()
    return document


def pdf_context(meeting: Meeting) -> dict:
    """The issued letter as frozen, or the live draft (marked DRAF, no number) before it is issued."""
    setting = setting_for(meeting.region_code)
    document = documents.latest(KIND, meeting.id)
    doc = json.loads(document.content) if document else content(meeting)
    logo = pdf.data_uri(document.logo, document.logo_mime) if document else pdf.data_uri(setting.logo, setting.logo_mime)
    return {"doc": doc, "kop_lines": doc["kop"]["lines"], "setting": setting, "logo": logo, "draft": document is None,
            "verification": printing.footer(document) if document else None}
