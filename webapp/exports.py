"""One way to export a table: Excel (.xlsx) with real numbers and dates, and CSV for Indonesian Excel
(`;` between fields, decimal comma, BOM) or for machines (`,`, decimal point, ISO dates, no BOM).

Every workbook carries a "Keterangan" sheet (title, area, period, printed at, definitions) instead of title
rows above the header, so each data sheet is one plain table. Times are shown in the kabupaten's zone,
named in the header; blank stays blank (never 0). Text a spreadsheet would run as a formula (=, +, -, @,
tab, CR first) is written as text: CSV cells get the apostrophe OWASP recommends, xlsx cells are stored as
text with the quote-prefix style, so a Posyandu named "=HYPERLINK(…)" is shown, never run.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from flask import current_app

from webapp.clock import local_time, utcnow
from webapp.regions.models import ZONE_SUFFIX

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {"int": "#,##0", "decimal": "#,##0.0", "percent": "0.0", "rupiah": "#,##0", "date": "dd/mm/yyyy",
           "datetime": "dd/mm/yyyy hh:mm", "text": "@"}


@dataclass
class Column:
    header: str
    kind: str = "text"  # text, int, decimal, percent (a value in %, header says "(%)"), rupiah, date, datetime
    width: int = 0


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: list[list]


@dataclass
class Export:
    title: str
    area: str
    period: str
    timezone: str
    sheets: list[Sheet]
    definitions: list[tuple[str, str]] = field(default_factory=list)
    printed_at: dt.datetime = field(default_factory=utcnow)

    @property
    def zone(self) -> str:
        return ZONE_SUFFIX.get(self.timezone, self.timezone)


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """A value as a CSV cell: None is empty, formula-like text gets the apostrophe."""
    if value is None:
        return ""
    return "'" + value if is_formula_like(value) else value


def keep_as_text(cells) -> None:
    """Every xlsx cell written goes through here (headers, data, the Keterangan sheet): formula-like text is
    stored as a string with Excel's quote prefix, never as a formula."""
    for cell in cells:
        if is_formula_like(cell.value):
            cell.data_type, cell.quotePrefix = "s", True


def column_header(column: Column, zone: str) -> str:
    """Times name their zone: "Dikirim pertama (WITA)"."""
    return f"{column.header} ({zone})" if column.kind == "datetime" else column.header


def _cell(value, column: Column, timezone: str):
    """A stored UTC datetime becomes the kabupaten's local time (Excel has no zones)."""
    if column.kind == "datetime" and isinstance(value, dt.datetime):
        return local_time(value, timezone).replace(tzinfo=None)
    return value


def _data_sheet(book, sheet_data: Sheet, export: Export) -> None:
    """One plain table: bold wrapped header, typed cells with their number format, formula-like text as text."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(sheet_data.name[:31])
    sheet.append([column_header(c, export.zone) for c in sheet_data.columns])
    keep_as_text(sheet[1])
    for cell in sheet[1]:
        cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for row in sheet_data.rows:
        sheet.append([_cell(v, c, export.timezone) for v, c in zip(row, sheet_data.columns, strict=True)])
        keep_as_text(sheet[sheet.max_row])
    for index, column in enumerate(sheet_data.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width or (28 if column.kind == "text" else 14)
        if column.kind != "text":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = FORMATS[column.kind]
    sheet.freeze_panes = "B2"


def _notes_sheet(book, export: Export) -> None:
    """Keterangan: title, area, period, printed at (local time), zone and the definitions."""
    from openpyxl.styles import Font

    notes = book.create_sheet("Keterangan")
    printed = local_time(export.printed_at, export.timezone).replace(tzinfo=None)
    for label, value in [("Judul", export.title), ("Wilayah", export.area), ("Periode", export.period),
                         (f"Dicetak ({export.zone})", printed), ("Zona waktu", f"{export.timezone} ({export.zone})"),
                         *export.definitions]:
        notes.append([label, value])
        keep_as_text(notes[notes.max_row])  # the area is a mitra's or a kop's name, the definitions free text
    notes["B4"].number_format = FORMATS["datetime"]
    notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 28, 90
    for (cell,) in notes.iter_rows(min_col=1, max_col=1):
        cell.font = Font(bold=True)


def to_xlsx(export: Export, finish=None) -> bytes:
    """The workbook; `finish(book)`, if given, adds what a template needs (dropdowns, a list sheet)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet_data in export.sheets:
        _data_sheet(book, sheet_data, export)
    _notes_sheet(book, export)
    if finish is not None:
        finish(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(value, column: Column, timezone: str, for_excel: bool) -> str:
    if value is None:
        return ""
    value = _cell(value, column, timezone)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M" if for_excel else "%Y-%m-%dT%H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y" if for_excel else "%Y-%m-%d")
    if isinstance(value, float) and for_excel:
        return f"{value:.1f}".replace(".", ",")
    return csv_cell(value) if isinstance(value, str) else str(value)


def to_csv(export: Export, for_excel: bool = True) -> bytes:
    """The first sheet as CSV: for Indonesian Excel (`;`, decimal comma, d/m/y, BOM) or for machines."""
    sheet = export.sheets[0]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if for_excel else ",", lineterminator="\r\n")
    writer.writerow([csv_cell(column_header(c, export.zone)) for c in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_text(v, c, export.timezone, for_excel) for v, c in zip(row, sheet.columns, strict=True)])
    text = buffer.getvalue()
    return ("\ufeff" + text).encode("utf-8") if for_excel else text.encode("utf-8")


def download(data: bytes, filename: str):
    """An attachment with one Content-Type, never cached by a shared phone."""
    content_type = XLSX_MIME if filename.endswith(".xlsx") else CSV_MIME
    response = current_app.response_class(data, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def answer(export: Export, name: str, fmt: str, for_machines: bool = False):
    """The export as `name.xlsx` or `name.csv` (Indonesian Excel, or `,` for machines)."""
    if fmt == "xlsx":
        return download(to_xlsx(export), f"{name}.xlsx")
    return download(to_csv(export, for_excel=not for_machines), f"{name}{'-mesin' if for_machines else ''}.csv")
