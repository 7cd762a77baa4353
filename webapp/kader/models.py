"""A Posyandu's people: pengurus and kader with their SK, the skills a trainer marked and the trainings attended.

`Kader` rows carry their Posyandu's desa code (`region_code`) so queries are scoped like every
other row. A kader may be linked to an account (`user_id`): then the bimtek meetings that
account checked in to appear in the passport as trainings, without anyone typing them.
"""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.auth.models import User
from webapp.clock import utcnow
from webapp.extensions import db
from webapp.kader.skills import level_of
from webapp.regions.models import Posyandu


class Position(StrEnum):
    KADER = "kader"
    KETUA = "ketua"
    SEKRETARIS = "sekretaris"
    BENDAHARA = "bendahara"


POSITION_LABELS = {Position.KETUA: "Ketua", Position.SEKRETARIS: "Sekretaris", Position.BENDAHARA: "Bendahara",
                   Position.KADER: "Kader"}

SPM_FIELDS = {
    "kesehatan": "Kesehatan", "pendidikan": "Pendidikan", "pu": "Pekerjaan umum",
    "perumahan": "Perumahan rakyat", "trantibumlinmas": "Trantibumlinmas", "sosial": "Sosial",
}
SEX_LABELS = {"L": "Laki-laki", "P": "Perempuan"}


class Kader(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    posyandu_id: Mapped[int] = mapped_column(ForeignKey("posyandu.id"), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    sex: Mapped[str] = mapped_column(String(1))
    phone: Mapped[str] = mapped_column(String(20), default="")
    position: Mapped[Position] = mapped_column(String(12), default=Position.KADER)
    spm_field: Mapped[str] = mapped_column(String(20), default="kesehatan")
    sk_number: Mapped[str] = mapped_column(String(120), default="")
    sk_on: Mapped[dt.date | None]
    active_since: Mapped[dt.date | None]
    is_active: Mapped[bool] = mapped_column(default=True)
    inactive_reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    posyandu: Mapped[Posyandu] = relationship(lazy="joined")
    user: Mapped[User | None] = relationship()
    skills: Mapped[list[KaderSkill]] = relationship(back_populates="kader", cascade="all, delete-orphan",
                                                    order_by="KaderSkill.code")
    trainings: Mapped[list[KaderTraining]] = relationship(back_populates="kader", cascade="all, delete-orphan",
                                                          order_by="KaderTraining.held_on.desc()")

    @property
    def has_sk(self) -> bool:
        return bool(self.sk_number and self.sk_on)

    @property
    def skill_codes(self) -> frozenset[str]:
        return frozenset(s.code for s in self.skills)

    @property
    def level(self) -> str:
        return level_of(self.skill_codes)

    @property
    def position_label(self) -> str:
        return POSITION_LABELS[Position(self.position)]

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): where access rules look."""
        return (self.region_code, self.posyandu_id)


class KaderSkill(db.Model):
    """One basic skill marked as mastered, by whom (a puskesmas or Pokjanal trainer) and when."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kader_id: Mapped[int] = mapped_column(ForeignKey("kader.id"), index=True)
    code: Mapped[str] = mapped_column(String(4))
    marked_on: Mapped[dt.date]
    marked_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))

    kader: Mapped[Kader] = relationship(back_populates="skills")
    marked_by: Mapped[User] = relationship(lazy="joined")

    __table_args__ = (UniqueConstraint("kader_id", "code", name="uq_kader_skill_code"),)


class KaderTraining(db.Model):
    """A training attended outside the app's bimtek meetings, typed by hand."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kader_id: Mapped[int] = mapped_column(ForeignKey("kader.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    organiser: Mapped[str] = mapped_column(String(200), default="")
    held_on: Mapped[dt.date]
    certificate_number: Mapped[str] = mapped_column(String(120), default="")
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    kader: Mapped[Kader] = relationship(back_populates="trainings")
