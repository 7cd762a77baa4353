"""The share link's flow: aktif → dicabut, by those who run the link's meeting."""
from __future__ import annotations

from webapp.access import Actor
from webapp.evidence.models import SHARE_LABELS, ShareEvent, ShareLink, ShareStatus
from webapp.meetings.rules import runs_body
from webapp.workflow import Entry, Flow, Step


def _runs_meeting(actor: Actor, link: ShareLink) -> bool:
    """The meeting's body and its note-taker, as for every other change to the meeting."""
    return runs_body(actor, link.meeting.region_code) or actor.id == link.meeting.notulis_id


def _record(link: ShareLink, entry: Entry) -> None:
    link.events.append(ShareEvent.from_entry(entry))


SHARE_FLOW = Flow(
    name="share", noun="Tautan ini", state_labels={s.value: label for s, label in SHARE_LABELS.items()},
    record=_record,
    steps=(Step("revoke", frozenset({ShareStatus.AKTIF}), ShareStatus.DICABUT, _runs_meeting, "Cabut",
                "Tautan sudah dicabut."),),
)

RULES = SHARE_FLOW.rules()
