"""Route-sweep samples for share links: a live link of a meeting lying in the region's subtree, made on first
use through the sharing service by the meeting's body's approver."""
from __future__ import annotations

from sqlalchemy import select

from tests.meetings.route_samples import _meeting_in
from tests.route_samples import approver_of, sample
from webapp.access import Actor
from webapp.extensions import db


@sample("link_id")
def _link(region_code: str):
    from webapp.evidence import sharing
    from webapp.evidence.models import ShareLink

    meeting = _meeting_in(region_code)
    if meeting is None:
        return None
    found = db.session.scalar(select(ShareLink.id).where(ShareLink.meeting_id == meeting.id))
    if found is None:
        found = sharing.create(Actor(approver_of(meeting.region_code)), meeting, "bahan")[0].id
    return found
