"""Recap and raw reports as tables for Excel (.xlsx through openpyxl) and CSV; blank stays blank."""
from __future__ import annotations

import csv
import io

from flask import current_app

from webapp.reports.fields import COUNT_FIELDS, COUNT_NAMES, RATIOS
from webapp.reports.models import STATUS_LABELS, Status

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def recap_table(rows, total, first_header: str) -> tuple[list[str], list[list]]:
    """Header and rows of a recap: one line per child region (and the total), sums then ratios."""
    header = [first_header, "Laporan masuk"] + [f.header for f in COUNT_FIELDS] + [label for _, label, _, _ in RATIOS]
    lines = []
    for row in [*rows, total]:
        ratios = [None if v is None else round(100 * v, 1) for v in row.ratios.values()]
        lines.append([row.label, row.reports] + [row.sums[n] for n in COUNT_NAMES] + ratios)
    return header, lines


def raw_table(reports) -> tuple[list[str], list[list]]:
    """One line per report with every count as stored."""
    header = ["Kode desa", "Posyandu", "Tahun", "Bulan", "Status", "Tidak buka", "Tanggal hari buka",
              "Dikirim pertama (UTC)"] + [f.header for f in COUNT_FIELDS]
    lines = [[r.region_code, r.posyandu.name, r.year, r.month, STATUS_LABELS[Status(r.status)],
              "ya" if r.closed else "", r.open_dates.replace(",", " "),
              r.first_submitted_at.strftime("%Y-%m-%d %H:%M") if r.first_submitted_at else None]
             + [getattr(r, n) for n in COUNT_NAMES] for r in reports]
    return header, lines


def to_xlsx(title: str, header: list[str], lines: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append(line)  # None stays an empty cell, never 0
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(header: list[str], lines: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in line] for line in lines])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def download(data: bytes, filename: str, fmt: str):
    mime = XLSX_MIME if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = current_app.response_class(data, mimetype=mime)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
