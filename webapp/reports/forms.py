"""Forms of the monthly report: one per section (built from fields.py), submit, verify/return, reopen."""
from __future__ import annotations

import datetime as dt
import uuid
from functools import lru_cache

from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from webapp.forms import max_length
from webapp.reports import checks
from webapp.reports.fields import NOTE_FIELDS, SECTIONS, Section

OPEN_DATE_INPUTS = ("open_date_1", "open_date_2", "open_date_3")
NUMERIC = {"inputmode": "numeric", "autocomplete": "off", "enterkeyhint": "next"}
# What WTForms renders for a count, written once: a report page has 68 of them, and WTForms' per-attribute
# rendering was ~60 % of the page's CPU. WTForms still parses and validates every field.
# Field names are our own identifiers; only the value is escaped (Markup.format costs ~20× more).
COUNT_INPUT = ('<input aria-describedby="msg-{name}"{invalid} ' + " ".join(f'{k}="{v}"' for k, v in sorted(NUMERIC.items()))
               + ' id="{name}" name="{name}" type="text" value="{value}">')
INVALID = ' aria-invalid="true"'
USUALLY_ATTR = ' data-usually="{}"'


def carried_inputs(section: Section) -> tuple[str, ...]:
    """The inputs of a section a new month may start from last month's value (the first open date too)."""
    return section.names + (OPEN_DATE_INPUTS[:1] if section.has_open_days else ())


def new_client_id() -> str:
    """A page's id for one submission (the script may make its own); new in every answer."""
    return uuid.uuid4().hex


class OutboxForm(FlaskForm):
    """A form the phone may queue offline: it carries a client-made id (hidden input name="client_id")."""

    client_id = HiddenField()

    def client_id_or_new(self) -> str:
        text = (self.client_id.data or "").strip()
        return text[:64] if text else new_client_id()


class SectionForm(OutboxForm):
    section: Section
    base = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        """Each count is blank (not reported) or a whole number ≥ 0; dates must be real dates."""
        ok = super().validate(extra_validators)
        for name in self.section.names:
            _, message = checks.parse_count(self[name].data)
            if message:
                self[name].errors = list(self[name].errors) + [message]
                ok = False
        if self.section.has_open_days:
            for name in OPEN_DATE_INPUTS:
                if self[name].data and _date(self[name].data) is None:
                    self[name].errors = list(self[name].errors) + ["Tanggal tidak dikenali (contoh: 2026-10-14)."]
                    ok = False
        return ok

    def values(self) -> dict:
        """The section's values for the service; blank stays None."""
        values = {name: checks.parse_count(self[name].data)[0] for name in self.section.names}
        if self.section.has_open_days:
            dates = {_date(self[n].data) for n in OPEN_DATE_INPUTS if self[n].data}
            values["open_dates"] = sorted(d for d in dates if d)
            values["closed"] = bool(self.closed.data)
            values["closed_reason"] = (self.closed_reason.data or "").strip()
        return values

    def blank_values(self) -> dict:
        """The section stored blank: "tidak ada layanan bulan ini" is not reported (None), never 0."""
        return {name: None for name in self.section.names}

    def count_input(self, name: str, invalid: bool, usually: str = "") -> Markup:
        """The <input> of one count (values escaped), as WTForms would render it; `usually` names the field
        the page's script copies a value from while this one is blank."""
        field = self[name]
        if field.render_kw != NUMERIC:
            attrs = {"aria-describedby": f"msg-{name}", **({"aria-invalid": "true"} if invalid else {})}
            return field(**attrs)
        extra = (INVALID if invalid else "") + (USUALLY_ATTR.format(usually) if usually else "")
        return Markup(COUNT_INPUT.format(name=name, value=escape(field._value()), invalid=extra))

    def fill(self, report) -> None:
        """Show the stored values (blank for not reported)."""
        for name in self.section.names:
            value = getattr(report, name) if report else None
            self[name].data = "" if value is None else str(value)
        if self.section.has_open_days and report is not None:
            for name, date in zip(OPEN_DATE_INPUTS, report.dates, strict=False):
                self[name].data = date.isoformat()
            self.closed.data = report.closed
            self.closed_reason.data = report.closed_reason


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


@lru_cache(maxsize=None)
def section_form_class(key: str) -> type[SectionForm]:
    section = next(s for s in SECTIONS if s.key == key)
    attrs: dict = {"section": section}
    for f in section.fields:
        attrs[f.name] = StringField(f.label, render_kw=NUMERIC)
    if section.has_open_days:
        for index, name in enumerate(OPEN_DATE_INPUTS, start=1):
            attrs[name] = StringField(f"Tanggal hari buka {index}" if index > 1 else "Tanggal hari buka",
                                      render_kw={"type": "date"})
        attrs["closed"] = BooleanField("Tidak buka bulan ini")
        attrs["closed_reason"] = StringField("Alasan tidak buka", validators=[Optional(), max_length(200)])
    return type(f"SectionForm_{key}", (SectionForm,), attrs)


def section_form(key: str, report=None, formdata=None) -> SectionForm:
    """The section's form: posted data when given, else the stored values."""
    form_class = section_form_class(key)
    if formdata is not None:
        return form_class(formdata=formdata)
    form = form_class(formdata=None)
    form.fill(report)
    return form


class SubmitForm(OutboxForm):
    confirm = BooleanField("Saya sudah memeriksa peringatan; isian sudah benar")


class ReviewForm(FlaskForm):
    note = TextAreaField("Catatan untuk seluruh laporan", validators=[Optional(), max_length(1000)])
    field = SelectField("Kolom yang perlu diperbaiki", choices=[("", "— tidak ada —")] + list(NOTE_FIELDS.items()),
                        validate_choice=False)
    field_note = TextAreaField("Catatan untuk kolom itu", validators=[Optional(), max_length(1000)])


class ReopenForm(FlaskForm):
    reason = TextAreaField("Alasan membuka kembali", validators=[Optional(), max_length(1000)])
