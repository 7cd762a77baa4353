"""Small helpers for the sign-in tests: the real form, and the CSRF token of a page."""
import re

from sqlalchemy import select

from webapp.audit import AuditEvent
from webapp.extensions import db

DEMO_PASSWORD = "pokjanal-demo"


def hold_throttle_clock(monkeypatch) -> None:
    """Stop the throttle's clock: its waits are seconds long, and on a busy machine a wall-time wait runs
    out between two requests. A test moves time on by ageing the recorded attempts instead."""
    from webapp.auth import throttle

    now = throttle.utcnow()
    monkeypatch.setattr(throttle, "utcnow", lambda: now)


def sign_in(client, login: str, password: str = DEMO_PASSWORD, **headers):
    return client.post("/masuk", data={"login": login, "password": password}, headers=headers)


def csrf_token(client, path: str = "/masuk") -> str:
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'"X-CSRFToken": "([^"]+)"', page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def audit_actions(subject: str | None = None) -> list[str]:
    query = select(AuditEvent.action).order_by(AuditEvent.id)
    if subject is not None:
        query = query.where(AuditEvent.subject == subject)
    return list(db.session.scalars(query))
