"""Roster, skills and training forms; choices come from the reference lists and the Posyandu's accounts."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, SelectMultipleField, StringField
from wtforms.validators import Optional

from webapp.forms import max_length, required
from webapp.kader.models import POSITION_LABELS, SEX_LABELS, SPM_FIELDS
from webapp.kader.skills import SKILL_LABELS
from webapp.inputs import posted_id

DATE = {"type": "date"}


def _text(field) -> str:
    return (field.data or "").strip()


class KaderForm(FlaskForm):
    name = StringField("Nama", validators=[required("Tulis nama kader."), max_length(120)])
    sex = SelectField("Jenis kelamin", choices=[("", "— pilih —"), *SEX_LABELS.items()], validate_choice=False)
    phone = StringField("No. HP (boleh kosong)", validators=[Optional(), max_length(20)])
    position = SelectField("Jabatan", choices=[(k.value, v) for k, v in POSITION_LABELS.items()],
                           default="kader", validate_choice=False)
    spm_field = SelectField("Bidang SPM yang dilayani", choices=list(SPM_FIELDS.items()), default="kesehatan",
                            validate_choice=False)
    sk_number = StringField("Nomor SK kepala desa/lurah", validators=[Optional(), max_length(120)])
    sk_on = DateField("Tanggal SK", validators=[Optional()], render_kw=DATE)
    active_since = DateField("Aktif sejak", validators=[Optional()], render_kw=DATE)
    is_active = BooleanField("Masih aktif", default=True)
    inactive_reason = StringField("Alasan tidak aktif", validators=[Optional(), max_length(200)])
    user_id = SelectField("Akun aplikasi (boleh kosong)", choices=[("", "— tanpa akun —")], validate_choice=False)

    def data_for_service(self) -> dict:
        return {
            "name": _text(self.name), "sex": self.sex.data or "", "phone": _text(self.phone),
            "position": self.position.data or "kader", "spm_field": self.spm_field.data or "",
            "sk_number": _text(self.sk_number), "sk_on": self.sk_on.data, "active_since": self.active_since.data,
            "is_active": bool(self.is_active.data), "inactive_reason": _text(self.inactive_reason),
            "user_id": posted_id(self.user_id.data),
        }


class SkillsForm(FlaskForm):
    codes = SelectMultipleField("Keterampilan dikuasai", choices=list(SKILL_LABELS.items()), validate_choice=False)
    marked_on = DateField("Tanggal penilaian", validators=[Optional()], render_kw=DATE)


class TrainingForm(FlaskForm):
    name = StringField("Nama pelatihan", validators=[required("Tulis nama pelatihan."), max_length(200)])
    organiser = StringField("Penyelenggara", validators=[Optional(), max_length(200)])
    held_on = DateField("Tanggal", validators=[Optional()], render_kw=DATE)
    certificate_number = StringField("Nomor sertifikat", validators=[Optional(), max_length(120)])

    def data_for_service(self) -> dict:
        return {"name": _text(self.name), "organiser": _text(self.organiser), "held_on": self.held_on.data,
                "certificate_number": _text(self.certificate_number)}
