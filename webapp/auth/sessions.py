"""Flask-Login wiring: the cookie carries user id and session version, checked on every request."""
from flask import request, session
from flask_login import login_user, logout_user
from sqlalchemy.orm import joinedload

from webapp.extensions import db


def init_login(app, login_manager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Silakan masuk terlebih dahulu."
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(token: str):
        from webapp.auth.models import RoleAssignment, User

        user_id, _, version = token.partition(":")
        if not user_id.isdigit() or not version.isdigit():
            return None
        # One statement for the user and the grants every request asks about; a role's region and
        # Posyandu load only on the pages that print them.
        user = db.session.get(User, int(user_id), options=[joinedload(User.roles).lazyload(RoleAssignment.region),
                                                          joinedload(User.roles).lazyload(RoleAssignment.posyandu)])
        if user is None or not user.is_enabled or user.session_version != int(version):
            return None
        return user


def start_session(user) -> None:
    """A fresh session for every sign-in, so a planted session id is never reused."""
    session.clear()
    login_user(user, remember=False)
    session.permanent = True


def end_session() -> None:
    logout_user()
    session.clear()


def client_address() -> str:
    """The caller's address (behind nginx, ProxyFix supplies it)."""
    return (request.remote_addr or "")[:64]
