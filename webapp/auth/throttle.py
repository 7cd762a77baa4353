"""Sign-in throttling that slows a guesser but never locks the owner out.

Failures count per (account, address): each one past a few free tries doubles the wait
before that pair may try again, up to a cap; a success from that address clears it. An
attacker elsewhere therefore never delays the owner, and a reset code is never throttled
(it is 40 random bits behind a slow hash). A per-address cap, sized for a whole village
behind one carrier-NAT address, slows only accounts that have not signed in from there.
Counters live in the database so every worker sees the same ones (DESIGN §4a).
"""
from __future__ import annotations

import datetime as dt
import math

from flask import current_app
from sqlalchemy import func, select

from webapp.auth.models import LoginAttempt
from webapp.clock import utcnow
from webapp.extensions import db

PAIR_MEMORY = dt.timedelta(hours=24)
TRUSTED_ADDRESS_MEMORY = dt.timedelta(days=30)


def delay_after(failures: int, config) -> int:
    """Seconds to wait after this many failures in a row: 0 for the free tries, then 1, 2, 4… up to the cap."""
    free = config["LOGIN_FREE_FAILURES"]
    if failures < free:
        return 0
    return min(2 ** (failures - free), config["LOGIN_MAX_DELAY_SECONDS"])


def _last_success(key: str, address: str) -> dt.datetime | None:
    return db.session.scalar(select(func.max(LoginAttempt.at)).where(
        LoginAttempt.login == key, LoginAttempt.address == address, LoginAttempt.succeeded.is_(True)))


def _pair_wait(key: str, address: str, now: dt.datetime) -> int:
    config = current_app.config
    since = max(filter(None, [_last_success(key, address), now - PAIR_MEMORY]))
    failures, last = db.session.execute(select(func.count(), func.max(LoginAttempt.at)).where(
        LoginAttempt.login == key, LoginAttempt.address == address, LoginAttempt.succeeded.is_(False),
        LoginAttempt.at > since)).one()
    if not failures:
        return 0
    ready_at = last + dt.timedelta(seconds=delay_after(failures, config))
    return max(0, math.ceil((ready_at - now).total_seconds()))


def _address_wait(key: str, address: str, now: dt.datetime) -> int:
    """Past the address's cap, accounts never signed in from there wait a whole window."""
    config = current_app.config
    window = dt.timedelta(minutes=config["LOGIN_ADDRESS_WINDOW_MINUTES"])
    failures = db.session.scalar(select(func.count()).where(
        LoginAttempt.address == address, LoginAttempt.succeeded.is_(False), LoginAttempt.at > now - window))
    if failures < config["LOGIN_MAX_FAILURES_PER_ADDRESS"]:
        return 0
    known = _last_success(key, address)
    if known is not None and known > now - TRUSTED_ADDRESS_MEMORY:
        return 0
    return int(window.total_seconds())


def seconds_to_wait(key: str, address: str) -> int:
    """How long (account, address) must wait before its next try; 0 when it may try now. Reads only."""
    now = utcnow()
    return max(_pair_wait(key, address, now), _address_wait(key, address, now))


def record(key: str, address: str, succeeded: bool) -> None:
    """Add the attempt to the current transaction (the caller commits)."""
    db.session.add(LoginAttempt(login=key, address=address, succeeded=succeeded, at=utcnow()))


def wait_message(seconds: int) -> str:
    """Terlalu banyak percobaan …, in minutes once past a minute."""
    when = f"{seconds} detik" if seconds < 60 else f"{math.ceil(seconds / 60)} menit"
    return (f"Terlalu banyak percobaan masuk yang gagal dari perangkat ini. Coba lagi dalam {when}, "
            "atau minta kode reset ke pengurus satu tingkat di atas Anda.")
