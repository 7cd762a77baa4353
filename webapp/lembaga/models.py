"""The body itself (Pokjanal / Pokja / Tim Pembina Posyandu) per region: its SK and its members."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, LargeBinary, String, func, select
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from webapp.auth.models import User
from webapp.clock import utcnow
from webapp.extensions import db
from webapp.mitra.models import Mitra
from webapp.regions.models import Region
from webapp.spm import SPM_LABELS, SpmField


class Jabatan(StrEnum):
    KETUA = "ketua"
    WAKIL = "wakil"
    SEKRETARIS = "sekretaris"
    BENDAHARA = "bendahara"
    KOORDINATOR = "koordinator"
    ANGGOTA = "anggota"


JABATAN_LABELS = {Jabatan.KETUA: "Ketua", Jabatan.WAKIL: "Wakil Ketua", Jabatan.SEKRETARIS: "Sekretaris",
                  Jabatan.BENDAHARA: "Bendahara", Jabatan.KOORDINATOR: "Koordinator Bidang",
                  Jabatan.ANGGOTA: "Anggota"}


class Body(db.Model):
    """One body per region (kabupaten, kecamatan, desa/kelurahan) with the SK that formed it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), unique=True)
    sk_number: Mapped[str] = mapped_column(String(100), default="")
    sk_on: Mapped[dt.date | None] = mapped_column(Date)
    sk_signed_by: Mapped[str] = mapped_column(String(120), default="")
    term_start: Mapped[dt.date | None] = mapped_column(Date)
    term_end: Mapped[dt.date | None] = mapped_column(Date)
    scan: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    scan_name: Mapped[str] = mapped_column(String(120), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    region: Mapped[Region] = relationship(lazy="joined")
    members: Mapped[list[Member]] = relationship(back_populates="body", cascade="all, delete-orphan",
                                                 order_by="Member.position, Member.id", lazy="selectin")

    @property
    def scope(self) -> tuple[str, int | None]:
        return (self.region_code, None)

    def is_valid_on(self, day: dt.date) -> bool:
        return sk_is_valid(self.sk_number, self.term_end, day)


def sk_is_valid(sk_number: str, term_end: dt.date | None, day: dt.date) -> bool:
    """Formed by an SK whose masa bakti has not ended (the one rule, for rows and for loaded columns)."""
    return bool(sk_number) and (term_end is None or term_end >= day)


def jabatan_label(jabatan: str, bidang: str) -> str:
    """"Ketua", or "Koordinator Bidang Kesehatan" for a koordinator with an SPM field."""
    label = JABATAN_LABELS[Jabatan(jabatan)]
    if jabatan == Jabatan.KOORDINATOR and bidang in set(SpmField):
        return f"{label} {SPM_LABELS[SpmField(bidang)]}"
    return label


class Member(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    own_name: Mapped[str] = mapped_column("name", String(120))  # the name when no account is linked
    jabatan: Mapped[Jabatan] = mapped_column(String(12))
    mitra_id: Mapped[int | None] = mapped_column(ForeignKey("mitra.id"), index=True)   # unsur: the partner
    unsur_text: Mapped[str] = mapped_column(String(120), default="")  # unsur without a mitra: tokoh masyarakat
    bidang: Mapped[str] = mapped_column(String(20), default="")       # SPM field of a koordinator bidang
    own_sex: Mapped[str] = mapped_column("sex", String(1))               # L/P and NIP of a member without an
    phone: Mapped[str] = mapped_column(String(20), default="")
    own_nip: Mapped[str] = mapped_column("nip", String(30), default="")  # account; a linked one reads its account
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)

    body: Mapped[Body] = relationship(back_populates="members")
    mitra: Mapped[Mitra | None] = relationship(lazy="joined")
    user: Mapped[User | None] = relationship(lazy="joined")

    @property
    def scope(self) -> tuple[str, int | None]:
        return (self.body.region_code, None)

    @property
    def jabatan_label(self) -> str:
        return jabatan_label(self.jabatan, self.bidang)

    # One person, one identity: a member linked to an account is that account's person, so name, L/P and
    # NIP are read from the account (held once); the member keeps only its place in the body.
    @hybrid_property
    def name(self) -> str:
        return self.user.full_name if self.user is not None else self.own_name

    @name.inplace.setter
    def _name_setter(self, value: str) -> None:
        self.own_name = value

    @name.inplace.expression
    @classmethod
    def _name_expression(cls):
        """In a query: the linked account's name, else the member's own."""
        return func.coalesce(select(User.full_name).where(User.id == cls.user_id).scalar_subquery(), cls.own_name)

    @property
    def sex(self) -> str:
        return (self.user.sex or "") if self.user is not None else self.own_sex

    @sex.setter
    def sex(self, value: str) -> None:
        self.own_sex = value

    @property
    def nip(self) -> str:
        """The NIP as printed: a linked account's only when it is an ASN's; a member's own when given."""
        if self.user is not None:
            return self.user.nip.strip() if self.user.is_asn and self.user.nip else ""
        return self.own_nip

    @nip.setter
    def nip(self, value: str) -> None:
        self.own_nip = value

    @property
    def unsur(self) -> str:
        return self.mitra.short_name if self.mitra is not None else self.unsur_text
