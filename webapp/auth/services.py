"""Sign-in, sessions, accounts and reset codes; every change is audited and committed once."""
from __future__ import annotations

import datetime as dt
import secrets

from flask import current_app
from sqlalchemy import func, select

from webapp.access import Actor
from webapp.audit import audit
from webapp.auth.models import LoginAttempt, Role, RoleAssignment, User
from webapp.auth.rules import grantable
from webapp.clock import utcnow
from webapp.auth.passwords import hash_password, password_problem, verify_password
from webapp.auth.phone import looks_like_phone, normalize_phone
from webapp.extensions import db
from webapp.refusal import Refused
from webapp.mitra.models import Mitra
from webapp.regions.models import Posyandu, Region, kabupaten_code_of



def find_user_by_login(login: str) -> User | None:
    """A login is a username or a phone number in any of its written forms."""
    login = (login or "").strip()
    if looks_like_phone(login):
        phone = normalize_phone(login)
        if phone:
            return db.session.scalar(select(User).where(User.phone == phone))
    return db.session.scalar(select(User).where(func.lower(User.username) == login.lower()))


def _login_key(login: str) -> str:
    """Failures count per account, whichever way (username, any phone form) it was named."""
    user = find_user_by_login(login)
    if user is not None:
        return user.username
    phone = normalize_phone(login) if looks_like_phone(login) else None
    return phone or (login or "").strip().lower()[:64]


def _recent_failures(column, value: str, reset_by_success: bool = True) -> int:
    """Failures since the lock window opened (and, per account, since its last success)."""
    window_start = utcnow() - dt.timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
    last_success = reset_by_success and db.session.scalar(
        select(func.max(LoginAttempt.at)).where(column == value, LoginAttempt.succeeded.is_(True))
    )
    since = max(window_start, last_success) if last_success else window_start
    return db.session.scalar(
        select(func.count()).where(column == value, LoginAttempt.succeeded.is_(False), LoginAttempt.at > since)
    )


def is_throttled(login: str, address: str) -> bool:
    config = current_app.config
    return (
        _recent_failures(LoginAttempt.login, _login_key(login)) >= config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
        # one valid account must not reset the cap for everyone guessing from that address
        or _recent_failures(LoginAttempt.address, address, reset_by_success=False)
        >= config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    )


THROTTLE_MESSAGE = "Terlalu banyak percobaan masuk yang gagal. Tunggu 15 menit lalu coba lagi, atau minta kode reset ke pengurus satu tingkat di atas Anda."
WRONG_LOGIN_MESSAGE = "Nama pengguna/nomor HP atau kata sandi salah."


def authenticate(login: str, password: str, address: str) -> User:
    """Check a sign-in; raises Refused with the message to show. Records the attempt."""
    key = _login_key(login)
    if is_throttled(login, address):
        audit(None, "login.throttled", key, address=address)
        db.session.commit()
        raise Refused(THROTTLE_MESSAGE)
    user = find_user_by_login(login)
    ok = user is not None and user.is_enabled and verify_password(user.password_hash, password)
    db.session.add(LoginAttempt(login=key, address=address, succeeded=ok))
    if not ok:
        audit(user.id if user else None, "login.failed", key, address=address)
        db.session.commit()
        raise Refused(WRONG_LOGIN_MESSAGE)
    audit(user.id, "login", user.username, address=address)
    db.session.commit()
    return user


def end_all_sessions(user: User) -> None:
    """Bump the session version so every cookie issued before stops working."""
    user.session_version = User.session_version + 1


def record_logout(user: User, address: str) -> None:
    end_all_sessions(user)
    audit(user.id, "logout", user.username, address=address)
    db.session.commit()


def change_password(user: User, current: str, new: str, address: str) -> None:
    if not verify_password(user.password_hash, current):
        raise Refused("Kata sandi sekarang salah.", "current_password")
    problem = password_problem(new, user.username)
    if problem:
        raise Refused(problem, "new_password")
    user.password_hash = hash_password(new)
    end_all_sessions(user)
    audit(user.id, "password.changed", user.username, address=address)
    db.session.commit()


# ---- accounts one tier down ---------------------------------------------------------------

def create_account(actor: Actor, *, username: str, full_name: str, phone: str, jabatan: str, nip: str,
                   password: str, role: Role, region_code: str, posyandu_id: int | None, address: str,
                   mitra_id: int | None = None) -> User:
    """Create an account with one role; all checks first, then one commit."""
    username = username.strip().lower()
    if db.session.scalar(select(User.id).where(func.lower(User.username) == username)):
        raise Refused("Nama pengguna ini sudah dipakai.", "username")
    normalized = None
    if phone.strip():
        normalized = normalize_phone(phone)
        if not normalized:
            raise Refused("Nomor HP tidak dikenali. Tulis seperti 0812xxxxxxx.", "phone")
        if db.session.scalar(select(User.id).where(User.phone == normalized)):
            raise Refused("Nomor HP ini sudah dipakai akun lain.", "phone")
    region = db.session.get(Region, region_code)
    if region is None:
        raise Refused("Kode wilayah tidak dikenal.", "region_code")
    if not grantable(actor, role, region_code):
        raise Refused("Anda tidak berwenang membuat akun dengan peran ini di wilayah ini.", "role")
    if role == Role.KADER:
        posyandu = db.session.get(Posyandu, posyandu_id) if posyandu_id else None
        if posyandu is None or posyandu.region_code != region_code:
            raise Refused("Pilih Posyandu di desa ini untuk kader.", "posyandu_id")
    else:
        posyandu_id = None
    mitra_id = _checked_mitra(role, region_code, mitra_id)
    problem = password_problem(password, username)
    if problem:
        raise Refused(problem, "password")
    user = User(username=username, full_name=full_name.strip(), phone=normalized, jabatan=jabatan.strip(),
                nip=nip.strip(), password_hash=hash_password(password), created_by_id=actor.id)
    user.roles.append(RoleAssignment(role=role, region_code=region_code, posyandu_id=posyandu_id, mitra_id=mitra_id))
    db.session.add(user)
    db.session.flush()
    audit(actor.id, "user.created", username, f"{role} {region_code}", address)
    audit(actor.id, "role.granted", username, f"{role} {region_code} {posyandu_id or ''}".strip(), address)
    db.session.commit()
    return user


def _checked_mitra(role: Role, region_code: str, mitra_id: int | None) -> int | None:
    """A mitra account works for one active mitra of the account's kabupaten; other roles for none."""
    if role != Role.MITRA:
        return None
    mitra = db.session.get(Mitra, mitra_id) if mitra_id else None
    if mitra is None or not mitra.is_active or mitra.kabupaten_code != kabupaten_code_of(region_code):
        raise Refused("Pilih mitra kabupaten ini untuk akun dengan peran mitra.", "mitra_id")
    return mitra.id


def manages(actor: Actor, user: User) -> bool:
    """A manager acts on an account when every role of it is one the manager could grant."""
    return bool(user.roles) and user.id != actor.id and all(
        grantable(actor, Role(r.role), r.region_code) for r in user.roles
    )


def set_enabled(actor: Actor, user: User, enabled: bool, address: str) -> None:
    if not manages(actor, user):
        raise Refused("Anda tidak berwenang mengubah akun ini.")
    user.is_enabled = enabled
    if not enabled:
        end_all_sessions(user)
    audit(actor.id, "user.enabled" if enabled else "user.disabled", user.username, address=address)
    db.session.commit()


def issue_reset_code(actor: Actor, user: User, address: str) -> str:
    """A one-time code, shown once to the manager, that lets the user set a new password."""
    if not manages(actor, user):
        raise Refused("Anda tidak berwenang mengubah akun ini.")
    code = "".join(secrets.choice("23456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(8))
    user.reset_code_hash = hash_password(code)
    user.reset_expires_at = utcnow() + dt.timedelta(hours=current_app.config["RESET_CODE_HOURS"])
    audit(actor.id, "user.reset_code", user.username, address=address)
    db.session.commit()
    return code


def reset_with_code(login: str, code: str, new_password: str, address: str) -> User:
    """Set a new password with a reset code; the code works once and ends all sessions."""
    if is_throttled(login, address):
        raise Refused(THROTTLE_MESSAGE)
    user = find_user_by_login(login)
    valid = (
        user is not None and user.reset_code_hash and user.reset_expires_at
        and user.reset_expires_at > utcnow()
        and verify_password(user.reset_code_hash, code.strip().upper())
    )
    if not valid:
        db.session.add(LoginAttempt(login=_login_key(login), address=address, succeeded=False))
        db.session.commit()
        raise Refused("Kode reset salah atau sudah kedaluwarsa.", "code")
    problem = password_problem(new_password, user.username)
    if problem:
        raise Refused(problem, "new_password")
    user.password_hash = hash_password(new_password)
    user.reset_code_hash = None
    user.reset_expires_at = None
    end_all_sessions(user)
    audit(user.id, "password.reset", user.username, address=address)
    db.session.commit()
    return user
