"""Posyandu registry and kabupaten settings forms."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, FloatField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional

from webapp.forms import max_length, required
from webapp.regions.examples import Example


class PosyanduForm(FlaskForm):
    name = StringField("Nama Posyandu", validators=[required(), max_length(120)])
    region_code = SelectField("Desa/kelurahan", validators=[required("Pilih desa/kelurahan.")], validate_choice=False)
    dusun_rw = StringField("Dusun/RW", validators=[Optional(), max_length(120)])
    sk_number = StringField("Nomor SK", validators=[Optional(), max_length(120)])
    sk_on = DateField("Tanggal SK", validators=[Optional()], render_kw={"type": "date"})
    registration_number = StringField("Nomor registrasi Kemendagri", validators=[Optional(), max_length(60)])
    schedule = StringField("Jadwal hari buka", validators=[Optional(), max_length(120)],
                           render_kw={"placeholder": "mis. Rabu minggu ke-2"})
    kader_with_sk = IntegerField("Jumlah kader ber-SK", default=0, validators=[
        Optional(), NumberRange(min=0, max=200, message="Isi angka 0–200.")])
    is_active = BooleanField("Aktif", default=True)
    version = HiddenField()

    def data_for_service(self) -> dict:
        return {
            "name": self.name.data.strip(), "region_code": self.region_code.data,
            "dusun_rw": (self.dusun_rw.data or "").strip(), "sk_number": (self.sk_number.data or "").strip(),
            "sk_on": self.sk_on.data, "registration_number": (self.registration_number.data or "").strip(),
            "schedule": (self.schedule.data or "").strip(), "kader_with_sk": self.kader_with_sk.data or 0,
            "is_active": bool(self.is_active.data),
        }


class SettingsForm(FlaskForm):
    body_name = StringField("Nama lembaga", validators=[required(), max_length(120)])
    place_of_signing = StringField("Tempat penandatanganan (kota)", validators=[Optional(), max_length(80)],
                                   render_kw={"placeholder": Example("mis. {town}")})
    paper_size = SelectField("Ukuran kertas", choices=[("A4", "A4 (210×297 mm)"), ("F4", "F4/Folio (215×330 mm)")])
    letterhead = TextAreaField("Baris kop surat (satu baris per baris)", validators=[Optional(), max_length(600)])
    logo = FileField("Logo (PNG/JPEG, maks. 500 KB)")
    remove_logo = BooleanField("Hapus logo")
    report_due_day = IntegerField("Batas laporan bulanan (tanggal di bulan berikutnya)", validators=[
        required(), NumberRange(min=1, max=28, message="Isi tanggal 1–28.")])
    stunting_survey = FloatField("Prevalensi stunting hasil survei (%)", validators=[
        Optional(), NumberRange(min=0, max=100, message="Isi persen 0–100.")])
    stunting_survey_source = StringField("Sumber survei (mis. SKI 2023)", validators=[Optional(), max_length(60)])
    stunting_target = FloatField("Target stunting kabupaten (%)", validators=[
        Optional(), NumberRange(min=0, max=100, message="Isi persen 0–100.")])
    number_pattern = StringField("Pola nomor surat", validators=[Optional(), max_length(60)],
                                 render_kw={"placeholder": "400.5.9/{n}/Pokjanal/{yyyy}"})


class LetterheadForm(FlaskForm):
    body_name = StringField("Nama lembaga di tingkat ini", validators=[Optional(), max_length(160)],
                            render_kw={"placeholder": Example("mis. Pokjanal Posyandu Kecamatan {kecamatan}")})
    letterhead = TextAreaField("Baris kop surat (satu baris per baris)", validators=[Optional(), max_length(600)])
    place_of_signing = StringField("Tempat penandatanganan", validators=[Optional(), max_length(80)])
