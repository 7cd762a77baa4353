"""The monthly Posyandu report, its history and the client-made ids that make submissions idempotent.

One `MonthlyReport` per (posyandu_id, year, month). Every count listed in
`webapp.reports.fields.COUNT_FIELDS` is a nullable Integer column of the same name on
`MonthlyReport` (NULL = not reported, distinct from 0); they are added from that list below so
the model, form, checks, recap, exports and the dashboard share one definition.
`region_code` is the desa code copied from the Posyandu so queries can be scoped by region.
"""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.auth.models import User
from webapp.clock import utcnow
from webapp.extensions import db
from webapp.regions.models import Posyandu
from webapp.reports.fields import COUNT_NAMES


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    VERIFIED = "verified"


STATUS_LABELS = {
    Status.DRAFT: "Draf",
    Status.SUBMITTED: "Dikirim",
    Status.RETURNED: "Dikembalikan",
    Status.VERIFIED: "Diverifikasi",
}

EVENT_LABELS = {
    "created": "Dibuat", "submitted": "Dikirim", "returned": "Dikembalikan", "verified": "Diverifikasi",
    "reopened": "Dibuka kembali",
}


class MonthlyReport(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    posyandu_id: Mapped[int] = mapped_column(ForeignKey("posyandu.id"))
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    year: Mapped[int]
    month: Mapped[int]
    status: Mapped[Status] = mapped_column(String(10), default=Status.DRAFT, index=True)

    # Hari buka: ISO dates separated by commas, or closed with a reason.
    open_dates: Mapped[str] = mapped_column(String(120), default="")
    closed: Mapped[bool] = mapped_column(default=False)
    closed_reason: Mapped[str] = mapped_column(String(200), default="")

    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    first_submitted_at: Mapped[dt.datetime | None]  # UTC; on time / late is judged on this
    submitted_at: Mapped[dt.datetime | None]  # UTC, the latest submission
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    verified_at: Mapped[dt.datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int] = mapped_column(default=1)

    posyandu: Mapped[Posyandu] = relationship(lazy="joined")
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    verified_by: Mapped[User | None] = relationship(foreign_keys=[verified_by_id])
    events: Mapped[list[ReportEvent]] = relationship(
        back_populates="report", order_by="ReportEvent.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        UniqueConstraint("posyandu_id", "year", "month", name="uq_monthly_report_period"),
        Index("ix_monthly_report_year_month", "year", "month"),
    )
    __mapper_args__ = {"version_id_col": version}

    @property
    def period(self) -> tuple[int, int]:
        return (self.year, self.month)

    @property
    def dates(self) -> list[dt.date]:
        return [dt.date.fromisoformat(d) for d in self.open_dates.split(",") if d]

    def count(self, name: str) -> int | None:
        return getattr(self, name)

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): where access rules look."""
        return (self.region_code, self.posyandu_id)


# Every count from fields.py becomes a nullable Integer column named like the field.
for _name in COUNT_NAMES:
    setattr(MonthlyReport, _name, mapped_column(_name, Integer, nullable=True))


class ReportEvent(db.Model):
    """One step of a report's history: created, submitted, returned (whole or per field), verified, reopened."""

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("monthly_report.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(60), default="")
    jabatan: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    field: Mapped[str | None] = mapped_column(String(40))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    report: Mapped[MonthlyReport] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship(lazy="joined")


class ClientSubmission(db.Model):
    """A client-made id seen once; a replay of the same id answers with the first result."""

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("monthly_report.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
