"""Sign-in, password and account forms."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import Optional

from webapp.auth.models import ROLE_LABELS
from webapp.forms import max_length, required


class LoginForm(FlaskForm):
    login = StringField("Nama pengguna atau nomor HP", validators=[required(), max_length(64)])
    password = PasswordField("Kata sandi", validators=[required(), max_length(128)])
    next = HiddenField()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Kata sandi sekarang", validators=[required(), max_length(128)])
    new_password = PasswordField("Kata sandi baru", validators=[required(), max_length(128)])


class ResetWithCodeForm(FlaskForm):
    login = StringField("Nama pengguna atau nomor HP", validators=[required(), max_length(64)])
    code = StringField("Kode reset", validators=[required(), max_length(16)])
    new_password = PasswordField("Kata sandi baru", validators=[required(), max_length(128)])


class PrintedIdentityForm(FlaskForm):
    """What documents print under a person's name; editable on an existing account by its manager."""
    jabatan = StringField("Jabatan", validators=[Optional(), max_length(120)])
    nip = StringField("NIP", validators=[Optional(), max_length(30)])
    is_asn = BooleanField("ASN (PNS/PPPK): NIP dicetak di bawah tanda tangan")
    sex = SelectField("Jenis kelamin", choices=[("", "— pilih —"), ("L", "Laki-laki (L)"), ("P", "Perempuan (P)")],
                      validators=[Optional()])


class AccountForm(PrintedIdentityForm):
    full_name = StringField("Nama lengkap", validators=[required(), max_length(120)])
    username = StringField("Nama pengguna", validators=[required(), max_length(40)])
    phone = StringField("Nomor HP", validators=[Optional(), max_length(20)])
    role = SelectField("Peran", choices=[(k.value, v) for k, v in ROLE_LABELS.items()], validators=[required()])
    region_code = SelectField("Wilayah", validators=[required("Pilih wilayah.")], validate_choice=False)
    posyandu_id = SelectField("Posyandu (untuk kader)", validators=[Optional()], validate_choice=False, coerce=str)
    mitra_id = SelectField("Mitra (untuk peran mitra)", validators=[Optional()], validate_choice=False, coerce=str)
    password = PasswordField("Kata sandi awal", validators=[required(), max_length(128)])

    def validate_username(self, field):
        import re
        from wtforms.validators import ValidationError

        if not re.fullmatch(r"[a-z0-9._-]{3,40}", field.data.strip().lower()):
            raise ValidationError("Gunakan 3–40 huruf kecil, angka, titik, garis bawah atau strip.")


class AuditFilterForm(FlaskForm):
    """Filters of the audit page, read from the query string (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    pengguna = StringField("Pengguna", validators=[Optional(), max_length(40)])
    objek = StringField("Objek (mis. laporan 12, posyandu 3, rapat 5)", validators=[Optional(), max_length(120)])
    dari = DateField("Dari tanggal", validators=[Optional()], render_kw={"type": "date"})
    sampai = DateField("Sampai tanggal", validators=[Optional()], render_kw={"type": "date"})

    def validate_sampai(self, field):
        from wtforms.validators import ValidationError

        if field.data and self.dari.data and field.data < self.dari.data:
            raise ValidationError("Tanggal akhir sebelum tanggal awal.")
