"""Posyandu equipment (sarpras) against the ILP kit, and supervision visits whose findings are followed up."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.auth.models import User
from webapp.clock import utcnow
from webapp.extensions import db
from webapp.regions.models import Posyandu
from webapp.workflow import HistoryColumns


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


class VisitStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


VISIT_STATUS_LABELS = {VisitStatus.DRAFT: "Draf", VisitStatus.FINAL: "Final"}


class FindingStatus(StrEnum):
    TERBUKA = "terbuka"
    PROSES = "proses"
    SELESAI = "selesai"


FINDING_STATUS_LABELS = {FindingStatus.TERBUKA: "Terbuka", FindingStatus.PROSES: "Proses",
                         FindingStatus.SELESAI: "Selesai"}

# The five steps of hari buka (domain §9.4), checked on a supervision visit.
SERVICE_STEPS = (("step_pendaftaran", "Pendaftaran"), ("step_pengukuran", "Penimbangan dan pengukuran"),
                 ("step_pencatatan", "Pencatatan"), ("step_pelayanan", "Pelayanan kesehatan/penyuluhan"),
                 ("step_validasi", "Validasi dan sinkronisasi data"))


class Visit(db.Model):
    """A supervision visit (pembinaan) to a Posyandu on its hari buka, by a puskesmas or Pokjanal team."""

    id: Mapped[int] = mapped_column(primary_key=True)
    posyandu_id: Mapped[int] = mapped_column(ForeignKey("posyandu.id"), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    visited_on: Mapped[dt.date] = mapped_column(index=True)
    visitor_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    team: Mapped[str] = mapped_column(String(200), default="")
    kader_present: Mapped[int | None]
    step_pendaftaran: Mapped[bool] = mapped_column(default=False)
    step_pengukuran: Mapped[bool] = mapped_column(default=False)
    step_pencatatan: Mapped[bool] = mapped_column(default=False)
    step_pelayanan: Mapped[bool] = mapped_column(default=False)
    step_validasi: Mapped[bool] = mapped_column(default=False)
    equipment_seen: Mapped[bool] = mapped_column(default=False)
    records_kept: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[VisitStatus] = mapped_column(String(10), default=VisitStatus.DRAFT)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    posyandu: Mapped[Posyandu] = relationship(lazy="joined")
    visitor: Mapped[User] = relationship(lazy="joined")
    findings: Mapped[list[Finding]] = relationship(back_populates="visit", order_by="Finding.id",
                                                   cascade="all, delete-orphan")
    events: Mapped[list[VisitEvent]] = relationship(order_by="VisitEvent.id", cascade="all, delete-orphan")

    @property
    def steps_done(self) -> list[tuple[str, bool]]:
        return [(label, getattr(self, name)) for name, label in SERVICE_STEPS]

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): where access rules look."""
        return (self.region_code, self.posyandu_id)


class Finding(db.Model):
    """A finding of a visit, followed up as an action item: what, who is responsible, by when, status."""

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"), index=True)
    posyandu_id: Mapped[int] = mapped_column(ForeignKey("posyandu.id"), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    what: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[dt.date | None]
    status: Mapped[FindingStatus] = mapped_column(String(10), default=FindingStatus.TERBUKA, index=True)
    progress_note: Mapped[str] = mapped_column(Text, default="")

    visit: Mapped[Visit] = relationship(back_populates="findings")
    events: Mapped[list[FindingEvent]] = relationship(order_by="FindingEvent.id", cascade="all, delete-orphan")

    @property
    def status_label(self) -> str:
        return FINDING_STATUS_LABELS[FindingStatus(self.status)]

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): where access rules look."""
        return (self.region_code, self.posyandu_id)


class VisitEvent(HistoryColumns, db.Model):
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"), index=True)


class FindingEvent(HistoryColumns, db.Model):
    finding_id: Mapped[int] = mapped_column(ForeignKey("finding.id"), index=True)
