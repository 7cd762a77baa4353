"""A manager-issued password reset and its confirmation by a second person.

A reset code is issued by the account's manager, who therefore could set the password and act as the
owner. The password still changes at once (the owner's way back in), but an account that can sign,
approve or confirm stays locked for those steps (webapp/workflow.py asks `Actor.reset_lock`) until a
second person confirms: an approver above the account's tier or a kabupaten admin, never the manager
who issued the code nor the owner. Both the reset and its confirmation are audited.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from webapp.access import Actor
from webapp.audit import audit
from webapp.auth.models import PasswordReset, Role, RoleAssignment, User
from webapp.auth.rules import confirms_reset
from webapp.clock import utcnow
from webapp.extensions import db
from webapp.formatting import waktu
from webapp.refusal import Refused
from webapp.regions.models import default_timezone

SIGNING_ROLES = frozenset({Role.APPROVER, Role.ADMIN, Role.ANGGOTA})
"""Roles whose steps (approve, endorse, verify, sign) or powers (confirming a reset) a reset locks."""
NOT_CONFIRMABLE = "Anda tidak berwenang mengonfirmasi atur ulang kata sandi akun ini."


def record_use(user: User, issued_by_id: int | None, at: dt.datetime) -> PasswordReset:
    """Note a reset just used (the caller commits); pending only when the account has something to lock."""
    locks = any(Role(r.role) in SIGNING_ROLES for r in user.roles)
    issuer = db.session.get(User, issued_by_id) if issued_by_id else None
    reset = PasswordReset(user=user, issued_by=issuer, used_at=at, confirmed_at=None if locks else at)
    db.session.add(reset)
    return reset


def pending(user_id: int) -> PasswordReset | None:
    """The reset that still waits for a second person, if any."""
    return db.session.scalar(PasswordReset.pending_for(user_id))


def confirmable(actor: Actor) -> list[PasswordReset]:
    """Pending resets of accounts in the actor's reach that the actor may confirm (the /pengguna list)."""
    in_reach = select(RoleAssignment.user_id).where(actor.where_region("user.manage", RoleAssignment.region_code))
    rows = db.session.scalars(select(PasswordReset).where(
        PasswordReset.confirmed_at.is_(None), PasswordReset.user_id.in_(in_reach)).order_by(PasswordReset.used_at))
    return [reset for reset in rows if confirms_reset(actor, reset)]


def confirm(actor: Actor, user: User, address: str) -> PasswordReset:
    """A second person confirms the reset: the account may sign again. Audited; one commit."""
    reset = pending(user.id)
    if reset is None or not confirms_reset(actor, reset):
        raise Refused(NOT_CONFIRMABLE)
    reset.confirmed_by_id, reset.confirmed_at = actor.id, utcnow()
    audit(actor.id, "password.reset_confirmed", user.username, f"diatur ulang oleh {reset.issuer_name}", address)
    db.session.commit()
    return reset


def used_since(user_id: int, since: dt.datetime) -> PasswordReset | None:
    """The latest reset of the account used at or after `since` (a session started then has been ended by it)."""
    return db.session.scalar(select(PasswordReset).where(
        PasswordReset.user_id == user_id, PasswordReset.used_at >= since).order_by(PasswordReset.id.desc()))


def ended_notice(reset_id: int | None) -> str:
    """What the owner's ended session says: who reset the password, and when."""
    reset = db.session.get(PasswordReset, reset_id) if reset_id else None
    if reset is None:
        return ""
    zone = default_timezone(reset.user.roles[0].region_code) if reset.user.roles else "Asia/Jakarta"
    return (f"Sesi Anda berakhir karena kata sandi akun ini diatur ulang oleh {reset.issuer_name} pada "
            f"{waktu(reset.used_at, zone)}. Bila bukan Anda yang memintanya, segera hubungi pengurus satu "
            "tingkat di atas Anda atau admin kabupaten.")


def lock_notice(reset: PasswordReset | None) -> str:
    """Said at sign-in while the account waits: why the approve and sign buttons are missing."""
    if reset is None or reset.confirmed_at is not None:
        return ""
    return ("Sampai orang kedua (pejabat satu tingkat di atas atau admin kabupaten lain) mengonfirmasi atur "
            "ulang ini di halaman Pengguna, akun ini belum bisa menyetujui, memverifikasi atau menandatangani.")
