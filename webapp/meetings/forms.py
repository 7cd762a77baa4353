"""Forms for meetings: scheduling, invitations, guests, check-in, minutes, action items and their progress."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DateField, FieldList, Form, FormField, HiddenField, SelectField, SelectMultipleField, StringField,
    TextAreaField, TimeField,
)
from wtforms.validators import Optional, ValidationError

from webapp.forms import max_length, required
from webapp.meetings.models import ACTION_LABELS, KIND_LABELS
from webapp.inputs import posted_id

MINUTES_PART = 20_000
MINUTES_TOTAL = 60_000
"""Characters per part and in all: a minutes PDF stays a few pages (a 1.9 MB text took 73 s)."""


def _int_or_none(value):
    return posted_id(value) if value != "None" else None


class MeetingForm(FlaskForm):
    region_code = SelectField("Lembaga", validators=[required("Pilih lembaga.")], validate_choice=False)
    kind = SelectField("Jenis kegiatan", choices=[(k.value, label) for k, label in KIND_LABELS.items()])
    title = StringField("Judul / acara", validators=[required(), max_length(200)])
    day = DateField("Tanggal", validators=[required("Isi tanggal rapat.")], render_kw={"type": "date"})
    starts = TimeField("Jam mulai", validators=[required("Isi jam mulai.")], render_kw={"type": "time"})
    ends = TimeField("Jam selesai", validators=[Optional()], render_kw={"type": "time"})
    place = StringField("Tempat", validators=[required(), max_length(200)])
    chair_id = SelectField("Pimpinan rapat", coerce=_int_or_none, validate_choice=False,
                           validators=[required("Pilih pimpinan rapat.")])
    notulis_id = SelectField("Notulis", coerce=_int_or_none, validate_choice=False,
                             validators=[required("Pilih notulis.")])
    chair_member_id = SelectField("Ketua rapat (anggota lembaga)", coerce=_int_or_none, validate_choice=False)
    notulis_member_id = SelectField("Notulis (anggota lembaga)", coerce=_int_or_none, validate_choice=False)
    agenda = TextAreaField("Agenda (satu butir per baris)", validators=[Optional(), max_length(4000)])

    def data_for_service(self) -> dict:
        return {
            "region_code": self.region_code.data, "kind": self.kind.data, "title": self.title.data,
            "day": self.day.data, "starts": self.starts.data, "ends": self.ends.data, "place": self.place.data,
            "chair_id": self.chair_id.data, "notulis_id": self.notulis_id.data,
            "chair_member_id": self.chair_member_id.data, "notulis_member_id": self.notulis_member_id.data,
            "agenda": [line.strip() for line in (self.agenda.data or "").splitlines() if line.strip()],
        }


class InviteForm(FlaskForm):
    bodies = SelectMultipleField("Undang anggota lembaga (kader dipilih satu per satu di bawah)", validate_choice=False)
    users = SelectMultipleField("Undang akun", coerce=int, validate_choice=False)
    members = SelectMultipleField("Undang anggota lembaga satu per satu (dengan atau tanpa akun)", coerce=int,
                                  validate_choice=False)


class GuestForm(FlaskForm):
    guest_name = StringField("Nama", validators=[required("Tulis nama tamu."), max_length(120)])
    jabatan = StringField("Jabatan", validators=[Optional(), max_length(120)])
    instansi = StringField("Instansi / unsur", validators=[Optional(), max_length(120)])
    sex = SelectField("L/P", choices=[("", "—"), ("L", "Laki-laki (L)"), ("P", "Perempuan (P)")])
    phone = StringField("No. HP", validators=[Optional(), max_length(20)], render_kw={"inputmode": "tel"})


class CheckInForm(FlaskForm):
    code = StringField("Kode hadir", validators=[required("Tulis kode hadir dari notulis."), max_length(8)],
                       render_kw={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"})


class AgendaEntryForm(Form):
    id = HiddenField()
    title = StringField("Judul agenda", validators=[required(), max_length(200)])
    discussion = TextAreaField("Pembahasan (siapa menyampaikan apa)", validators=[Optional(), max_length(MINUTES_PART)])
    decisions = TextAreaField("Kesimpulan / keputusan", validators=[Optional(), max_length(MINUTES_PART)])


class MinutesForm(FlaskForm):
    opening = TextAreaField("Pembukaan", validators=[Optional(), max_length(MINUTES_PART)])
    items = FieldList(FormField(AgendaEntryForm))  # how many a meeting holds is the service's rule (limits.py)
    closing = TextAreaField("Penutup", validators=[Optional(), max_length(MINUTES_PART)])
    version = HiddenField()

    def validate_closing(self, field):
        parts = [self.opening.data, field.data] + [
            text for e in self.items.entries for text in (e.form.discussion.data, e.form.decisions.data)]
        if sum(len(text or "") for text in parts) > MINUTES_TOTAL:
            raise ValidationError(f"Notulen terlalu panjang: seluruh isinya maksimal {MINUTES_TOTAL:,} karakter."
                                  .replace(",", "."))

    def data_for_service(self) -> dict:
        return {
            "opening": self.opening.data, "closing": self.closing.data,
            "items": [{"id": _int_or_none(e.form.id.data), "title": e.form.title.data,
                       "discussion": e.form.discussion.data, "decisions": e.form.decisions.data}
                      for e in self.items.entries],
        }


class AgendaForm(FlaskForm):
    title = StringField("Agenda baru", validators=[required("Tulis judul agenda."), max_length(200)])


class ActionForm(FlaskForm):
    what = TextAreaField("Tindak lanjut", validators=[required("Tulis tindak lanjutnya."), max_length(2000)])
    responsible = SelectField("Penanggung jawab", validate_choice=False)
    agency = StringField("…atau instansi lain", validators=[Optional(), max_length(200)])
    due_on = DateField("Batas waktu", validators=[Optional()], render_kw={"type": "date"})


class ActionUpdateForm(FlaskForm):
    status = SelectField("Status", choices=[(k.value, label) for k, label in ACTION_LABELS.items()])
    note = TextAreaField("Perkembangan / bukti", validators=[Optional(), max_length(4000)])


class CommentForm(FlaskForm):
    body = TextAreaField("Tanggapan", validators=[required("Tulis tanggapan Anda."), max_length(4000)])



class ActivityForm(FlaskForm):
    basis = TextAreaField("Dasar", validators=[Optional(), max_length(4000)],
                          render_kw={"rows": 3, "placeholder": "mis. SK Bupati tentang Pokjanal Posyandu; DPA DPMD 2025"})
    purpose = TextAreaField("Maksud dan tujuan", validators=[Optional(), max_length(4000)], render_kw={"rows": 3})


class SpeakerForm(FlaskForm):
    member_id = SelectField("Anggota lembaga (opsional)", coerce=_int_or_none, validate_choice=False)
    name = StringField("…atau nama narasumber lain", validators=[Optional(), max_length(120)])
    jabatan = StringField("Jabatan dan instansi", validators=[Optional(), max_length(200)])
    topic = StringField("Judul materi", validators=[required(), max_length(240)])


class PhotoForm(FlaskForm):
    photo = FileField("Foto (JPEG/PNG, maks. 2 MB; diperkecil otomatis)")
    caption = StringField("Keterangan foto", validators=[Optional(), max_length(200)])
