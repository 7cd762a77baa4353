"""How a service says no: the exception carries its message, the form field(s) it concerns and its HTTP status."""
from __future__ import annotations

from sqlalchemy.orm.exc import StaleDataError


class Refused(ValueError):
    """A change refused with a message in Bahasa Indonesia (422); `field` names the form field, if any.
    `errors` holds every refused field at once ({field: [message]}), so a form says everything in one go."""

    status = 422

    def __init__(self, message: str, field: str | None = None, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.field = field
        self.errors = errors or ({field: [message]} if field else {})

    @classmethod
    def every(cls, problems: dict[str, str]) -> Refused:
        """One refusal for several fields: the first names the exception, all are kept in `errors`."""
        field, message = next(iter(problems.items()))
        return cls(message, field, {name: [text] for name, text in problems.items()})


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
