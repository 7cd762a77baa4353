"""Password rules and hashing: at least 8 characters, at most 64, the 10,000 most common refused."""
from functools import lru_cache

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

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


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(stored_hash: str, password: str) -> bool:
    return check_password_hash(stored_hash, password)
