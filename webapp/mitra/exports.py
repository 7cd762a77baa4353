"""A mitra page as Excel (one sheet of lines, one of totals) and as the context of its PDF."""
from __future__ import annotations

from webapp import pdf
from webapp.exports import download, to_xlsx
from webapp.mitra.queries import MitraPage, kecamatan_label
from webapp.regions.queries import setting_for
from webapp.workplans import rules

LINE_HEADER = ["Wilayah", "Kecamatan", "Rencana", "Status rencana", "Kegiatan", "Bidang", "Kode kegiatan",
               "Sumber dana", "Pelaksana", "Volume", "Satuan", "Harga satuan", "Anggaran", "Realisasi",
               "Status kegiatan", "Keluaran"]


def _line_row(line) -> list:
    plan = line.plan
    return [plan.region.label, kecamatan_label(plan), plan.title, rules.status_label(plan), line.activity,
            line.field_label, line.activity_code or None, line.source_label, line.pelaksana_label, line.volume,
            line.unit or None, line.unit_price, line.budget, line.spent, line.progress_label, line.output or None]


def page_xlsx(data: MitraPage) -> bytes:
    """The lines, then (after a blank row) the totals by field, source and kecamatan, on one sheet."""
    rows = [LINE_HEADER, *(_line_row(line) for line in data.lines), [],
            ["Menurut", "Kelompok", "Disetujui (Rp)", "Belum disetujui (Rp)", "Realisasi (Rp)"]]
    for title, sums in (("Bidang", data.by_field), ("Sumber dana", data.by_source),
                        ("Kecamatan", data.by_kecamatan)):
        rows += [[title, key, approved, pending, spent] for key, approved, pending, spent in sums.items()]
    rows.append(["Jumlah", "", data.approved, data.pending, data.spent])
    return to_xlsx("Kegiatan", rows, bold_rows=(1, len(data.lines) + 3, -1), freeze="A2")


def xlsx_response(data: bytes, filename: str):
    return download(data, filename, "xlsx")


def pdf_context(data: MitraPage) -> dict:
    setting = setting_for(data.mitra.kabupaten_code)
    return {"setting": setting, "logo": pdf.data_uri(setting.logo, setting.logo_mime), "data": data,
            "status_label": rules.status_label, "landscape": True, "body_name": setting.body_name}
