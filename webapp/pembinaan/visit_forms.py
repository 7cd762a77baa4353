"""The supervision visit checklist (phone-sized), a finding, and the note of a step."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional

from webapp.forms import max_length
from webapp.pembinaan.models import SERVICE_STEPS
from webapp.regions.examples import Example

DATE = {"type": "date"}


class VisitForm(FlaskForm):
    visited_on = DateField("Tanggal kunjungan (hari buka)", validators=[Optional()], render_kw=DATE)
    team = StringField(Example("Tim (mis. Puskesmas {kecamatan}, Pokjanal Kecamatan)"), validators=[Optional(), max_length(200)])
    kader_present = IntegerField("Kader hadir", validators=[Optional(), NumberRange(min=0, max=100,
                                                                                   message="Isi angka 0–100.")],
                                 render_kw={"inputmode": "numeric"})
    equipment_seen = BooleanField("Alat penimbangan/pengukuran ada dan dipakai")
    records_kept = BooleanField("Pencatatan (register, Buku KIA/KMS) terisi")
    notes = TextAreaField("Catatan", validators=[Optional(), max_length(4000)])

    def steps(self):
        return [self[name] for name, _ in SERVICE_STEPS]

    def data_for_service(self) -> dict:
        data = {"visited_on": self.visited_on.data, "team": (self.team.data or "").strip(),
                "kader_present": self.kader_present.data, "equipment_seen": bool(self.equipment_seen.data),
                "records_kept": bool(self.records_kept.data), "notes": (self.notes.data or "").strip()}
        return data | {name: bool(self[name].data) for name, _ in SERVICE_STEPS}


for _name, _label in SERVICE_STEPS:
    setattr(VisitForm, _name, BooleanField(f"Langkah dilakukan: {_label}"))


class FindingForm(FlaskForm):
    what = TextAreaField("Temuan dan yang perlu dilakukan", validators=[Optional(), max_length(4000)])
    responsible = StringField("Penanggung jawab (orang/lembaga)", validators=[Optional(), max_length(200)])
    due_on = DateField("Batas waktu", validators=[Optional()], render_kw=DATE)

    def data_for_service(self) -> dict:
        return {"what": (self.what.data or "").strip(), "responsible": (self.responsible.data or "").strip(),
                "due_on": self.due_on.data}


class NoteForm(FlaskForm):
    note = TextAreaField("Keterangan", validators=[Optional(), max_length(4000)])
