"""Work plans, their activity lines and the history of every approval step."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import BigInteger, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.auth.models import User
from webapp.clock import utcnow
from webapp.extensions import db
from webapp.mitra.models import Mitra
from webapp.kit import ITEM_BY_KEY
from webapp.regions.models import Posyandu, Region
from webapp.spm import SOURCE_LABELS, SPM_LABELS, FundingSource, SpmField
from webapp.workflow import HistoryColumns


class PlanStatus(StrEnum):
    DRAFT = "draf"
    SUBMITTED = "diajukan"
    APPROVED = "disetujui"
    ENDORSED = "diketahui"
    RETURNED = "dikembalikan"


EDITABLE = {PlanStatus.DRAFT, PlanStatus.RETURNED}


class Decision(StrEnum):
    SUBMITTED = "diajukan"
    APPROVED = "disetujui"
    ENDORSED = "diketahui"
    RETURNED = "dikembalikan"
    REVISED = "revisi"


DECISION_LABELS = {
    Decision.SUBMITTED: "Diajukan", Decision.APPROVED: "Disetujui", Decision.ENDORSED: "Mengetahui",
    Decision.RETURNED: "Dikembalikan", Decision.REVISED: "Revisi baru dibuat",
}


MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


class Progress(StrEnum):
    """Where an approved line stands: its realisation."""
    NOT_STARTED = "belum"
    RUNNING = "berjalan"
    DONE = "selesai"
    CANCELLED = "batal"


PROGRESS_LABELS = {Progress.NOT_STARTED: "Belum mulai", Progress.RUNNING: "Berjalan", Progress.DONE: "Selesai",
                   Progress.CANCELLED: "Batal"}


class Plan(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    semester: Mapped[int | None]
    title: Mapped[str] = mapped_column(String(200))
    background: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PlanStatus] = mapped_column(String(12), default=PlanStatus.DRAFT, index=True)
    revision: Mapped[int] = mapped_column(default=1)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    status_changed_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    version: Mapped[int] = mapped_column(default=1)

    region: Mapped[Region] = relationship(lazy="joined")
    created_by: Mapped[User] = relationship()
    previous: Mapped[Plan | None] = relationship(remote_side=[id])
    lines: Mapped[list[PlanLine]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanLine.position", lazy="selectin"
    )
    steps: Mapped[list[PlanStep]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanStep.id", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def period_label(self) -> str:
        return f"Tahun {self.year}" + (f" Semester {self.semester}" if self.semester else "")

    @property
    def total(self) -> int:
        return sum(line.budget for line in self.lines)

    @property
    def last_return(self) -> PlanStep | None:
        """The note of the latest return, shown on top while the plan is back with its drafter."""
        if self.status != PlanStatus.RETURNED:
            return None
        return next((s for s in reversed(self.steps) if s.decision == Decision.RETURNED), None)

    def last_step(self, decision: Decision) -> PlanStep | None:
        return next((s for s in reversed(self.steps) if s.decision == decision), None)

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): where access rules look."""
        return (self.region_code, None)


class PlanLine(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    activity: Mapped[str] = mapped_column(String(300))
    spm_field: Mapped[SpmField] = mapped_column(String(20))
    indicator: Mapped[str] = mapped_column(String(300), default="")
    target_value: Mapped[str] = mapped_column(String(60), default="")
    target_group: Mapped[str] = mapped_column(String(120), default="")
    posyandu_id: Mapped[int | None] = mapped_column(ForeignKey("posyandu.id"))
    location_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    months: Mapped[str] = mapped_column(String(40), default="")
    person_in_charge: Mapped[str] = mapped_column(String(120), default="")
    budget: Mapped[int] = mapped_column(BigInteger, default=0)
    funding_source: Mapped[FundingSource] = mapped_column(String(12))
    mitra_id: Mapped[int | None] = mapped_column(ForeignKey("mitra.id"), index=True)  # pelaksana; None = the body
    budget_holder: Mapped[str] = mapped_column(String(12), default="")  # pemilik anggaran: see workplans.holders
    budget_holder_mitra_id: Mapped[int | None] = mapped_column(ForeignKey("mitra.id"), index=True)
    activity_code: Mapped[str] = mapped_column(String(40), default="")  # desa 02.02.02 or a SIPD sub-kegiatan
    volume: Mapped[int | None]
    unit: Mapped[str] = mapped_column(String(30), default="")           # satuan: "kali", "orang", "paket"
    unit_price: Mapped[int | None] = mapped_column(BigInteger)          # harga satuan; budget = volume × price
    output: Mapped[str] = mapped_column(String(300), default="")        # keluaran expected
    progress: Mapped[Progress] = mapped_column(String(10), default=Progress.NOT_STARTED)
    spent: Mapped[int] = mapped_column(BigInteger, default=0)
    progress_on: Mapped[dt.date | None] = mapped_column(Date)
    output_achieved: Mapped[str] = mapped_column(String(300), default="")
    evidence: Mapped[str] = mapped_column(String(300), default="")
    kit_items: Mapped[str] = mapped_column(String(200), default="")  # ILP kit keys this line funds, comma-separated

    plan: Mapped[Plan] = relationship(back_populates="lines")
    posyandu: Mapped[Posyandu | None] = relationship(lazy="joined")
    location_region: Mapped[Region | None] = relationship(lazy="joined")
    mitra: Mapped[Mitra | None] = relationship(lazy="joined", foreign_keys=[mitra_id])
    budget_holder_mitra: Mapped[Mitra | None] = relationship(lazy="joined", foreign_keys=[budget_holder_mitra_id])
    progress_events: Mapped[list[ProgressEvent]] = relationship(
        back_populates="line", cascade="all, delete-orphan", order_by="ProgressEvent.id"
    )

    @property
    def scope(self) -> tuple[str, int | None]:
        return (self.plan.region_code, None)

    @property
    def kit_keys(self) -> list[str]:
        return [key for key in self.kit_items.split(",") if key]

    @property
    def kit_labels(self) -> list[str]:
        return [ITEM_BY_KEY[key].label if key in ITEM_BY_KEY else key for key in self.kit_keys]

    @property
    def pelaksana_label(self) -> str:
        return self.mitra.short_name if self.mitra is not None else "Tim/Pokja sendiri"

    @property
    def holder_label(self) -> str:
        from webapp.workplans.holders import holder_label

        return holder_label(self)

    @property
    def progress_label(self) -> str:
        return PROGRESS_LABELS[Progress(self.progress)]

    @property
    def spent_share(self) -> int | None:
        """Spent as a whole percentage of the budget (None without a budget)."""
        return round(100 * self.spent / self.budget) if self.budget else None

    @property
    def field_label(self) -> str:
        return SPM_LABELS[SpmField(self.spm_field)]

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[FundingSource(self.funding_source)]

    @property
    def month_numbers(self) -> list[int]:
        return [int(m) for m in self.months.split(",") if m]

    @property
    def schedule_label(self) -> str:
        """"Jan, Mar–Mei": consecutive months joined into ranges."""
        months, parts = self.month_numbers, []
        i = 0
        while i < len(months):
            j = i
            while j + 1 < len(months) and months[j + 1] == months[j] + 1:
                j += 1
            first, last = MONTH_ABBR[months[i] - 1], MONTH_ABBR[months[j] - 1]
            parts.append(first if i == j else f"{first}–{last}")
            i = j + 1
        return ", ".join(parts)

    @property
    def location_label(self) -> str:
        if self.posyandu is not None:
            return self.posyandu.name
        return self.location_region.label if self.location_region is not None else ""

    @property
    def location_key(self) -> str:
        if self.posyandu_id:
            return f"p:{self.posyandu_id}"
        return f"r:{self.location_code}" if self.location_code else ""


class PlanStep(db.Model):
    """One step of the approval history: who, in which role and jabatan, when, what and why."""

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(60))
    jabatan: Mapped[str] = mapped_column(String(120), default="")
    nip: Mapped[str] = mapped_column(String(30), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    decision: Mapped[Decision] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(Text, default="")

    plan: Mapped[Plan] = relationship(back_populates="steps")
    user: Mapped[User] = relationship()

    @property
    def label(self) -> str:
        return DECISION_LABELS[Decision(self.decision)]


class ProgressEvent(HistoryColumns, db.Model):
    """One realisation update: the step taken and what was reported with it (kept, never changed)."""

    line_id: Mapped[int] = mapped_column(ForeignKey("plan_line.id"), index=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    spent: Mapped[int] = mapped_column(BigInteger, default=0)
    progress_on: Mapped[dt.date | None] = mapped_column(Date)
    output_achieved: Mapped[str] = mapped_column(String(300), default="")
    evidence: Mapped[str] = mapped_column(String(300), default="")

    line: Mapped[PlanLine] = relationship(back_populates="progress_events")

    @property
    def label(self) -> str:
        return {"start": "Mulai", "update": "Diperbarui", "finish": "Selesai", "correct": "Dikoreksi",
                "cancel": "Dibatalkan"}.get(self.action, self.action)


def spent_total(lines) -> int:
    """What was spent on the lines, cancelled ones left out."""
    return sum(line.spent for line in lines if line.progress != Progress.CANCELLED)


def totals_by_field(lines) -> list[tuple[str, int]]:
    """(SPM field label, summed budget) for the fields that have lines, in the fixed SPM order."""
    sums = {field: 0 for field in SpmField}
    present = set()
    for line in lines:
        sums[SpmField(line.spm_field)] += line.budget
        present.add(SpmField(line.spm_field))
    return [(SPM_LABELS[f], sums[f]) for f in SpmField if f in present]


def totals_by_source(lines) -> list[tuple[str, int]]:
    sums = {source: 0 for source in FundingSource}
    present = set()
    for line in lines:
        sums[FundingSource(line.funding_source)] += line.budget
        present.add(FundingSource(line.funding_source))
    return [(SOURCE_LABELS[s], sums[s]) for s in FundingSource if s in present]


def grouped_by_field(lines) -> list[tuple[str, list, int]]:
    """Lines grouped under their SPM field (fixed order) with the group's subtotal."""
    groups = []
    for field in SpmField:
        members = [line for line in lines if line.spm_field == field]
        if members:
            groups.append((SPM_LABELS[field], members, sum(line.budget for line in members)))
    return groups
