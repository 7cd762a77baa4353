"""Reading signed documents: by their public code, or the versions of one document."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from webapp.audit import AuditEvent
from webapp.documents.models import SignedDocument
from webapp.extensions import db


def by_code(code: str) -> SignedDocument | None:
    """The code is the key a printed page carries; it is public by design (the page shows no personal data)."""
    return db.session.scalar(select(SignedDocument).where(SignedDocument.code == code))


def latest(kind: str, subject_id: int) -> SignedDocument | None:
    return db.session.scalar(select(SignedDocument).where(SignedDocument.kind == kind,
                                                          SignedDocument.subject_id == subject_id)
                             .order_by(SignedDocument.version.desc()).limit(1))


def failed_checks_from(address: str, since: dt.datetime) -> int:
    """Look-ups of unknown codes from one address since a moment (the rate limit counts only these)."""
    return db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "document.unknown", AuditEvent.address == address, AuditEvent.at >= since)) or 0
