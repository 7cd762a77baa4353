"""Password rules and hashing: at least 8 characters, at most 64, common ones refused."""
from pathlib import Path

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 8
MAX_LENGTH = 64
_COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
_common: frozenset[str] | None = None


def _common_passwords() -> frozenset[str]:
    global _common
    if _common is None:
        _common = frozenset(
            line.strip().lower() for line in _COMMON_FILE.read_text().splitlines() if line.strip()
        )
    return _common


def password_problem(password: str, username: str = "") -> str | None:
    """The reason a new password is refused, in Bahasa Indonesia, or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return f"Kata sandi minimal {MIN_LENGTH} karakter."
    if len(password) > MAX_LENGTH:
        return f"Kata sandi maksimal {MAX_LENGTH} karakter."
    lowered = password.lower()
    if lowered in _common_passwords() or (username and username.lower() in lowered):
        return "Kata sandi ini terlalu umum atau mudah ditebak. Pilih yang lain."
    return None


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(stored_hash: str, password: str) -> bool:
    return check_password_hash(stored_hash, password)
