"""The one exception services raise for a refused change, carrying the form field(s) it concerns."""


class Refused(ValueError):
    """A change refused with a message in Bahasa Indonesia; `field` names the form field, if any.
    `errors` holds every refused field at once ({field: [message]}), so a form says everything in one go."""

    def __init__(self, message: str, field: str | None = None, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.field = field
        self.errors = errors or ({field: [message]} if field else {})

    @classmethod
    def every(cls, problems: dict[str, str]) -> "Refused":
        """One refusal for several fields: the first names the exception, all are kept in `errors`."""
        field, message = next(iter(problems.items()))
        return cls(message, field, {name: [text] for name, text in problems.items()})
