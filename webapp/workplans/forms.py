"""Forms of a work plan: its header, one activity line, and a decision with a note."""
from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField,
)
from wtforms.validators import NumberRange, ValidationError, Optional

from webapp.forms import CheckboxesField, max_length, required
from webapp.kit import KIT
from webapp.workplans.models import MONTH_ABBR, PROGRESS_LABELS, SOURCE_LABELS, SPM_LABELS, Progress


def version_of(form) -> int | None:
    value = form.version.data or ""
    return int(value) if str(value).isdigit() else None


class PlanForm(FlaskForm):
    region_code = SelectField("Wilayah", validate_choice=False)
    year = IntegerField("Tahun", validators=[required("Isi tahun, mis. 2026."),
                                             NumberRange(min=2020, max=2100, message="Isi tahun 2020–2100.")])
    semester = SelectField("Periode", choices=[("", "Setahun penuh"), ("1", "Semester 1"), ("2", "Semester 2")],
                           validate_choice=False)
    title = StringField("Judul", validators=[required("Judul rencana kerja wajib diisi."), max_length(200)])
    background = TextAreaField("Latar belakang dan tujuan", validators=[Optional(), max_length(4000)])
    version = HiddenField()

    def data_for_service(self) -> dict:
        semester = self.semester.data
        return {"region_code": self.region_code.data, "year": self.year.data,
                "semester": int(semester) if semester in ("1", "2") else None,
                "title": self.title.data or "", "background": self.background.data or ""}


def parse_rupiah(text: str) -> int | None:
    """"Rp 12.500.000" or "12500000" → 12500000; a minus sign is kept so the service can refuse it."""
    cleaned = re.sub(r"(?i)^\s*rp\.?", "", (text or "").strip()).replace(" ", "").replace(".", "")
    cleaned = re.sub(r",00$", "", cleaned)
    return int(cleaned) if re.fullmatch(r"-?\d{1,18}", cleaned) else None


def as_text(value):
    """A number taken from the stored line (a form posted without the field) is shown and checked as text."""
    return value if value is None or isinstance(value, str) else str(value)


class LineForm(FlaskForm):
    activity = StringField("Kegiatan", validators=[required("Nama kegiatan wajib diisi."), max_length(300)])
    spm_field = SelectField("Bidang SPM", choices=[("", "— pilih —")] + [(k.value, v) for k, v in SPM_LABELS.items()],
                            validate_choice=False)
    indicator = StringField("Indikator sasaran", validators=[Optional(), max_length(300)])
    target_value = StringField("Target", validators=[Optional(), max_length(60)],
                               render_kw={"placeholder": "mis. 90% balita ditimbang"})
    target_group = StringField("Kelompok sasaran", validators=[Optional(), max_length(120)],
                               render_kw={"placeholder": "mis. balita, ibu hamil"})
    location = SelectField("Lokasi", validate_choice=False)
    months = CheckboxesField("Bulan pelaksanaan", choices=[(str(i + 1), m) for i, m in enumerate(MONTH_ABBR)],
                             validate_choice=False)
    mitra_id = SelectField("Pelaksana", validate_choice=False)
    person_in_charge = StringField("Nama penanggung jawab (opsional)", validators=[Optional(), max_length(120)])
    activity_code = StringField("Kode kegiatan (opsional)", validators=[Optional(), max_length(40)],
                                render_kw={"placeholder": "mis. 02.02.02", "inputmode": "decimal"})
    volume = StringField("Volume", validators=[Optional()], filters=[as_text], render_kw={"inputmode": "numeric", "placeholder": "mis. 12"})
    unit = StringField("Satuan", validators=[Optional(), max_length(30)], render_kw={"placeholder": "mis. kali, orang"})
    unit_price = StringField("Harga satuan (Rp)", validators=[Optional()], filters=[as_text],
                             render_kw={"inputmode": "numeric", "placeholder": "mis. 300.000"})
    output = StringField("Keluaran yang diharapkan", validators=[Optional(), max_length(300)])
    budget = StringField("Anggaran (Rp)", validators=[max_length(30)], filters=[as_text], render_kw={"inputmode": "numeric", "placeholder": "mis. 12.500.000"})
    budget_holder = SelectField("Pemilik anggaran", validate_choice=False)
    funding_source = SelectField("Sumber dana",
                                 choices=[("", "— pilih —")] + [(k.value, v) for k, v in SOURCE_LABELS.items()],
                                 validate_choice=False)
    kit_items = CheckboxesField("Alat sarpras Posyandu yang didanai (opsional)",
                                choices=[(item.key, item.label) for item in KIT], validate_choice=False)
    version = HiddenField()

    def validate_budget(self, field):
        if self.volume.data and self.unit_price.data and not (field.data or "").strip():
            return  # volume × harga satuan gives it
        value = parse_rupiah(field.data)
        if value is None:
            raise ValidationError("Isi anggaran dengan angka rupiah, mis. 12.500.000 (tulis 0 bila tanpa biaya).")
        if value < 0:
            raise ValidationError("Anggaran tidak boleh negatif.")

    def validate(self, extra_validators=None) -> bool:
        """Every field at once: WTForms' checks, then the service's own (choices, months, location)."""
        from webapp.workplans.services import line_problems

        valid = super().validate(extra_validators)
        problems = line_problems(self.data_for_service())
        if not self.location.data:
            problems["location"] = "Pilih lokasi kegiatan."
        for name, message in problems.items():
            field = getattr(self, name)
            if not field.errors:
                field.errors = [message]
                valid = False
        return valid

    def validate_volume(self, field):
        if (field.data or "").strip() and parse_rupiah(field.data) is None:
            raise ValidationError("Volume harus angka bulat, mis. 12.")

    def validate_unit_price(self, field):
        if (field.data or "").strip() and parse_rupiah(field.data) is None:
            raise ValidationError("Harga satuan harus angka rupiah, mis. 300.000.")

    def data_for_service(self) -> dict:
        optional = {name: parse_rupiah(getattr(self, name).data) if (getattr(self, name).data or "").strip() else None
                    for name in ("volume", "unit_price")}
        return {"activity": self.activity.data, "spm_field": self.spm_field.data, "indicator": self.indicator.data,
                "target_value": self.target_value.data, "target_group": self.target_group.data,
                "location": self.location.data, "months": [m for m in self.months.data or [] if m.isdigit()],
                "person_in_charge": self.person_in_charge.data, "budget": parse_rupiah(self.budget.data),
                "funding_source": self.funding_source.data, "mitra_id": self.mitra_id.data,
                "budget_holder": self.budget_holder.data or "",
                "activity_code": self.activity_code.data, "unit": self.unit.data, "output": self.output.data,
                "kit_items": list(self.kit_items.data or []), **optional}


class ProgressForm(FlaskForm):
    progress = SelectField("Status kegiatan", choices=[(k.value, v) for k, v in PROGRESS_LABELS.items()
                                                       if k != Progress.NOT_STARTED], validate_choice=False)
    spent = StringField("Sudah dibelanjakan (Rp)", validators=[required("Isi jumlah; tulis 0 bila belum ada.")],
                        render_kw={"inputmode": "numeric", "placeholder": "mis. 1.250.000"})
    progress_on = DateField("Tanggal", validators=[Optional()])
    output_achieved = StringField("Keluaran yang tercapai", validators=[Optional(), max_length(300)])
    evidence = TextAreaField("Catatan bukti (alasan bila batal)", validators=[Optional(), max_length(300)],
                             render_kw={"rows": 2, "placeholder": "mis. daftar hadir dan foto di kantor desa"})
    confirm = BooleanField("Ya, realisasi memang melebihi 150% anggaran")

    def data_for_service(self) -> dict:
        return {"progress": self.progress.data, "spent": parse_rupiah(self.spent.data),
                "progress_on": self.progress_on.data, "output_achieved": self.output_achieved.data,
                "evidence": self.evidence.data, "confirm": self.confirm.data}


class DecisionForm(FlaskForm):
    note = TextAreaField("Catatan", validators=[Optional(), max_length(2000)])
    version = HiddenField()


class VersionForm(FlaskForm):
    """Submit, delete a line, start a revision: only the version (and the CSRF token) travel."""
    version = HiddenField()
