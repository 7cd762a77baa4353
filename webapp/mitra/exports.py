"""A mitra page as Excel (one sheet of lines, one of totals) and as the context of its PDF."""
from __future__ import annotations

import io

from webapp import pdf
from webapp.mitra.queries import MitraPage, kecamatan_label
from webapp.regions.queries import setting_for
from webapp.reports.exports import download
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
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Kegiatan"
    sheet.append(LINE_HEADER)
    for line in data.lines:
        sheet.append(_line_row(line))
    totals = book.create_sheet("Jumlah")
    totals.append(["Menurut", "Kelompok", "Disetujui (Rp)", "Belum disetujui (Rp)", "Realisasi (Rp)"])
    for title, sums in (("Bidang", data.by_field), ("Sumber dana", data.by_source),
                        ("Kecamatan", data.by_kecamatan)):
        for key, approved, pending, spent in sums.items():
            totals.append([title, key, approved, pending, spent])
    totals.append(["Jumlah", "", data.approved, data.pending, data.spent])
    for worksheet in (sheet, totals):
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        worksheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(data: bytes, filename: str):
    return download(data, filename, "xlsx")


def pdf_context(data: MitraPage) -> dict:
    setting = setting_for(data.mitra.kabupaten_code)
    return {"setting": setting, "logo": pdf.data_uri(setting.logo, setting.logo_mime), "data": data,
            "status_label": rules.status_label, "landscape": True, "body_name": setting.body_name}
