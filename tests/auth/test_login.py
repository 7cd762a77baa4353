"""Signing in and out: username or phone, failed-login limits in the database, fresh sessions,
revocation of every session, cookie flags, CSRF (htmx included) and the audit trail."""
import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.auth.helpers import audit_actions, csrf_token, hold_throttle_clock, sign_in
from webapp.auth.models import LoginAttempt
from webapp.auth.services import WRONG_LOGIN_MESSAGE
from webapp.extensions import db


@pytest.mark.parametrize("login", ["kader.palangan", "KADER.Palangan", "081251000009", "+6281251000009",
                                   "6281251000009", "0812-5100-0009"])
def test_sign_in_by_username_or_phone_in_any_form(demo_client, login):
    response = sign_in(demo_client, login)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = demo_client.get("/").get_data(as_text=True)
    assert "Halo, Nurhayati" in home
    assert "Desa Palangan, Kec. Kota Besi, Kab. Kotawaringin Timur" in home


def test_wrong_password_is_refused_with_a_clear_message_and_no_session(demo_client):
    response = sign_in(demo_client, "kader.palangan", "salah-sandi-123")
    assert response.status_code == 422
    assert WRONG_LOGIN_MESSAGE in response.get_data(as_text=True)
    assert demo_client.get("/").status_code == 302


def test_sign_in_follows_a_local_next_but_never_an_outside_one(demo_client):
    assert demo_client.post("/masuk", data={"login": "kader.palangan", "password": "pokjanal-demo",
                                            "next": "/posyandu"}).headers["Location"] == "/posyandu"
    demo_client.post("/keluar")
    assert demo_client.post("/masuk", data={"login": "kader.palangan", "password": "pokjanal-demo",
                                            "next": "//evil.example/x"}).headers["Location"] == "/"


@pytest.fixture(autouse=True)
def _throttle_clock_held(monkeypatch):
    """The waits are seconds long: on a slow machine they must not run out between two requests."""
    hold_throttle_clock(monkeypatch)


def sign_in_from(client, address: str, login: str, password: str = "pokjanal-demo"):
    return client.post("/masuk", data={"login": login, "password": password}, environ_base={"REMOTE_ADDR": address})


def _age_attempts(seconds: int) -> None:
    """Move every recorded attempt into the past, as if the client had waited."""
    for attempt in db.session.scalars(select(LoginAttempt)):
        attempt.at -= dt.timedelta(seconds=seconds)
    db.session.commit()


def test_failures_bring_growing_waits_whatever_form_of_the_number_never_a_lock(demo_client):
    for attempt in ("081251000009", "+6281251000009", "kader.palangan"):  # 3 free tries, one account
        assert WRONG_LOGIN_MESSAGE in sign_in(demo_client, attempt, "salah-sandi-123").get_data(as_text=True)
    waiting = sign_in(demo_client, "0812 5100 0009")  # the right password, too soon
    assert waiting.status_code == 422 and "Coba lagi dalam 1 detik" in waiting.get_data(as_text=True)
    assert demo_client.get("/").status_code == 302
    for _ in range(3):  # each further failure (after its wait) doubles the next wait
        _age_attempts(3600)
        sign_in(demo_client, "kader.palangan", "salah-sandi-123")
    assert "Coba lagi dalam 8 detik" in sign_in(demo_client, "kader.palangan").get_data(as_text=True)
    _age_attempts(9)
    assert sign_in(demo_client, "kader.palangan").status_code == 302  # the owner gets in after the wait
    failures = db.session.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.login == "kader.palangan", LoginAttempt.succeeded.is_(False)))
    assert failures == 6  # counted in the database (every worker sees it), per account, waits not counted


def test_the_wait_is_capped_at_fifteen_minutes(demo_app):
    from webapp.auth.throttle import delay_after

    waits = [delay_after(n, demo_app.config) for n in range(0, 40)]
    assert waits[:3] == [0, 0, 0] and waits[3:6] == [1, 2, 4]
    assert max(waits) == 900 and waits == sorted(waits)


def test_a_guesser_elsewhere_never_delays_the_owner(demo_app, demo_client):
    attacker = demo_app.test_client()
    for _ in range(30):
        sign_in_from(attacker, "10.9.9.9", "kader.palangan", "salah-sandi-123")
    assert "Coba lagi dalam" in sign_in_from(attacker, "10.9.9.9", "kader.palangan").get_data(as_text=True)
    assert sign_in(demo_client, "kader.palangan").status_code == 302  # the owner, from her own address


def test_waits_on_one_account_leave_its_neighbours_alone(demo_client):
    """A whole village shares one carrier address: one slowed account must not slow the others."""
    for _ in range(6):
        sign_in(demo_client, "kader.palangan", "salah-sandi-123")
    assert "Coba lagi dalam" in sign_in(demo_client, "kader.palangan").get_data(as_text=True)
    assert sign_in(demo_client, "pokja.palangan").status_code == 302


def test_the_per_address_cap_is_sized_for_carrier_nat_and_spares_known_accounts(demo_app, demo_client):
    cap = demo_app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    assert cap >= 500
    assert sign_in(demo_client, "pokja.palangan").status_code == 302  # signed in from here before
    demo_client.post("/keluar")
    db.session.add_all(LoginAttempt(login=f"orang{n}", address="127.0.0.1", succeeded=False) for n in range(cap))
    db.session.commit()
    assert "Coba lagi dalam 15 menit" in sign_in(demo_client, "kades.palangan").get_data(as_text=True)
    assert sign_in(demo_client, "pokja.palangan").status_code == 302


def test_unknown_accounts_are_checked_against_a_hash_of_the_same_cost(demo_app, demo_client, monkeypatch):
    """The answer for an unknown name verifies the password against a dummy hash made the way the
    app hashes now, so it costs what a real account's check costs: timing tells nothing."""
    from webapp.auth import services

    checked: list[str] = []
    real = services.verify_password
    monkeypatch.setattr(services, "verify_password", lambda stored, password: checked.append(stored) or real(
        stored, password))
    sign_in(demo_client, "tidak.ada.siapa", "x-salah-sandi")
    sign_in(demo_client, "kader.palangan", "x-salah-sandi")
    method = demo_app.config["PASSWORD_HASH_METHOD"]
    assert len(checked) == 2 and all(stored.startswith(method + "$") for stored in checked), checked


def test_every_sign_in_starts_a_new_session(demo_client):
    with demo_client.session_transaction() as session:
        session["planted"] = "dari-penyerang"
    sign_in(demo_client, "pokja.palangan")
    with demo_client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].startswith(str(session["_user_id"]).split(":")[0])


def _two_devices(demo_app, login="pokja.palangan"):
    first, second = demo_app.test_client(), demo_app.test_client()
    for device in (first, second):
        assert sign_in(device, login).status_code == 302
        assert device.get("/").status_code == 200
    return first, second


def test_logout_ends_every_session_of_the_account(demo_app):
    first, second = _two_devices(demo_app)
    assert first.post("/keluar").headers["Location"] == "/masuk"
    assert first.get("/").status_code == 302
    assert second.get("/").status_code == 302


def test_password_change_ends_the_other_sessions_and_keeps_this_one(demo_app):
    first, second = _two_devices(demo_app)
    response = first.post("/akun", data={"current_password": "pokjanal-demo", "new_password": "Sandi-baru-kuat-2025"})
    assert response.status_code == 302
    assert first.get("/").status_code == 200
    assert second.get("/").status_code == 302
    assert sign_in(demo_app.test_client(), "pokja.palangan", "Sandi-baru-kuat-2025").status_code == 302


def test_disabling_an_account_ends_its_sessions_and_its_sign_in(demo_app, demo_user, login_as):
    victim, _ = _two_devices(demo_app, "kader.palangan")
    manager = demo_app.test_client()
    login_as(manager, "pokja.palangan")
    user = demo_user("kader.palangan")
    assert manager.post(f"/pengguna/{user.id}/status", data={"enabled": "0"}).status_code == 302
    assert victim.get("/").status_code == 302
    assert sign_in(demo_app.test_client(), "kader.palangan").status_code == 422


def test_session_cookie_is_httponly_and_samesite(demo_client):
    response = sign_in(demo_client, "pokja.palangan")
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("pokjanal_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_htmx_request_without_a_session_gets_hx_redirect(demo_client):
    response = demo_client.get("/posyandu", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/masuk?next=")
    post = demo_client.post("/posyandu/baru", headers={"HX-Request": "true"})
    assert post.headers["HX-Redirect"].startswith("/masuk")


def test_anonymous_page_request_is_redirected_to_login_with_next(demo_client):
    response = demo_client.get("/wilayah/62.02")
    assert response.status_code == 302
    assert response.headers["Location"] == "/masuk?next=/wilayah/62.02"


class TestCsrf:
    @pytest.fixture
    def csrf_client(self, demo_app):
        demo_app.config["WTF_CSRF_ENABLED"] = True
        return demo_app.test_client()

    def test_login_without_token_is_refused(self, csrf_client):
        response = sign_in(csrf_client, "pokja.palangan")
        assert response.status_code == 400
        assert "Formulir sudah kedaluwarsa" in response.get_data(as_text=True)

    def test_login_with_the_form_token_works(self, csrf_client):
        token = csrf_token(csrf_client)
        response = csrf_client.post("/masuk", data={"login": "pokja.palangan", "password": "pokjanal-demo",
                                                    "csrf_token": token})
        assert response.status_code == 302

    def test_state_change_without_token_saves_nothing(self, csrf_client, login_as):
        from webapp.regions.models import Posyandu

        login_as(csrf_client, "pokja.palangan")
        before = db.session.scalar(select(func.count(Posyandu.id)))
        for headers in ({}, {"HX-Request": "true"}, {"HX-Request": "true", "X-CSRFToken": "palsu"}):
            response = csrf_client.post("/posyandu/baru", data={"name": "Posyandu Tanpa Token",
                                                                "region_code": "62.02.01.2003"}, headers=headers)
            assert response.status_code == 400
        assert csrf_client.post("/keluar").status_code == 400
        assert db.session.scalar(select(func.count(Posyandu.id))) == before

    def test_htmx_request_with_the_header_token_is_accepted(self, csrf_client, login_as):
        from webapp.regions.models import Posyandu

        login_as(csrf_client, "pokja.palangan")
        token = csrf_token(csrf_client, "/posyandu/baru")
        response = csrf_client.post("/posyandu/baru", data={"name": "Posyandu Bertoken", "region_code": "62.02.01.2003"},
                                    headers={"HX-Request": "true", "X-CSRFToken": token})
        assert response.status_code == 302
        assert db.session.scalar(select(Posyandu).where(Posyandu.name == "Posyandu Bertoken")) is not None


def test_audit_records_sign_in_and_failed_sign_in_with_address(demo_client):
    from webapp.audit import AuditEvent

    sign_in(demo_client, "081251000008", "salah-sandi-123")
    sign_in(demo_client, "pokja.palangan")
    assert audit_actions("pokja.palangan") == ["login.failed", "login"]
    sign_in(demo_client, "orang.asing", "salah-sandi-123")
    assert audit_actions("orang.asing") == ["login.failed"]
    last = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "login")
                              .order_by(AuditEvent.id.desc())).first()
    assert last.address == "127.0.0.1" and last.actor.username == "pokja.palangan" and last.at is not None
