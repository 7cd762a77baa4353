"""Share links to a meeting's PDFs: made and revoked by those who run the meeting, opened by anyone who holds
the token (an account or none: most guests have none), for 7 days. An expired, revoked, altered or unknown token, or one made for another
meeting or document, answers the same 404.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from flask import abort
from sqlalchemy import select

from webapp.access import Actor, require
from webapp.audit import audit
from webapp.auth.models import User
from webapp.clock import utcnow
from webapp.evidence.models import ShareLink, ShareStatus
from webapp.evidence.rules import SHARE_FLOW
from webapp.extensions import db
from webapp.meetings.models import Meeting
from webapp.refusal import Refused
from webapp.workflow import Taken, take

LIFETIME = dt.timedelta(days=7)
KINDS = {"bahan": "Bahan rapat (PDF)", "notulen": "Notulen final (PDF)"}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(actor: Actor, meeting: Meeting, kind: str, now: dt.datetime | None = None) -> tuple[ShareLink, str]:
    """A new link; returns it with its token, which is shown once and never stored. 403 unless the actor
    runs the meeting; minutes are shared only once final."""
    require(actor, "meeting.manage", meeting)
    if kind not in KINDS:
        raise Refused("Pilih dokumen yang dibagikan.", "kind")
    if kind == "notulen" and not meeting.text_is_frozen:
        raise Refused("Notulen dibagikan lewat tautan setelah final (ditandatangani pimpinan rapat).", "kind")
    token = secrets.token_urlsafe(24)
    now = now or utcnow()
    link = ShareLink(token_hash=_hash(token), kind=kind, meeting_id=meeting.id, created_by_id=actor.id,
                     created_at=now, expires_at=now + LIFETIME)
    db.session.add(link)
    db.session.flush()
    audit(actor.id, "share.created", str(meeting.id), f"{kind} #{link.id}")
    db.session.commit()
    return link, token


def revoke(actor: Actor, meeting: Meeting, link_id: int) -> Taken:
    """Take the flow's "revoke" step (a second tap is a no-op that says so); 404 for another meeting's link."""
    link = db.session.get(ShareLink, link_id)
    if link is None or link.meeting_id != meeting.id:
        abort(404)
    taken = take(actor, link, SHARE_FLOW, "revoke", subject=f"{meeting.id} {link.kind} #{link.id}")
    if taken.changed:
        db.session.commit()
    return taken


def resolve(meeting_id: int, kind: str, token: str, now: dt.datetime | None = None) -> ShareLink:
    """The live link behind a token for this meeting and document; 404 for anything else."""
    link = db.session.scalar(select(ShareLink).where(ShareLink.token_hash == _hash(token or "")))
    if link is None or link.meeting_id != meeting_id or link.kind != kind or not link.is_live(now or utcnow()):
        abort(404)
    if kind == "notulen" and not link.meeting.text_is_frozen:
        abort(404)
    return link


def maker(link: ShareLink) -> Actor:
    """Who made the link: its PDF prints as they see it, whoever opens it. A link with no maker is no link."""
    user = db.session.get(User, link.created_by_id) if link.created_by_id else None
    if user is None:
        abort(404)
    return Actor(user)


def live_links(meeting: Meeting, now: dt.datetime | None = None) -> list[ShareLink]:
    rows = db.session.scalars(select(ShareLink).where(ShareLink.meeting_id == meeting.id,
                                                      ShareLink.status == ShareStatus.AKTIF,
                                                      ShareLink.expires_at > (now or utcnow())).order_by(ShareLink.id))
    return list(rows)
