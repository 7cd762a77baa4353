"""Sign-in, sessions, accounts and reset codes; every change is audited and committed once.

Password hashing and checking cost tens of milliseconds: they run outside any write transaction
(`outside_write_lock`), and the write lock is taken only for the few rows written after.
"""
from __future__ import annotations

import datetime as dt
import re
import secrets
from functools import lru_cache

from flask import current_app
from sqlalchemy import func, select, update

from webapp.access import Actor
from webapp.audit import as_detail, audit, changed
from webapp.auth import resets, throttle
from webapp.auth.rules import grantable, manages
from webapp.auth.models import Role, RoleAssignment, User
from webapp.auth.passwords import hash_password, needs_rehash, password_problem, verify_password
from webapp.auth.phone import looks_like_phone, normalize_phone
from webapp.clock import utcnow
from webapp.database import outside_write_lock
from webapp.extensions import db
from webapp.formatting import waktu
from webapp.refusal import Refused
from webapp.mitra.models import Mitra
from webapp.regions.models import Posyandu, Region, default_timezone, kabupaten_code_of

WRONG_LOGIN_MESSAGE = "Nama pengguna/nomor HP atau kata sandi salah."
WRONG_CODE_MESSAGE = "Kode reset salah atau sudah kedaluwarsa."
NOT_YOURS_MESSAGE = "Anda tidak berwenang mengubah akun ini."


def find_user_by_login(login: str) -> User | None:
    """A login is a username or a phone number in any of its written forms."""
    login = (login or "").strip()
    if looks_like_phone(login):
        phone = normalize_phone(login)
        if phone:
            return db.session.scalar(select(User).where(User.phone == phone))
    return db.session.scalar(select(User).where(func.lower(User.username) == login.lower()))


def _login_key(login: str, user: User | None) -> str:
    """Failures count per account, whichever way (username, any phone form) it was named."""
    if user is not None:
        return user.username
    phone = normalize_phone(login) if looks_like_phone(login) else None
    return phone or (login or "").strip().lower()[:64]


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    """A hash of the app's own cost to check unknown accounts against: their answer takes as long."""
    return hash_password(secrets.token_urlsafe(16))


def _reset_notice(user: User) -> str:
    who = user.reset_by.full_name if user.reset_by else "pengurus"
    zone = default_timezone(user.roles[0].region_code) if user.roles else "Asia/Jakarta"
    return f"Kata sandi Anda diatur ulang oleh {who} pada {waktu(user.reset_notice_at, zone)}."


def authenticate(login: str, password: str, address: str) -> tuple[User, str | None]:
    """Check a sign-in; raises Refused with the message to show. Records the attempt.

    Returns the user and, once after a reset by a manager, the announcement to show."""
    with outside_write_lock():
        user = find_user_by_login(login)
        key = _login_key(login, user)
        wait = throttle.seconds_to_wait(key, address)
        usable = user is not None and user.is_enabled
        stored = user.password_hash if usable else _dummy_hash(current_app.config["PASSWORD_HASH_METHOD"])
        user_id = user.id if user else None
    if wait:
        audit(user_id, "login.throttled", key, address=address)
        db.session.commit()
        raise Refused(throttle.wait_message(wait))
    ok = verify_password(stored, password) and usable
    upgraded = hash_password(password) if ok and needs_rehash(stored) else None
    throttle.record(key, address, ok)
    if not ok:
        audit(user_id, "login.failed", key, address=address)
        db.session.commit()
        raise Refused(WRONG_LOGIN_MESSAGE)
    user = db.session.get(User, user_id)
    if upgraded and user.password_hash == stored:
        user.password_hash = upgraded  # an older method or cost, replaced while the password is at hand
    notice = " ".join(filter(None, [_reset_notice(user) if user.reset_notice_at else "",
                                    resets.lock_notice(resets.pending(user.id))])) or None
    user.reset_notice_at = None
    audit(user.id, "login", user.username, address=address)
    db.session.commit()
    return user, notice


def end_all_sessions(user: User) -> None:
    """Bump the session version so every cookie issued before stops working."""
    user.session_version = User.session_version + 1


def record_logout(user: User, address: str) -> None:
    end_all_sessions(user)
    audit(user.id, "logout", user.username, address=address)
    db.session.commit()


def _replace_password(user_id: int, guard, old_hash: str, new_hash: str, **values) -> bool:
    """Compare-and-set on `guard` (the old password or code hash): of two simultaneous changes with
    the same old password or code, one wins. Ends every session of the account."""
    result = db.session.execute(
        update(User).where(User.id == user_id, guard == old_hash)
        .values(password_hash=new_hash, session_version=User.session_version + 1, **values)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def change_password(user: User, current: str, new: str, address: str) -> None:
    """Own password; ends every session (the view starts a fresh one)."""
    with outside_write_lock():
        stored, username, user_id = user.password_hash, user.username, user.id
    if not verify_password(stored, current):
        raise Refused("Kata sandi sekarang salah.", "current_password")
    problem = password_problem(new, username)
    if problem:
        raise Refused(problem, "new_password")
    if not _replace_password(user_id, User.password_hash, stored, hash_password(new)):
        db.session.rollback()
        raise Refused("Kata sandi baru saja diganti dari perangkat lain. Muat ulang lalu coba lagi.", "current_password")
    audit(user_id, "password.changed", username, address=address)
    db.session.commit()


# ---- accounts -----------------------------------------------------------------------------

def _check_printed_identity(sex: str, nip: str, is_asn: bool) -> None:
    """What documents print under a name: L/P, and an ASN's 18-digit NIP."""
    if sex not in ("", "L", "P"):
        raise Refused("Pilih L atau P.", "sex")
    digits = "".join(nip.split())
    if (is_asn and len(digits) != 18) or (digits and not digits.isdigit()):
        raise Refused("NIP seorang ASN terdiri dari 18 angka.", "nip")


def _check_new_account(actor: Actor, username: str, phone: str, role: Role, region_code: str,
                       posyandu_id: int | None) -> tuple[str | None, int | None]:
    """Every refusal of a new account; answers the normalized phone and the Posyandu id."""
    if db.session.scalar(select(User.id).where(func.lower(User.username) == username)):
        raise Refused("Nama pengguna ini sudah dipakai.", "username")
    normalized = None
    if phone.strip():
        normalized = normalize_phone(phone)
        if not normalized:
            raise Refused("Nomor HP tidak dikenali. Tulis seperti 0812xxxxxxx.", "phone")
        if db.session.scalar(select(User.id).where(User.phone == normalized)):
            raise Refused("Nomor HP ini sudah dipakai akun lain.", "phone")
    if db.session.get(Region, region_code) is None:
        raise Refused("Kode wilayah tidak dikenal.", "region_code")
    if not grantable(actor, role, region_code):
        raise Refused("Anda tidak berwenang membuat akun dengan peran ini di wilayah ini.", "role")
    if role != Role.KADER:
        return normalized, None
    posyandu = db.session.get(Posyandu, posyandu_id) if posyandu_id else None
    if posyandu is None or posyandu.region_code != region_code:
        raise Refused("Pilih Posyandu di desa ini untuk kader.", "posyandu_id")
    return normalized, posyandu_id


def _checked_mitra(role: Role, region_code: str, mitra_id: int | None) -> int | None:
    """A mitra account works for one active mitra of the account's kabupaten; other roles for none."""
    if role != Role.MITRA:
        return None
    mitra = db.session.get(Mitra, mitra_id) if mitra_id else None
    if mitra is None or not mitra.is_active or mitra.kabupaten_code != kabupaten_code_of(region_code):
        raise Refused("Pilih mitra kabupaten ini untuk akun dengan peran mitra.", "mitra_id")
    return mitra.id


def create_account(actor: Actor, *, username: str, full_name: str, phone: str, jabatan: str, nip: str,
                   password: str, role: Role, region_code: str, posyandu_id: int | None, address: str,
                   sex: str = "", is_asn: bool = False, mitra_id: int | None = None) -> User:
    """Create an account with one role the actor may grant; hash first, then check and write at once.
    Only an ASN's NIP is printed (bupati, wakil bupati and kepala desa are elected and have none)."""
    username = username.strip().lower()
    _check_printed_identity(sex, nip, is_asn)
    with outside_write_lock():
        problem = password_problem(password, username)
        if problem:
            raise Refused(problem, "password")
        password_hash = hash_password(password)
    normalized, posyandu_id = _check_new_account(actor, username, phone, role, region_code, posyandu_id)
    mitra_id = _checked_mitra(role, region_code, mitra_id)
    user = User(username=username, full_name=full_name.strip(), phone=normalized, jabatan=jabatan.strip(),
                nip=nip.strip(), is_asn=is_asn, sex=sex, password_hash=password_hash, created_by_id=actor.id)
    user.roles.append(RoleAssignment(role=role, region_code=region_code, posyandu_id=posyandu_id, mitra_id=mitra_id))
    db.session.add(user)
    db.session.flush()
    audit(actor.id, "user.created", username, f"{role} {region_code}", address)
    audit(actor.id, "role.granted", username, f"{role} {region_code} {posyandu_id or ''}".strip(), address)
    db.session.commit()
    return user


def update_printed_identity(actor: Actor, user: User, *, jabatan: str, sex: str, nip: str, is_asn: bool,
                            address: str) -> None:
    """Jabatan, L/P and ASN with NIP of an account the actor manages (documents print them; a NIP only
    for an ASN, 18 digits). Refused when the actor does not manage the account or the values are wrong."""
    if not manages(actor, user):
        raise Refused(NOT_YOURS_MESSAGE)
    _check_printed_identity(sex, nip, is_asn)
    values = {"jabatan": jabatan.strip(), "sex": sex, "nip": nip.strip(), "is_asn": is_asn}
    changes = changed({name: getattr(user, name) for name in values}, values)
    for name, value in values.items():
        setattr(user, name, value)
    audit(actor.id, "user.updated", user.username, as_detail(changes), address)
    db.session.commit()


def set_enabled(actor: Actor, user: User, enabled: bool, address: str) -> None:
    """Disable (ending its sessions) or re-enable an account the actor manages."""
    if not manages(actor, user):
        raise Refused(NOT_YOURS_MESSAGE)
    user.is_enabled = enabled
    if not enabled:
        end_all_sessions(user)
    audit(actor.id, "user.enabled" if enabled else "user.disabled", user.username, address=address)
    db.session.commit()


def issue_reset_code(actor: Actor, user: User, address: str) -> str:
    """A one-time code, shown once to the manager, that lets the user set a new password."""
    if not manages(actor, user):
        raise Refused(NOT_YOURS_MESSAGE)
    code = "".join(secrets.choice("23456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(8))
    with outside_write_lock():
        code_hash = hash_password(code)
    user = db.session.get(User, user.id)
    if not manages(actor, user):  # re-read under the write lock: roles may have changed meanwhile
        raise Refused(NOT_YOURS_MESSAGE)
    user.reset_code_hash = code_hash
    user.reset_expires_at = utcnow() + dt.timedelta(hours=current_app.config["RESET_CODE_HOURS"])
    user.reset_by_id = actor.id
    audit(actor.id, "user.reset_code", user.username, address=address)
    db.session.commit()
    return code


def reset_with_code(login: str, code: str, new_password: str, address: str) -> User:
    """Set a new password with a reset code; the code works once and ends all sessions.

    Never throttled: a valid code always works (the owner's way back in), and 40 random bits
    behind a slow hash, valid for a day, cannot be guessed. Failures are recorded and audited."""
    with outside_write_lock():
        user = find_user_by_login(login)
        key = _login_key(login, user)
        live = user is not None and user.reset_code_hash and user.reset_expires_at and user.reset_expires_at > utcnow()
        stored = user.reset_code_hash if live else _dummy_hash(current_app.config["PASSWORD_HASH_METHOD"])
        user_id, username = (user.id, user.username) if user else (None, key)
        issued_by_id = user.reset_by_id if user else None
    valid = verify_password(stored, code.strip().upper()) and live
    if not valid:
        throttle.record(("reset:" + key)[:64], address, False)
        audit(user_id, "password.reset_failed", username, address=address)
        db.session.commit()
        raise Refused(WRONG_CODE_MESSAGE, "code")
    problem = password_problem(new_password, username)
    if problem:
        raise Refused(problem, "new_password")
    at = utcnow()
    if not _replace_password(user_id, User.reset_code_hash, stored, hash_password(new_password),
                             reset_code_hash=None, reset_expires_at=None, reset_notice_at=at):
        db.session.rollback()
        raise Refused(WRONG_CODE_MESSAGE, "code")  # used meanwhile from another device
    user = db.session.get(User, user_id)
    reset = resets.record_use(user, issued_by_id, at)
    audit(user_id, "password.reset", username, "kode dari " + reset.issuer_name, address)
    db.session.commit()
    return user


def create_first_admin(kabupaten_code: str, username: str, full_name: str, password: str, phone: str = "") -> User:
    """An admin of a kabupaten made from the command line (no actor): the way in without the demo."""
    username = username.strip().lower()
    region = db.session.get(Region, kabupaten_code)
    if region is None or region.level != "kabupaten":
        raise Refused(f"{kabupaten_code} bukan kabupaten/kota yang terdaftar. Impor wilayah dulu: "
                      "flask regions import FILE")
    if not re.fullmatch(r"[a-z0-9._-]{3,40}", username):
        raise Refused("Nama pengguna: 3–40 huruf kecil, angka, titik, garis bawah atau strip.")
    if db.session.scalar(select(User.id).where(func.lower(User.username) == username)):
        raise Refused("Nama pengguna ini sudah dipakai.")
    normalized = normalize_phone(phone) if phone.strip() else None
    if phone.strip() and not normalized:
        raise Refused("Nomor HP tidak dikenali. Tulis seperti 0812xxxxxxx.")
    problem = password_problem(password, username)
    if problem:
        raise Refused(problem)
    with outside_write_lock():
        password_hash = hash_password(password)
    user = User(username=username, full_name=full_name.strip() or username, phone=normalized,
                password_hash=password_hash)
    user.roles.append(RoleAssignment(role=Role.ADMIN, region_code=kabupaten_code))
    db.session.add(user)
    db.session.flush()
    audit(None, "user.created", username, f"admin {kabupaten_code} (flask users create-admin)")
    db.session.commit()
    return user
