"""Settings read from the environment; SQLite under instance/ unless DATABASE_URL says otherwise."""
import os
from pathlib import Path

DEFAULT_SECRET_KEY = "dev-only-not-secret"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _sqlite_url() -> str:
    instance = PROJECT_ROOT / "instance"
    instance.mkdir(exist_ok=True)
    return f"sqlite:///{instance / 'pokjanal.sqlite3'}"


def from_environment() -> dict:
    """Build the Flask config mapping from environment variables."""
    env = os.environ
    production = env.get("POKJANAL_ENV", "development") == "production"
    return {
        "ENV_NAME": "production" if production else "development",
        "SECRET_KEY": env.get("SECRET_KEY", DEFAULT_SECRET_KEY),
        "SQLALCHEMY_DATABASE_URI": env.get("DATABASE_URL") or _sqlite_url(),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_NAME": "pokjanal_session",
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 14,
        "WTF_CSRF_TIME_LIMIT": None,
        # a 2 MB SK scan plus its form must arrive, so the service can say why a bigger one is refused
        "MAX_CONTENT_LENGTH": 3 * 1024 * 1024,
        "SEND_FILE_MAX_AGE_DEFAULT": 60 * 60 * 24 * 365,
        # OWASP: scrypt with N=2^17, r=8, p=1.
        "PASSWORD_HASH_METHOD": env.get("PASSWORD_HASH_METHOD", "scrypt:131072:8:1"),
        "LOGIN_MAX_FAILURES_PER_ACCOUNT": 5,
        "LOGIN_MAX_FAILURES_PER_ADDRESS": 100,
        "LOGIN_LOCK_MINUTES": 15,
        "RESET_CODE_HOURS": 24,
        "HSTS": production,
    }


def check_production_safety(config: dict) -> None:
    """Refuse to serve production traffic with the published default key."""
    if config.get("ENV_NAME") == "production" and config.get("SECRET_KEY") in (None, "", DEFAULT_SECRET_KEY):
        raise RuntimeError("SECRET_KEY wajib diisi di produksi (production refuses the default secret key)")
