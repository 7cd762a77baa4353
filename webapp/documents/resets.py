"""The verification page's warning: a version signed within a week after a manager reset the signing
account's password (the manager knew the code, so the signature may not be the owner's).

Every version up to the one verified counts: an approved plan's later versions still carry the earlier
approver's signature. Kept apart from the rest of the page on purpose (a block of its own).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from webapp.auth.models import PasswordReset, User
from webapp.clock import local_time
from webapp.documents.models import SignedDocument
from webapp.extensions import db
from webapp.formatting import tanggal, waktu
from webapp.regions.queries import setting_for

WINDOW = dt.timedelta(days=7)


def notes(document: SignedDocument) -> list[str]:
    """One sentence per signature given within WINDOW after a manager-issued reset of the signing account."""
    versions = db.session.execute(select(SignedDocument.signed_by_id, SignedDocument.signed_at).where(
        SignedDocument.kind == document.kind, SignedDocument.subject_id == document.subject_id,
        SignedDocument.version <= document.version, SignedDocument.signed_by_id.is_not(None))).all()
    zone = setting_for(document.region_code).timezone
    said = []
    for user_id, signed_at in versions:
        for reset in db.session.scalars(select(PasswordReset).where(
                PasswordReset.user_id == user_id, PasswordReset.used_at <= signed_at,
                PasswordReset.used_at >= signed_at - WINDOW)):
            said.append(_sentence(db.session.get(User, user_id), reset, signed_at, zone))
    return list(dict.fromkeys(said))


def _sentence(user: User, reset: PasswordReset, signed_at: dt.datetime, zone: str) -> str:
    confirmed = (f"dikonfirmasi oleh {reset.confirmed_by.full_name}" if reset.confirmed_by
                 else "belum dikonfirmasi orang kedua")
    return (f"Ditandatangani dari akun {user.full_name} pada {tanggal(local_time(signed_at, zone).date(), False)}, "
            f"dalam 7 hari setelah kata sandi akun itu diatur ulang oleh {reset.issuer_name} pada "
            f"{waktu(reset.used_at, zone)} ({confirmed}).")
