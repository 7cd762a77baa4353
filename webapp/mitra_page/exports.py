"""A mitra page as Excel (one sheet of lines, one of totals) and as the context of its PDF."""
from __future__ import annotations

from webapp import pdf
from webapp.exports import Column, Export, Sheet, answer
from webapp.mitra_page.queries import MitraPage, kecamatan_label
from webapp.regions.queries import setting_for
from webapp.workplans import rules

LINE_COLUMNS = [Column("Wilayah", width=24), Column("Kecamatan", width=18), Column("Rencana", width=30),
                Column("Status rencana", width=24), Column("Kegiatan", width=36), Column("Bidang", width=20),
                Column("Kode kegiatan", width=16), Column("Sumber dana", width=18), Column("Pelaksana", width=22),
                Column("Volume", "int", 10), Column("Satuan", width=10), Column("Harga satuan (Rp)", "rupiah", 16),
                Column("Anggaran (Rp)", "rupiah", 16), Column("Realisasi (Rp)", "rupiah", 16),
                Column("Status kegiatan", width=16), Column("Keluaran", width=24),
                Column("Pemilik anggaran", width=24)]
SUM_COLUMNS = [Column("Menurut", width=28), Column("Kelompok", width=28), Column("Disetujui (Rp)", "rupiah", 16),
               Column("Belum disetujui (Rp)", "rupiah", 18), Column("Realisasi (Rp)", "rupiah", 16)]


def _line_row(line) -> list:
    plan = line.plan
    return [plan.region.label, kecamatan_label(plan), plan.title, rules.status_label(plan), line.activity,
            line.field_label, line.activity_code or None, line.source_label, line.pelaksana_label, line.volume,
            line.unit or None, line.unit_price, line.budget, line.spent, line.progress_label, line.output or None,
            line.holder_label]


def _sums(part, prefix: str) -> list[list]:
    rows = [[f"{prefix}: {title}", key, approved, pending, spent]
            for title, groups in (("Bidang", part.by_field), ("Sumber dana", part.by_source),
                                  ("Kecamatan", part.by_kecamatan))
            for key, approved, pending, spent in groups.items()]
    return rows + [[f"{prefix}: Jumlah", None, part.approved, part.pending, part.spent]]


def page_export(data: MitraPage) -> Export:
    """The lines carried on one sheet, the lines whose budget the mitra holds (its Renja/RKA) on another,
    the totals of both by field, source and kecamatan on a third."""
    sums = _sums(data.own, "Anggaran Anda") + _sums(data.carried, "Sebagai pelaksana")
    return Export(title=f"Kegiatan {data.mitra.name}", area=data.mitra.name, period="Semua rencana kerja",
                  timezone=setting_for(data.mitra.kabupaten_code).timezone,
                  sheets=[Sheet("Kegiatan", LINE_COLUMNS, [_line_row(line) for line in data.carried.lines]),
                          Sheet("Anggaran Anda", LINE_COLUMNS, [_line_row(line) for line in data.own.lines]),
                          Sheet("Jumlah", SUM_COLUMNS, sums)])


def xlsx_response(data: MitraPage, name: str):
    return answer(page_export(data), name, "xlsx")


def pdf_context(data: MitraPage) -> dict:
    setting = setting_for(data.mitra.kabupaten_code)
    return {"setting": setting, "logo": pdf.data_uri(setting.logo, setting.logo_mime), "data": data,
            "status_label": rules.status_label, "landscape": True, "body_name": setting.body_name}
