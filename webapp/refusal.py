"""The one exception services raise for a refused change, carrying the form field it concerns."""


class Refused(ValueError):
    """A change refused with a message in Bahasa Indonesia; `field` names the form field, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field
