"""Route-sweep samples for share links: a live link of a meeting lying in the region's subtree."""
from __future__ import annotations

from sqlalchemy import select

from tests.meetings.route_samples import _meeting_in
from tests.route_samples import sample
from webapp.extensions import db


@sample("link_id")
def _link(region_code: str):
    import datetime as dt

    from webapp.evidence.models import ShareLink

    meeting = _meeting_in(region_code)
    if meeting is None:
        return None
    found = db.session.scalar(select(ShareLink.id).where(ShareLink.meeting_id == meeting.id))
    if found is None:
        link = ShareLink(token_hash=f"{meeting.id:064d}", kind="bahan", meeting_id=meeting.id,
                         expires_at=dt.datetime(2100, 1, 1))
        db.session.add(link)
        db.session.commit()
        found = link.id
    return found
