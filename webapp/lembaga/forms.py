"""Forms of a body: its SK (with the PDF scan) and one member."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional

from webapp.forms import max_length, required
from webapp.lembaga.models import JABATAN_LABELS
from webapp.spm import SPM_LABELS
from webapp.regions.examples import Example


def _optional_id(value) -> str:
    return "" if value is None else str(value)


class SkForm(FlaskForm):
    sk_number = StringField("Nomor SK", validators=[required("Nomor SK wajib diisi."), max_length(100)])
    sk_on = DateField("Tanggal SK", validators=[required("Isi tanggal SK.")])
    sk_signed_by = StringField("Ditetapkan oleh", validators=[Optional(), max_length(120)],
                               render_kw={"placeholder": Example("mis. Bupati {kabupaten}")})
    term_start = DateField("Masa bakti mulai", validators=[Optional()])
    term_end = DateField("Masa bakti sampai", validators=[Optional()])
    scan = FileField("Pindaian SK (PDF, maks. 2 MB)")

    def data_for_service(self) -> dict:
        return {name: getattr(self, name).data for name in
                ("sk_number", "sk_on", "sk_signed_by", "term_start", "term_end")}


class MemberForm(FlaskForm):
    name = StringField("Nama", validators=[Optional(), max_length(120)])  # required unless an account is linked
    jabatan = SelectField("Jabatan dalam lembaga", choices=[("", "— pilih —")] + [
        (k.value, v) for k, v in JABATAN_LABELS.items()], validate_choice=False)
    bidang = SelectField("Bidang (koordinator)", choices=[("", "—")] + [(k.value, v) for k, v in SPM_LABELS.items()],
                         validate_choice=False)
    mitra_id = SelectField("Unsur (mitra yang diwakili)", validate_choice=False, coerce=_optional_id)
    unsur_text = StringField("Unsur lain", validators=[Optional(), max_length(120)],
                             render_kw={"placeholder": "mis. tokoh masyarakat, kader"})
    sex = SelectField("L/P", choices=[("", "— pilih —"), ("L", "Laki-laki"), ("P", "Perempuan")],
                      validate_choice=False)
    phone = StringField("Nomor HP", validators=[Optional(), max_length(20)], render_kw={"inputmode": "tel"})
    nip = StringField("NIP (hanya ASN)", validators=[Optional(), max_length(30)], render_kw={"inputmode": "numeric"})
    user_id = SelectField("Akun (opsional)", validate_choice=False, coerce=_optional_id)

    def data_for_service(self) -> dict:
        return {name: getattr(self, name).data for name in
                ("name", "jabatan", "bidang", "mitra_id", "unsur_text", "sex", "phone", "nip", "user_id")}
