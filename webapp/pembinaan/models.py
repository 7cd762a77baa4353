"""Posyandu equipment (sarpras): for each kit item, present or not, its condition and when it was checked."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webapp.clock import utcnow
from webapp.extensions import db


class Equipment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    posyandu_id: Mapped[int] = mapped_column(ForeignKey("posyandu.id"), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    item: Mapped[str] = mapped_column(String(20))
    available: Mapped[bool] = mapped_column(default=False)
    condition: Mapped[str] = mapped_column(String(10), default="")  # baik / rusak; "" when not available
    checked_on: Mapped[dt.date | None]
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("posyandu_id", "item", name="uq_equipment_posyandu_item"),)

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): where access rules look."""
        return (self.region_code, self.posyandu_id)
