"""Accounts, sign-in, sessions and reset codes."""


def init_app(app) -> None:
    """Sign-in through Flask-Login (with the session version) and the account pages."""
    from webapp.auth import sessions, views
    from webapp.extensions import login_manager

    sessions.init_login(app, login_manager)
    app.register_blueprint(views.bp)
