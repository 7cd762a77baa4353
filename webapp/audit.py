"""The audit trail: who did what to which object, from where. Every domain writes it; nothing edits it."""
from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.clock import utcnow
from webapp.extensions import db


class AuditEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(120), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)

    actor = relationship("User")  # named, not imported: the kernel sits below the auth domain


def audit(actor_id: int | None, action: str, subject: str = "", detail: str = "", address: str = "") -> None:
    """Add an audit row to the current transaction (the caller commits)."""
    db.session.add(AuditEvent(actor_id=actor_id, action=action, subject=subject, detail=detail, address=address))


def as_detail(changes: dict) -> str:
    """Old and new values ({"name": [old, new], …}) as the detail text of an audit row."""
    return json.dumps(changes, ensure_ascii=False, default=str, sort_keys=True)


def changed(before: dict, after: dict) -> dict:
    """{name: [before, after]} of the names whose value differs."""
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}
