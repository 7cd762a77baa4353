"""How a service says no: the exception carries its message, the form field it concerns and its HTTP status."""
from __future__ import annotations

from sqlalchemy.orm.exc import StaleDataError


class Refused(ValueError):
    """A change refused with a message in Bahasa Indonesia (422); `field` names the form field, if any."""

    status = 422

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class Conflict(Refused):
    """The object is not in a state that allows the change, or changed since the page was loaded (409)."""

    status = 409


def commit_or_conflict(message: str, *, also: tuple[type[Exception], ...] = ()) -> None:
    """Commit; a concurrent change caught by the optimistic lock (or `also`) becomes a Conflict with `message`."""
    from webapp.extensions import db

    try:
        db.session.commit()
    except (StaleDataError, *also):
        db.session.rollback()
        raise Conflict(message) from None
