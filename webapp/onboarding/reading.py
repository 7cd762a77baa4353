"""Reading an uploaded spreadsheet (xlsx or CSV with `;` or `,`) into a header and rows of text, refusing
what cannot be trusted: a file that is not what its name says, merged cells, formulas, too many rows.

Every problem is a `Problem` with the row and column a person sees in Excel, in Bahasa Indonesia.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

MAX_ROWS = 5000
SHEET_NAME = "Posyandu"


@dataclass(frozen=True)
class Problem:
    row: int | None  # the spreadsheet row (1 = header), None for the whole file
    column: str  # the header as written, or "" for the whole row/file
    message: str


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list]]  # (spreadsheet row number, cell values)


class Unreadable(ValueError):
    """The file as a whole cannot be read; nothing in it is looked at further."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].message)
        self.problems = problems


def _refuse(message: str) -> Unreadable:
    return Unreadable([Problem(None, "", message)])


def read_table(data: bytes, filename: str) -> Table:
    """The first data sheet (or the CSV) as a header and its non-empty rows."""
    name = filename.lower()
    if name.endswith(".csv"):
        return _read_csv(data)
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    raise _refuse("Unggah berkas .xlsx atau .csv.")


def _decoded(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):  # Excel "CSV (Comma delimited)" on Windows writes cp1252
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse("Berkas CSV tidak dapat dibaca; simpan sebagai CSV UTF-8.")


def _read_csv(data: bytes) -> Table:
    text = _decoded(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise _refuse("Berkas kosong: baris pertama harus berisi judul kolom.")
    rows = []
    for number, values in enumerate(reader, start=2):
        if any(v.strip() for v in values):
            rows.append((number, values))
            _check_size(len(rows))
    return Table([h.strip() for h in header], rows)


def _check_size(count: int) -> None:
    if count > MAX_ROWS:
        raise _refuse(f"Berkas berisi lebih dari {MAX_ROWS:,} baris data; bagi menjadi beberapa berkas."
                      .replace(",", "."))


def _merged_ranges(data: bytes, sheet) -> list[str]:
    """Merged cells of the sheet, read from its XML (openpyxl's read-only mode does not report them); the
    read-only sheet knows its part's path in the package."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(sheet._worksheet_path.lstrip("/"))
    return [ref.decode() for ref in re.findall(rb'<mergeCell ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"', xml)]


def _open_book(data: bytes):
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _refuse("Berkas ini bukan xlsx yang sah (mungkin berkas lain yang diganti namanya). "
                      "Simpan ulang dari Excel sebagai .xlsx.")
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a broken package; all mean the same to the user
        raise _refuse("Berkas ini bukan xlsx yang sah atau rusak. Simpan ulang dari Excel sebagai .xlsx.") from None


def _cell_value(cell, header: str, problems: list[Problem]):
    if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=") and cell.data_type != "s"):
        problems.append(Problem(cell.row, header, "Sel berisi rumus; isi nilainya saja (salin, lalu tempel nilai)."))
        return None
    return cell.value


def _read_xlsx(data: bytes) -> Table:
    book = _open_book(data)
    try:
        names = book.sheetnames
        sheet = book[SHEET_NAME if SHEET_NAME in names else names[0]]
        merged = _merged_ranges(data, sheet)
        if merged:
            raise _refuse("Ada sel gabungan (merge) di " + ", ".join(merged[:5]) +
                          "; pisahkan sel (Unmerge) dan isi tiap baris.")
        rows_iter = sheet.iter_rows()
        first = next(rows_iter, None)
        header = [str(c.value).strip() if c.value is not None else "" for c in (first or ())]
        if not any(header):
            raise _refuse("Berkas kosong: baris pertama harus berisi judul kolom.")
        problems: list[Problem] = []
        rows = []
        for cells in rows_iter:
            values = [_cell_value(c, header[i] if i < len(header) else get_column_letter(i + 1), problems)
                      for i, c in enumerate(cells) if hasattr(c, "row")]
            if any(v not in (None, "") for v in values) or any(p.row == _row_of(cells) for p in problems[-1:]):
                rows.append((_row_of(cells), values))
                _check_size(len(rows))
        if problems:
            raise Unreadable(problems)
        return Table(header, rows)
    finally:
        book.close()


def _row_of(cells) -> int | None:
    return next((c.row for c in cells if hasattr(c, "row")), None)


def as_text(value) -> str:
    """A cell as the text a person sees: numbers without ".0", dates as d/m/yyyy."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
