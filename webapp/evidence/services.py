"""Picking a signal into a meeting's agenda: the agenda item is made and the signal's figures frozen.

Refused (422) when the signal is not one the meeting's pack shows now (another area, another period,
or a made-up id); a second tap on a picked signal changes nothing and says so.
"""
from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from webapp.access import Actor, require
from webapp.audit import audit
from webapp.evidence import pack
from webapp.evidence.models import AgendaSignal
from webapp.extensions import db
from webapp.meetings.models import AgendaItem, Meeting, MinutesRevision
from webapp.meetings.revisions import snapshot
from webapp.refusal import Refused, commit_or_conflict

NOT_HERE = "Sinyal itu tidak ada di bahan rapat ini (wilayah atau periodenya lain). Muat ulang bahan rapat."
RACE = "Sinyal ini baru saja dipilih orang lain. Muat ulang bahan rapat."


def pick(actor: Actor, meeting: Meeting, signal_id: str, today: dt.date | None = None) -> tuple[AgendaSignal, bool]:
    """Make the signal an agenda item of `meeting` with its figures as of the meeting's day.
    Returns (the picked signal, whether it was new). 403 unless the actor may edit the minutes."""
    require(actor, "minutes.edit", meeting)
    signal_id = (signal_id or "").strip()
    already = pack.picked_signals(meeting).get(signal_id)
    if already is not None:
        return already, False
    ctx = pack.meeting_context(meeting, today)
    found = next((s for _, signals in pack.collect(ctx) for s in signals if s.id == signal_id), None)
    if found is None:
        raise Refused(NOT_HERE, "signal_id")
    item = AgendaItem(position=len(meeting.agenda_items) + 1, title=found.title[:200])
    meeting.agenda_items.append(item)
    db.session.flush()
    picked = AgendaSignal(meeting_id=meeting.id, agenda_item_id=item.id, signal_id=found.id, kind=found.kind,
                          unit_code=found.unit_code[:40], title=found.title[:200], as_of=ctx.as_of,
                          payload=json.dumps(found.payload(), ensure_ascii=False), picked_by_id=actor.id)
    db.session.add(picked)
    number = db.session.scalar(select(func.max(MinutesRevision.number)).where(MinutesRevision.meeting_id == meeting.id))
    db.session.add(MinutesRevision(meeting_id=meeting.id, number=(number or 0) + 1, snapshot=snapshot(meeting),
                                   saved_by_id=actor.id))
    audit(actor.id, "agenda.signal_picked", str(meeting.id), found.id)
    commit_or_conflict(RACE, also=(IntegrityError,))
    return picked, True
