"""The dashboard table as Excel and CSV, with the same numbers the page shows (blank stays blank)."""
from __future__ import annotations

import csv
import io

from webapp.dashboard.indicators import PAIRS, Row


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def header() -> list[str]:
    columns = ["Wilayah/Posyandu", "Kode", "Laporan diharapkan", "Masuk", "Tepat waktu", "Terlambat", "Belum masuk",
               "Kelengkapan (%)"]
    for pair in PAIRS:
        columns += [f"{pair.label}: pembilang", f"{pair.label}: penyebut", f"{pair.label}: laporan",
                    f"{pair.label} (%)"]
    columns += ["Posyandu", "Memenuhi 3 syarat aktif", "Memenuhi 3 syarat aktif (%)", "Rencana kerja", "Tindak lanjut terbuka",
                "Tindak lanjut terlambat"]
    return columns


def line(row: Row) -> list:
    c = row.completeness
    values = [row.label, row.code, c.expected, c.received, c.on_time, c.late, c.missing,
              _percent(row.figures["received"].value)]
    for pair in PAIRS:
        values += [row.totals.get(f"{pair.key}_num"), row.totals.get(f"{pair.key}_den"),
                   row.totals.get(f"{pair.key}_n") or 0, _percent(row.figures[pair.key].value)]
    aktif = row.aktif
    if hasattr(aktif, "posyandu"):
        values += [aktif.posyandu, aktif.aktif, _percent(row.figures["aktif"].value)]
    else:
        values += [1, int(aktif.is_aktif), 100.0 * int(aktif.is_aktif)]
    values += [sum(row.plans.values()), row.actions[0], row.actions[1]]
    return values


def table(board) -> list[list]:
    return [header()] + [line(r) for r in board.rows] + [line(board.total)]


def to_csv(board) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f"Pemantauan {board.title}", board.period.label])
    for values in table(board):
        writer.writerow(["" if v is None else v for v in values])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel read the UTF-8


def to_xlsx(board) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Pemantauan"
    sheet.append([f"Pemantauan {board.title}", board.period.label])
    for values in table(board):
        sheet.append(values)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C3"
    sheet.column_dimensions["A"].width = 32
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
