"""Session lifetimes: 8 hours idle, 7 days at most (both configurable), and the __Host- cookie in production."""
import time

from itsdangerous.timed import TimestampSigner

from tests.auth.helpers import sign_in
from webapp import create_app
from webapp.config import from_environment


def test_idle_and_absolute_lifetimes_default_to_8_hours_and_7_days(monkeypatch):
    config = from_environment()
    assert config["PERMANENT_SESSION_LIFETIME"] == 8 * 3600 and config["SESSION_MAX_SECONDS"] == 7 * 86400
    monkeypatch.setenv("SESSION_IDLE_HOURS", "2")
    monkeypatch.setenv("SESSION_MAX_DAYS", "1")
    config = from_environment()
    assert config["PERMANENT_SESSION_LIFETIME"] == 2 * 3600 and config["SESSION_MAX_SECONDS"] == 86400


def test_a_session_idle_past_its_limit_is_refused(demo_app, demo_client, monkeypatch):
    sign_in(demo_client, "pokja.palangan")
    assert demo_client.get("/").status_code == 200
    demo_app.config["PERMANENT_SESSION_LIFETIME"] = 60
    signed_at = int(time.time())
    # The cookie's signing clock moved on 61 seconds (an injected clock, not a wait): the signature is too old.
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: signed_at + 61)
    assert demo_client.get("/").status_code == 302


def test_a_session_ends_at_its_absolute_lifetime_even_when_used_all_along(demo_app, demo_client):
    sign_in(demo_client, "pokja.palangan")
    with demo_client.session_transaction() as session:
        session["signed_in_at"] = int(time.time()) - 7 * 86400 - 5  # signed in a week ago, used until now
    response = demo_client.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/masuk")
    with demo_client.session_transaction() as session:
        assert "_user_id" not in session


def test_production_uses_the_host_prefixed_secure_cookie(monkeypatch):
    monkeypatch.setenv("POKJANAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "uji-bukan-rahasia-produksi-123")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-pokjanal_session"
    assert app.config["SESSION_COOKIE_SECURE"] is True and app.config["SESSION_COOKIE_PATH"] == "/"
    assert app.config.get("SESSION_COOKIE_DOMAIN") in (None, False)
