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
        # __Host-: only over HTTPS, for this host only, path / (no subdomain can plant or read it)
        "SESSION_COOKIE_NAME": "__Host-pokjanal_session" if production else "pokjanal_session",
        "SESSION_COOKIE_PATH": "/",
        # idle: a cookie unused this long is refused; absolute: a sign-in lasts at most this long
        "PERMANENT_SESSION_LIFETIME": int(float(env.get("SESSION_IDLE_HOURS", "8")) * 3600),
        "SESSION_MAX_SECONDS": int(float(env.get("SESSION_MAX_DAYS", "7")) * 86400),
        "WTF_CSRF_TIME_LIMIT": None,
        # a 2 MB SK scan plus its form must arrive, so the service can say why a bigger one is refused
        "MAX_CONTENT_LENGTH": 3 * 1024 * 1024,
        "SEND_FILE_MAX_AGE_DEFAULT": 60 * 60 * 24 * 365,
        # OWASP's first choice: Argon2id, 19 MiB, 2 passes (webapp/auth/passwords.py says why)
        "PASSWORD_HASH_METHOD": env.get("PASSWORD_HASH_METHOD", "argon2id"),
        # per (account, address): free tries, then waits of 1, 2, 4 … seconds up to the cap
        "LOGIN_FREE_FAILURES": 3,
        "LOGIN_MAX_DELAY_SECONDS": 15 * 60,
        # one carrier-NAT address may carry a whole village: a generous cap per window
        "LOGIN_MAX_FAILURES_PER_ADDRESS": 1000,
        "LOGIN_ADDRESS_WINDOW_MINUTES": 15,
        "RESET_CODE_HOURS": 24,
        "HSTS": production,
        # below gunicorn's 30 s worker timeout: a slow document gets a clear answer, not a killed worker
        "PDF_TIME_BUDGET_SECONDS": float(env.get("PDF_TIME_BUDGET_SECONDS", "20")),
    }


def check_production_safety(config: dict) -> None:
    """Refuse to serve production traffic with the published default key."""
    if config.get("ENV_NAME") == "production" and config.get("SECRET_KEY") in (None, "", DEFAULT_SECRET_KEY):
        raise RuntimeError("SECRET_KEY wajib diisi di produksi (production refuses the default secret key)")
