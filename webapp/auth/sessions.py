"""Flask-Login wiring: the cookie carries user id and session version, checked on every request.

Idle timeout: the signed cookie carries its signing time and Flask refuses it once older than
PERMANENT_SESSION_LIFETIME (it is re-signed on every request). Absolute lifetime: the sign-in
time rides in the session and a session older than SESSION_MAX_SECONDS is ended.
"""
import datetime as dt
import time
from functools import lru_cache

from flask import current_app, request, session
from flask_login import login_user, logout_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from webapp.extensions import db


def init_login(app, login_manager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Silakan masuk terlebih dahulu."
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(token: str):
        user_id, _, version = token.partition(":")
        if not user_id.isdigit() or not version.isdigit() or _past_absolute_lifetime():
            return None
        user = db.session.execute(_user_statement(), {"user_id": int(user_id)}).unique().scalar_one_or_none()
        if user is not None and user.session_version != int(version):
            _note_ended_by_reset(user.id)
        if user is None or not user.is_enabled or user.session_version != int(version):
            return None
        return user


def _note_ended_by_reset(user_id: int) -> None:
    """A session ended because a manager reset the password: the sign-in page then says who and when, once
    (the stale session is emptied, so the owner learns of it however the reset was used)."""
    from webapp.auth.resets import used_since

    started = dt.datetime.fromtimestamp(session.get("signed_in_at", 0), dt.UTC).replace(tzinfo=None)
    reset = used_since(user_id, started)
    if reset is not None:
        session.clear()
        session["ended_by_reset"] = reset.id


@lru_cache(maxsize=1)
def _user_statement():
    """One statement for the user and the grants every request asks about; a role's region and Posyandu
    load only on the pages that print them. Built once: its options cost more to build than to run."""
    from webapp.auth.models import RoleAssignment, User

    return (select(User).where(User.id == bindparam("user_id"))
            .options(joinedload(User.roles).lazyload(RoleAssignment.region),
                     joinedload(User.roles).lazyload(RoleAssignment.posyandu)))


def _past_absolute_lifetime() -> bool:
    """A session older than SESSION_MAX_SECONDS ends, however often it was used (it is then emptied)."""
    started = session.setdefault("signed_in_at", int(time.time()))  # a cookie from before this rule starts now
    if time.time() - started <= current_app.config["SESSION_MAX_SECONDS"]:
        return False
    session.clear()
    return True


def start_session(user) -> None:
    """A fresh session for every sign-in, so a planted session id is never reused."""
    session.clear()
    login_user(user, remember=False)
    session.permanent = True
    session["signed_in_at"] = int(time.time())


def end_session() -> None:
    logout_user()
    session.clear()


def client_address() -> str:
    """The caller's address (behind nginx, ProxyFix supplies it)."""
    return (request.remote_addr or "")[:64]
