"""A signal picked into a meeting's agenda: the agenda item it became and its figures, frozen when picked.

Decisions tied to a signal need no column of their own: an action item decided under a
signal-born agenda item (`ActionItem.agenda_item_id`) is tied to that item's signal.
"""
from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.clock import utcnow
from webapp.extensions import db
from webapp.meetings.models import AgendaItem, Meeting
from webapp.workflow import HistoryColumns


class AgendaSignal(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id"), unique=True)
    signal_id: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20), index=True)
    unit_code: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(String(200))
    payload: Mapped[str] = mapped_column(Text)  # JSON: figures, values, trend, as the pack showed them
    as_of: Mapped[dt.date] = mapped_column(Date)
    picked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    picked_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(lazy="joined")
    agenda_item: Mapped[AgendaItem] = relationship(lazy="joined")

    __table_args__ = (UniqueConstraint("meeting_id", "signal_id", name="uq_agenda_signal_meeting_signal"),)

    @property
    def frozen(self) -> dict:
        return json.loads(self.payload)

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): where access rules look."""
        return (self.meeting.region_code, None)


class ShareStatus(StrEnum):
    AKTIF = "aktif"
    DICABUT = "dicabut"


SHARE_LABELS = {ShareStatus.AKTIF: "Aktif", ShareStatus.DICABUT: "Dicabut"}


class ShareLink(db.Model):
    """A deep link to one meeting's PDF (the agenda pack, or the final minutes) that anyone holding it may open,
    with an account or none, while it lives: 7 days, revocable (a flow: aktif → dicabut). Only the token's SHA-256 is stored, so the
    table cannot rebuild a link."""

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[ShareStatus] = mapped_column(String(10), default=ShareStatus.AKTIF)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))            # "bahan" or "notulen"
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]

    meeting: Mapped[Meeting] = relationship(lazy="joined")
    events: Mapped[list[ShareEvent]] = relationship(order_by="ShareEvent.id", cascade="all, delete-orphan")

    def is_live(self, now: dt.datetime) -> bool:
        return self.status == ShareStatus.AKTIF and now < self.expires_at

    @property
    def scope(self) -> tuple[str, int | None]:
        return (self.meeting.region_code, None)


class ShareEvent(HistoryColumns, db.Model):
    """One step of a share link's flow (revoked: who, when, why)."""

    share_link_id: Mapped[int] = mapped_column(ForeignKey("share_link.id"), index=True)
