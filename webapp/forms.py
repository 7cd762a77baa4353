"""Shared form pieces: Indonesian messages for the standard validators."""
from wtforms.validators import DataRequired, InputRequired, Length, Optional  # noqa: F401


def required(message: str = "Wajib diisi."):
    return InputRequired(message=message)


def max_length(limit: int):
    return Length(max=limit, message=f"Maksimal {limit} karakter.")


def apply_form_errors(form, error) -> None:
    """Put a service's refusal next to its field (or on the form when it has none)."""
    field = getattr(form, error.field, None) if getattr(error, "field", None) else None
    if field is not None:
        field.errors = list(field.errors) + [str(error)]
    else:
        form.form_errors.append(str(error))
