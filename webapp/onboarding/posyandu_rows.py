"""The Posyandu columns of the Dinkes spreadsheet: headers matched by name, each cell checked and turned into
the value the registry stores (hari buka as "Selasa minggu ke-2", like the registry form and the demo)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from webapp.onboarding.reading import Problem, Table, as_text

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
WEEKS = (1, 2, 3, 4, 5)
SCHEDULES = [f"{day} minggu ke-{week}" for day in DAYS for week in WEEKS]
STRATA = ("Pratama", "Madya", "Purnama", "Mandiri")
EXAMPLE_MARK = "(contoh)"


@dataclass(frozen=True)
class Field:
    key: str
    header: str  # as the template writes it
    aliases: tuple[str, ...]
    required: bool = False
    limit: int = 120


FIELDS = (
    Field("name", "Nama Posyandu", ("nama", "nama posyandu"), required=True),
    Field("region_code", "Kode desa/kelurahan", ("kode desa/kelurahan", "kode desa", "kode kelurahan",
                                                  "kode desa/kel", "kode wilayah"), required=True, limit=13),
    Field("dusun_rw", "Dusun/RW", ("dusun/rw", "dusun", "rw", "dusun / rw")),
    Field("schedule", "Hari buka", ("hari buka", "jadwal", "jadwal hari buka")),
    Field("registration_number", "Nomor registrasi", ("nomor registrasi", "no registrasi", "no. registrasi"), limit=60),
    Field("sk_number", "SK nomor", ("sk nomor", "nomor sk", "no sk", "no. sk")),
    Field("sk_on", "SK tanggal", ("sk tanggal", "tanggal sk", "tgl sk")),
    Field("strata", "Strata", ("strata",), limit=12),
)
BY_ALIAS = {alias: field for field in FIELDS for alias in field.aliases}


def normal_header(text: str) -> str:
    """Case and spaces do not matter: "  KODE  Desa / Kelurahan " → "kode desa/kelurahan"."""
    text = re.sub(r"\s+", " ", str(text or "").strip().lower())
    return re.sub(r"\s*/\s*", "/", text)


def match_columns(header: list[str]) -> tuple[dict[str, int], list[Problem]]:
    """{field key: column index} and what is wrong with the header (missing, unknown, twice)."""
    found: dict[str, int] = {}
    problems = []
    for index, title in enumerate(header):
        if not str(title or "").strip():
            continue
        field = BY_ALIAS.get(normal_header(title)) or BY_ALIAS.get(normal_header(title).replace("/", " / "))
        if field is None:
            problems.append(Problem(1, title, f"Kolom \"{title}\" tidak dikenal. Gunakan judul kolom dari templat."))
        elif field.key in found:
            problems.append(Problem(1, title, f"Kolom \"{field.header}\" muncul dua kali."))
        else:
            found[field.key] = index
    for field in FIELDS:
        if field.required and field.key not in found:
            problems.append(Problem(1, field.header, f"Kolom wajib \"{field.header}\" tidak ada."))
    return found, problems


def parse_schedule(text: str) -> str | None:
    """"selasa, minggu ke 2" / "Selasa Minggu Ke-2" → "Selasa minggu ke-2"; None if it is not that shape."""
    match = re.fullmatch(r"(senin|selasa|rabu|kamis|jum'?at|sabtu|minggu)\s*,?\s*(?:minggu|mg)\.?\s*ke\s*-?\s*([1-5])",
                         text.strip().lower())
    if not match:
        return None
    day = match.group(1).replace("'", "").capitalize()
    return f"{day} minggu ke-{match.group(2)}"


def parse_date(value) -> dt.date | None:
    """A date cell, or d/m/yyyy, d-m-yyyy or yyyy-mm-dd text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = as_text(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _date(raw, text: str):
    date = parse_date(raw)
    return (date.isoformat(), None) if date else (None, "Tanggal tidak dikenal; tulis seperti 15/01/2025.")


def _schedule(raw, text: str):
    schedule = parse_schedule(text)
    return (schedule, None) if schedule else (None, "Tulis hari buka seperti \"Selasa minggu ke-2\".")


def _strata(raw, text: str):
    found = text.capitalize() in STRATA
    return (text.capitalize(), None) if found else (None, "Strata: Pratama, Madya, Purnama atau Mandiri.")


def _name(raw, text: str):
    if text.lower().endswith(EXAMPLE_MARK):
        return None, "Ini baris contoh dari templat; hapus atau ganti dengan data Anda."
    return text, None


CHECKS = {"sk_on": _date, "schedule": _schedule, "strata": _strata, "name": _name}


def _value(field: Field, raw, problems: list[Problem], row: int):
    """The cell as stored, or None (blank, or refused with its problem added)."""
    text = as_text(raw)
    if not text:
        if field.required:
            problems.append(Problem(row, field.header, "Wajib diisi."))
        return None
    if field.key != "sk_on" and len(text) > field.limit:
        problems.append(Problem(row, field.header, f"Maksimal {field.limit} karakter."))
        return None
    value, problem = CHECKS.get(field.key, lambda raw, text: (text, None))(raw, text)
    if problem:
        problems.append(Problem(row, field.header, problem))
    return value


def parse_rows(table: Table) -> tuple[list[dict], list[Problem]]:
    """Each row as {row, field: value or None (blank: left as it is)} and every cell's problem."""
    columns, problems = match_columns(table.header)
    if problems:
        return [], problems
    rows = []
    for number, values in table.rows:
        row = {"row": number}
        for field in FIELDS:
            index = columns.get(field.key)
            raw = values[index] if index is not None and index < len(values) else None
            row[field.key] = _value(field, raw, problems, number) if index is not None else None
        rows.append(row)
    if not rows:
        problems.append(Problem(None, "", "Berkas tidak berisi baris data di bawah judul kolom."))
    return rows, problems
