"""A meeting's agenda: items added while the minutes are written (up to the limit), removed until signed."""
from __future__ import annotations

from webapp.access import Actor, require
from webapp.audit import audit
from webapp.extensions import db
from webapp.meetings.limits import room_for_agenda
from webapp.meetings.models import AgendaItem, Meeting
from webapp.meetings.revisions import keep_revision
from webapp.refusal import Refused


def add_agenda_item(actor: Actor, meeting: Meeting, title: str) -> AgendaItem:
    require(actor, "minutes.edit", meeting)
    title = (title or "").strip()
    if not title:
        raise Refused("Tulis judul agenda.", "title")
    room_for_agenda(meeting)
    item = AgendaItem(position=len(meeting.agenda_items) + 1, title=title[:200])
    meeting.agenda_items.append(item)
    db.session.flush()
    keep_revision(actor, meeting)
    db.session.commit()
    return item


def remove_agenda_item(actor: Actor, meeting: Meeting, item: AgendaItem) -> None:
    """Until the minutes are signed an agenda item can go, with its action items nobody has reported on yet;
    the items after it move up. A revision is kept and the removal audited with the item's title."""
    require(actor, "minutes.edit", meeting)
    if any(action.updates for action in item.action_items):
        raise Refused("Tindak lanjut agenda ini sudah dilaporkan, jadi agenda ini tidak dapat dihapus.")
    for action in list(item.action_items):
        meeting.action_items.remove(action)
    meeting.agenda_items.remove(item)
    for position, other in enumerate(meeting.agenda_items, start=1):
        other.position = position
    db.session.flush()
    keep_revision(actor, meeting)
    audit(actor.id, "agenda.removed", str(meeting.id), item.title[:100])
    db.session.commit()
