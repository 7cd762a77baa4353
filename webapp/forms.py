"""Shared form pieces: Indonesian messages for the standard validators."""
from wtforms import SelectMultipleField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget


class CheckboxesField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def required(message: str = "Wajib diisi."):
    return InputRequired(message=message)


def max_length(limit: int):
    return Length(max=limit, message=f"Maksimal {limit} karakter.")


def apply_form_errors(form, error) -> None:
    """Put a service's refusal next to its field(s) (or on the form when it names none)."""
    problems = getattr(error, "errors", None) or {getattr(error, "field", None): [str(error)]}
    for name, messages in problems.items():
        field = getattr(form, name, None) if name else None
        if field is not None:
            field.errors = list(field.errors) + [m for m in messages if m not in field.errors]
        else:
            form.form_errors.extend(messages)


# WTForms' own messages (a wrong type, a choice not offered) in Bahasa Indonesia, for every form.
MESSAGES_ID = {
    "Not a valid choice.": "Pilihan tidak tersedia.",
    "Not a valid choice": "Pilihan tidak tersedia.",
    "Invalid Choice: could not coerce.": "Pilihan tidak tersedia.",
    "Choices cannot be None.": "Pilihan tidak tersedia.",
    "'%(value)s' is not a valid choice for this field.": "Pilihan tidak tersedia.",
    "Not a valid integer value.": "Isi dengan angka bulat.",
    "Not a valid decimal value.": "Isi dengan angka.",
    "Not a valid float value.": "Isi dengan angka.",
    "Not a valid date value.": "Tanggal tidak valid.",
    "Not a valid datetime value.": "Tanggal dan jam tidak valid.",
    "Not a valid time value.": "Jam tidak valid.",
    "This field is required.": "Wajib diisi.",
    "Number must be between %(min)s and %(max)s.": "Isi angka %(min)s–%(max)s.",
    "Field must be at least %(min)d character long.": "Minimal %(min)d karakter.",
    "Field must be at least %(min)d characters long.": "Minimal %(min)d karakter.",
    "Field cannot be longer than %(max)d character.": "Maksimal %(max)d karakter.",
    "Field cannot be longer than %(max)d characters.": "Maksimal %(max)d karakter.",
    "The CSRF token is missing.": "Formulir sudah kedaluwarsa. Muat ulang halaman lalu kirim lagi.",
    "The CSRF token is invalid.": "Formulir sudah kedaluwarsa. Muat ulang halaman lalu kirim lagi.",
    "The CSRF token has expired.": "Formulir sudah kedaluwarsa. Muat ulang halaman lalu kirim lagi.",
}


class IndonesianMessages:
    def gettext(self, string):
        return MESSAGES_ID.get(string, string)

    def ngettext(self, singular, plural, n):
        return MESSAGES_ID.get(singular if n == 1 else plural, singular if n == 1 else plural)


def _install_indonesian_messages() -> None:
    from flask_wtf import FlaskForm

    translations = IndonesianMessages()
    FlaskForm.Meta.get_translations = lambda self, form: translations


_install_indonesian_messages()


def form_status(form) -> int:
    """422 when the form comes back with messages (field or whole-form), else 200."""
    return 422 if form.errors or form.form_errors else 200
