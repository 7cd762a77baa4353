"""Password rules and hashing: at least 8 characters, at most 64, the 10,000 most common refused.

Hashes are Argon2id at OWASP's first recommendation (19 MiB, 2 passes, 1 lane): ~30 ms of one
core, where scrypt at N=2^17 took ~0.5 s and 128 MiB per sign-in, so a morning rush of 50
sign-ins on a 2-core server queued for seconds and eight at once needed 1 GiB. Older hashes
(werkzeug's scrypt/pbkdf2) still verify and are replaced at the owner's next sign-in.
"""
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

ARGON2ID = "argon2id"
"""The method name in settings for Argon2id at the parameters below (werkzeug names otherwise)."""

MIN_LENGTH = 8
MAX_LENGTH = 64
COMMON_COUNT = 10_000
CONTEXT_WORDS = ("pokjanal", "posyandu")
"""Words of this app: a password built on them is the first an attacker tries here."""


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The most common passwords by rank, from zxcvbn's list (leaked-password frequency data)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"][:COMMON_COUNT])


def password_problem(password: str, username: str = "") -> str | None:
    """The reason a new password is refused, in Bahasa Indonesia, or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return f"Kata sandi minimal {MIN_LENGTH} karakter."
    if len(password) > MAX_LENGTH:
        return f"Kata sandi maksimal {MAX_LENGTH} karakter."
    lowered = password.lower()
    if (lowered in common_passwords() or (username and username.lower() in lowered)
            or any(word in lowered for word in CONTEXT_WORDS)):
        return "Kata sandi ini terlalu umum atau mudah ditebak. Pilih yang lain."
    return None


@lru_cache(maxsize=1)
def _argon2() -> PasswordHasher:
    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_password(password: str) -> str:
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method == ARGON2ID:
        return _argon2().hash(password)
    return generate_password_hash(password, method=method)


def verify_password(stored_hash: str, password: str) -> bool:
    if stored_hash.startswith("$argon2"):
        try:
            return _argon2().verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False
    return check_password_hash(stored_hash, password)


def needs_rehash(stored_hash: str) -> bool:
    """True when a hash was made by another method or cost than the app's now."""
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method == ARGON2ID:
        return not stored_hash.startswith("$argon2id$") or _argon2().check_needs_rehash(stored_hash)
    return not stored_hash.startswith(method + "$")
