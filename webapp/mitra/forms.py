"""The form of one mitra; choices come from the kabupaten's own registry and regions."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField

from webapp.forms import CheckboxesField, max_length, required
from webapp.mitra.models import KIND_LABELS
from webapp.spm import SPM_LABELS, URUSAN


class MitraForm(FlaskForm):
    kabupaten_code = SelectField("Kabupaten", validate_choice=False)
    kind = SelectField("Jenis", choices=[("", "— pilih —")] + [(k.value, v) for k, v in KIND_LABELS.items()],
                       validate_choice=False)
    short_name = StringField("Nama singkat", validators=[required("Nama singkat wajib diisi, mis. Dinkes."),
                                                         max_length(40)])
    name = StringField("Nama lengkap", validators=[required("Nama lengkap wajib diisi."), max_length(200)])
    parent_id = SelectField("Induk (untuk unit: puskesmas, UPT)", validate_choice=False)
    fields = CheckboxesField("Bidang yang dilayani", choices=[(k.value, v) for k, v in SPM_LABELS.items()],
                             validate_choice=False)
    urusan_code = SelectField("Urusan SIPD (opsional)",
                              choices=[("", "—")] + [(k, f"{k} {v}") for k, v in URUSAN.items()],
                              validate_choice=False)
    area_codes = CheckboxesField("Wilayah kerja (kosong = seluruh kabupaten)", validate_choice=False)
    is_active = BooleanField("Aktif", default=True)

    def data_for_service(self) -> dict:
        return {name: getattr(self, name).data for name in
                ("kabupaten_code", "kind", "short_name", "name", "parent_id", "fields", "urusan_code",
                 "area_codes", "is_active")}
