"""Accounts, their region-bound roles and sign-in attempts."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.clock import utcnow
from webapp.extensions import db
from webapp.regions.models import Posyandu, Region


class Role(StrEnum):
    KADER = "kader"
    ANGGOTA = "anggota"
    APPROVER = "approver"
    ADMIN = "admin"
    MITRA = "mitra"  # a partner's staff: reads what concerns its mitra, updates realisation; nothing else


ROLE_LABELS = {
    Role.KADER: "Kader",
    Role.ANGGOTA: "Anggota",
    Role.APPROVER: "Pejabat penyetuju",
    Role.ADMIN: "Admin",
    Role.MITRA: "Mitra",
}


class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    phone: Mapped[str | None] = mapped_column(String(16), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    jabatan: Mapped[str] = mapped_column(String(120), default="")
    nip: Mapped[str] = mapped_column(String(30), default="")
    is_asn: Mapped[bool] = mapped_column(default=False)  # a civil servant: only then is the NIP printed
    sex: Mapped[str] = mapped_column(String(1), default="")  # "L", "P" or unknown ""
    password_hash: Mapped[str] = mapped_column(String(255))
    is_enabled: Mapped[bool] = mapped_column(default=True)
    session_version: Mapped[int] = mapped_column(default=1)
    reset_code_hash: Mapped[str | None] = mapped_column(String(255))
    reset_expires_at: Mapped[dt.datetime | None]
    # who issued the last reset code; set when it is used, shown on the owner's next sign-in
    reset_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reset_notice_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    # Loaded on use: a user printed as a chair, author or assignee does not need grants. The signed-in
    # actor's come with the user (auth/sessions.py); lists that print roles ask for them (selectinload).
    roles: Mapped[list[RoleAssignment]] = relationship(back_populates="user", cascade="all, delete-orphan")
    reset_by: Mapped[User | None] = relationship(foreign_keys=[reset_by_id], remote_side=[id])

    # Flask-Login protocol; the id carries the session version so bumping it ends every session.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.is_enabled

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"


class RoleAssignment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    role: Mapped[Role] = mapped_column(String(10))
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    posyandu_id: Mapped[int | None] = mapped_column(ForeignKey("posyandu.id"), index=True)
    mitra_id: Mapped[int | None] = mapped_column(ForeignKey("mitra.id"), index=True)  # the mitra role's partner

    user: Mapped[User] = relationship(back_populates="roles")
    region: Mapped[Region] = relationship(lazy="joined")
    posyandu: Mapped[Posyandu | None] = relationship(lazy="joined")

    __table_args__ = (UniqueConstraint("user_id", "role", "region_code", "posyandu_id", name="uq_role_assignment"),)

    @property
    def label(self) -> str:
        where = self.posyandu.name if self.posyandu else self.region.label
        if self.role == Role.APPROVER:
            return f"{self.region.approver_title} — {self.region.label}"
        return f"{ROLE_LABELS[Role(self.role)]} — {where}"


class LoginAttempt(db.Model):
    """Kept in the database so every worker counts the same failures."""

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    succeeded: Mapped[bool]
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class PasswordReset(db.Model):
    """A password set with a code a manager issued. The manager knew the code, so until a second person
    confirms (`confirmed_at`), the account takes no approve, sign or finalise step (webapp/workflow.py);
    documents signed within a week after it say so on their verification page. Accounts with nothing to
    sign (kader, mitra) are confirmed at once, with no confirmer."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    used_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    confirmed_at: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    issued_by: Mapped[User | None] = relationship(foreign_keys=[issued_by_id])
    confirmed_by: Mapped[User | None] = relationship(foreign_keys=[confirmed_by_id])

    @property
    def issuer_name(self) -> str:
        return self.issued_by.full_name if self.issued_by else "pengurus"

    @classmethod
    def pending_for(cls, user_id: int):
        """The statement for the account's reset still waiting for a second person, newest first."""
        return select(cls).where(cls.user_id == user_id, cls.confirmed_at.is_(None)).order_by(cls.id.desc()).limit(1)
