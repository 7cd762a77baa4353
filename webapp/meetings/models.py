"""Coordination meetings: participants and attendance, minutes per agenda item, action items
that carry over to the next meeting of the same body, and the minutes' revisions and comments."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.auth.models import User
from webapp.clock import utcnow
from webapp.documents.people import person
from webapp.extensions import db
from webapp.lembaga.models import Member
from webapp.mitra.models import Mitra
from webapp.workflow import HistoryColumns
from webapp.regions.models import Region


class MeetingKind(StrEnum):
    KOORDINASI = "koordinasi"
    ADVOKASI = "advokasi"
    BIMTEK = "bimtek"
    MONEV = "monev"
    SOSIALISASI = "sosialisasi"
    LAINNYA = "lainnya"


KIND_LABELS = {
    MeetingKind.KOORDINASI: "Rapat Koordinasi",
    MeetingKind.ADVOKASI: "Advokasi",
    MeetingKind.BIMTEK: "Bimbingan Teknis",
    MeetingKind.MONEV: "Monitoring dan Evaluasi",
    MeetingKind.SOSIALISASI: "Sosialisasi",
    MeetingKind.LAINNYA: "Lainnya",
}


ACTIVITY_KINDS = frozenset({MeetingKind.BIMTEK, MeetingKind.ADVOKASI, MeetingKind.SOSIALISASI})
"""Filed as a laporan pelaksanaan kegiatan (narasumber, materi, photos); rakor and monev keep the notulen."""


class MinutesStatus(StrEnum):
    DRAFT = "draft"
    CIRCULATED = "circulated"
    FINAL = "final"
    LOCKED = "locked"


STATUS_LABELS = {
    MinutesStatus.DRAFT: "Draf",
    MinutesStatus.CIRCULATED: "Diedarkan",
    MinutesStatus.FINAL: "Final",
    MinutesStatus.LOCKED: "Dikunci (arsip)",
}


class InvitationStatus(StrEnum):
    """The undangan: prepared by the secretariat, numbered and verifiable only once its signer approves it."""
    DRAF = "draf"
    DIAJUKAN = "diajukan"
    TERBIT = "terbit"


INVITATION_LABELS = {InvitationStatus.DRAF: "Disiapkan", InvitationStatus.DIAJUKAN: "Menunggu tanda tangan",
                     InvitationStatus.TERBIT: "Diterbitkan"}


class Attendance(StrEnum):
    HADIR = "hadir"
    IZIN = "izin"
    TIDAK_HADIR = "tidak_hadir"


ATTENDANCE_LABELS = {Attendance.HADIR: "Hadir", Attendance.IZIN: "Izin", Attendance.TIDAK_HADIR: "Tidak hadir"}


class ActionStatus(StrEnum):
    TERBUKA = "terbuka"
    PROSES = "proses"
    SELESAI = "selesai"


ACTION_LABELS = {ActionStatus.TERBUKA: "Terbuka", ActionStatus.PROSES: "Proses", ActionStatus.SELESAI: "Selesai"}


class Meeting(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    kind: Mapped[MeetingKind] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    ends_at: Mapped[dt.datetime | None]
    place: Mapped[str] = mapped_column(String(200))
    chair_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    notulis_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    chair_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))    # who chairs, as printed
    notulis_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))  # who takes the notes
    status: Mapped[MinutesStatus] = mapped_column(String(12), default=MinutesStatus.DRAFT)
    checkin_code: Mapped[str] = mapped_column(String(8), unique=True)
    opening: Mapped[str] = mapped_column(Text, default="")
    closing: Mapped[str] = mapped_column(Text, default="")
    basis: Mapped[str] = mapped_column(Text, default="")  # dasar (activity report)
    purpose: Mapped[str] = mapped_column(Text, default="")  # maksud dan tujuan (activity report)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finalized_at: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(default=1)
    invitation_status: Mapped[InvitationStatus] = mapped_column(String(10), default=InvitationStatus.DRAF,
                                                                server_default=InvitationStatus.DRAF)

    region: Mapped[Region] = relationship(lazy="joined")
    chair: Mapped[User] = relationship(foreign_keys=[chair_id], lazy="joined")
    notulis: Mapped[User] = relationship(foreign_keys=[notulis_id], lazy="joined")
    chair_member: Mapped[Member | None] = relationship(foreign_keys=[chair_member_id], lazy="joined")
    notulis_member: Mapped[Member | None] = relationship(foreign_keys=[notulis_member_id], lazy="joined")
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan")
    participants: Mapped[list[Participant]] = relationship(
        back_populates="meeting", order_by="Participant.id", cascade="all, delete-orphan")
    action_items: Mapped[list[ActionItem]] = relationship(
        back_populates="meeting", order_by="ActionItem.id", cascade="all, delete-orphan")
    speakers: Mapped[list[Speaker]] = relationship(order_by="Speaker.id", cascade="all, delete-orphan")
    photos: Mapped[list[MeetingPhoto]] = relationship(order_by="MeetingPhoto.id", cascade="all, delete-orphan")
    events: Mapped[list[MinutesEvent]] = relationship(order_by="MinutesEvent.id", cascade="all, delete-orphan")
    invitation_events: Mapped[list[InvitationEvent]] = relationship(order_by="InvitationEvent.id",
                                                                    cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    @property
    def chair_signatory(self) -> dict:
        """Name, jabatan and NIP printed for the chair: the body's member when named, else the account."""
        return person(self.chair_member, self.chair)

    @property
    def notulis_signatory(self) -> dict:
        return person(self.notulis_member, self.notulis)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[MeetingKind(self.kind)]

    @property
    def headline(self) -> str:
        """"Rapat Koordinasi — Evaluasi Triwulan III", or the title alone when it already names its kind (a printed
        title never reads "Rapat Koordinasi — Rapat Koordinasi …")."""
        kind = self.kind_label
        return self.title if self.title.lower().startswith(kind.lower()) else f"{kind} — {self.title}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[MinutesStatus(self.status)]

    @property
    def invitation_label(self) -> str:
        return INVITATION_LABELS[InvitationStatus(self.invitation_status)]

    @property
    def text_is_frozen(self) -> bool:
        """Final and locked minutes never change."""
        return self.status in (MinutesStatus.FINAL, MinutesStatus.LOCKED)

    @property
    def is_activity(self) -> bool:
        """Printed as a laporan pelaksanaan kegiatan rather than a notulen."""
        return self.kind in ACTIVITY_KINDS

    @property
    def present_count(self) -> int:
        return sum(1 for p in self.participants if p.attendance == Attendance.HADIR)

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): where access rules look."""
        return (self.region_code, None)


class AgendaItem(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(200))
    discussion: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")
    action_items: Mapped[list[ActionItem]] = relationship(back_populates="agenda_item", order_by="ActionItem.id")


class ActionItem(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    what: Mapped[str] = mapped_column(Text)
    responsible_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    responsible_region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"), index=True)
    responsible_agency: Mapped[str] = mapped_column(String(200), default="")
    responsible_mitra_id: Mapped[int | None] = mapped_column(ForeignKey("mitra.id"), index=True)
    responsible_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"), index=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(String(10), default=ActionStatus.TERBUKA, index=True)
    progress_note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="action_items", lazy="joined")
    agenda_item: Mapped[AgendaItem | None] = relationship(back_populates="action_items")
    responsible_user: Mapped[User | None] = relationship(lazy="joined")
    responsible_region: Mapped[Region | None] = relationship(lazy="joined")
    responsible_mitra: Mapped[Mitra | None] = relationship(lazy="joined")
    responsible_member: Mapped[Member | None] = relationship(lazy="joined")
    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action_item", order_by="ActionUpdate.id", cascade="all, delete-orphan")

    @property
    def responsible_label(self) -> str:
        if self.responsible_member is not None:
            return f"{self.responsible_member.name} ({self.responsible_member.jabatan_label})"
        if self.responsible_user is not None:
            return self.responsible_user.full_name
        if self.responsible_region is not None:
            return f"Pokja/Pokjanal {self.responsible_region.formal_label}"
        if self.responsible_mitra is not None:
            return self.responsible_mitra.short_name
        return self.responsible_agency

    @property
    def scope(self) -> tuple[str, int | None]:
        """Its meeting's scope: whoever sees the meeting sees what it decided."""
        return self.meeting.scope

    @property
    def is_done(self) -> bool:
        return self.status == ActionStatus.SELESAI

    def is_late_on(self, today: dt.date) -> bool:
        return not self.is_done and self.due_on is not None and self.due_on < today

    @property
    def is_late(self) -> bool:
        """Terlambat: not done and past its due date (the UTC date; a day's slack either side is fine)."""
        return self.is_late_on(utcnow().date())

    @property
    def status_label(self) -> str:
        return "Terlambat" if self.is_late else ACTION_LABELS[ActionStatus(self.status)]


class ActionUpdate(db.Model):
    """One progress report on an action item; `meeting_id` is the meeting where it was reported, if any."""

    id: Mapped[int] = mapped_column(primary_key=True)
    action_item_id: Mapped[int] = mapped_column(ForeignKey("action_item.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    status: Mapped[ActionStatus] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    action_item: Mapped[ActionItem] = relationship(back_populates="updates")
    by: Mapped[User | None] = relationship()

    @property
    def status_label(self) -> str:
        return ACTION_LABELS[ActionStatus(self.status)]


class Participant(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"), index=True)  # a member of a body
    guest_name: Mapped[str] = mapped_column(String(120), default="")
    jabatan: Mapped[str] = mapped_column(String(120), default="")
    instansi: Mapped[str] = mapped_column(String(120), default="")
    sex: Mapped[str] = mapped_column(String(1), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    attendance: Mapped[Attendance | None] = mapped_column(String(12))
    checked_in_at: Mapped[dt.datetime | None]
    is_walk_in: Mapped[bool] = mapped_column(default=False)

    meeting: Mapped[Meeting] = relationship(back_populates="participants")
    user: Mapped[User | None] = relationship(lazy="joined")
    member: Mapped[Member | None] = relationship(lazy="joined")

    __table_args__ = (UniqueConstraint("meeting_id", "user_id", name="uq_participant_meeting_user"),
                      UniqueConstraint("meeting_id", "member_id", name="uq_participant_meeting_member"))

    @property
    def name(self) -> str:
        if self.member is not None:
            return self.member.name
        return self.user.full_name if self.user is not None else self.guest_name

    @property
    def jabatan_instansi(self) -> str:
        """A member's jabatan in the body and unsur; else what was typed, or the account's jabatan."""
        if self.member is not None:
            return ", ".join(part for part in (self.member.jabatan_label, self.member.unsur) if part)
        jabatan = self.jabatan or (self.user.jabatan if self.user is not None else "")
        return ", ".join(part for part in (jabatan, self.instansi) if part)

    @property
    def sex_label(self) -> str:
        """L/P: the member record first, then what was typed for a guest, then the account."""
        if self.member is not None and self.member.sex:
            return self.member.sex
        return self.sex or (self.user.sex or "" if self.user is not None else "")

    @property
    def attendance_label(self) -> str:
        return ATTENDANCE_LABELS[Attendance(self.attendance)] if self.attendance else "Belum dicatat"


class MinutesRevision(db.Model):
    """A snapshot (JSON) of the minutes' text at each draft save."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    number: Mapped[int]
    snapshot: Mapped[str] = mapped_column(Text)
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    saved_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    saved_by: Mapped[User | None] = relationship()


class MinutesComment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    author: Mapped[User] = relationship(lazy="joined")


class Speaker(db.Model):
    """A narasumber of a bimtek, advokasi or sosialisasi and the materi presented."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    jabatan: Mapped[str] = mapped_column(String(200), default="")  # jabatan and instansi as printed
    topic: Mapped[str] = mapped_column(String(240))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))  # a narasumber from the body's members


class MeetingPhoto(db.Model):
    """Dokumentasi: a JPEG re-encoded on the server (≤ 200 KB, no EXIF)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    caption: Mapped[str] = mapped_column(String(200), default="")


class MinutesEvent(HistoryColumns, db.Model):
    """One step of the minutes' flow: circulated, signed final, locked (who, in which office, when)."""

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)


class InvitationEvent(HistoryColumns, db.Model):
    """One step of the undangan's flow: submitted for signature, approved (issued), returned, reopened."""

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
