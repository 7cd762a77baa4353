"""The one way tables leave the app as Excel (.xlsx) or CSV: blank stays blank, and text that a
spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written as text.

CSV cells get the apostrophe prefix OWASP recommends; xlsx cells are stored as text with the
quote-prefix style (Excel's own form of that apostrophe), so a Posyandu named "=HYPERLINK(…)"
is shown, never run.
"""
from __future__ import annotations

import csv
import io

from flask import current_app

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """A value as a CSV cell: None is empty, formula-like text gets the apostrophe."""
    if value is None:
        return ""
    return "'" + value if is_formula_like(value) else value


def to_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[csv_cell(v) for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def to_xlsx(title: str, rows: list[list], bold_rows: tuple[int, ...] = (1,), freeze: str | None = None,
            widths: dict[str, int] | None = None) -> bytes:
    """One sheet; `bold_rows` are 1-based (negative counts from the end); None stays an empty cell, never 0."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
    for number in bold_rows:
        for cell in sheet[number if number > 0 else sheet.max_row + 1 + number]:
            cell.font = Font(bold=True)
    if freeze:
        sheet.freeze_panes = freeze
    for column, width in (widths or {}).items():
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def download(data: bytes, filename: str, fmt: str):
    """The file as an attachment, never cached."""
    response = current_app.response_class(data, mimetype=XLSX_MIME if fmt == "xlsx" else CSV_MIME)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
