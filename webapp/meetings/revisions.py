"""Every change to a meeting's minutes keeps a revision: the text as JSON, numbered per meeting."""
from __future__ import annotations

import json

from sqlalchemy import func, select

from webapp.access import Actor
from webapp.extensions import db
from webapp.meetings.models import Meeting, MinutesRevision


def snapshot(meeting: Meeting) -> str:
    """The minutes' text as JSON, kept at each save."""
    return json.dumps({
        "opening": meeting.opening, "closing": meeting.closing,
        "agenda": [{"id": a.id, "title": a.title, "discussion": a.discussion, "decisions": a.decisions}
                   for a in meeting.agenda_items],
        "actions": [{"id": i.id, "agenda_item_id": i.agenda_item_id, "what": i.what,
                     "responsible": i.responsible_label, "due_on": i.due_on.isoformat() if i.due_on else None}
                    for i in meeting.action_items],
    }, ensure_ascii=False)


def keep_revision(actor: Actor, meeting: Meeting) -> None:
    """Queue the revision in the caller's transaction (the caller commits)."""
    number = (db.session.scalar(select(func.max(MinutesRevision.number))
                                .where(MinutesRevision.meeting_id == meeting.id)) or 0) + 1
    db.session.add(MinutesRevision(meeting_id=meeting.id, number=number, snapshot=snapshot(meeting),
                                   saved_by_id=actor.id))
