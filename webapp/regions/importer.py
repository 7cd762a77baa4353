"""All-or-nothing import of the official region list (CSV `kode,nama`), as an upsert."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from sqlalchemy import select

from webapp.extensions import db
from webapp.regions.models import LEVEL_BY_PARTS, KabupatenSetting, Level, Region, default_timezone, parent_code_of

CODE_PATTERN = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.[123]\d{3})?)?)?")
MAX_NAME = 120
BATCH = 5000


@dataclass
class ImportResult:
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _row_problem(record: list[str], seen: dict[str, int]) -> str | None:
    """What is wrong with one row, or None."""
    if len(record) != 2:
        return "harus tepat 2 kolom (kode,nama)"
    code, name = record[0].strip(), record[1].strip()
    if not CODE_PATTERN.fullmatch(code):
        return f"kode '{code}' tidak sesuai format Kemendagri"
    if not name or len(name) > MAX_NAME:
        return f"nama wilayah kosong atau lebih dari {MAX_NAME} karakter"
    if code in seen:
        return f"kode {code} ganda (sudah ada di baris {seen[code]})"
    return None


def parse(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Read and check every row; returns (rows, errors with their line numbers)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header[:2]] != ["kode", "nama"]:
        return [], ["baris 1: kepala kolom harus 'kode,nama'"]
    rows, errors, seen = [], [], {}
    for line_no, record in enumerate(reader, start=2):
        if not record or not "".join(record).strip():
            continue
        problem = _row_problem(record, seen)
        if problem:
            errors.append(f"baris {line_no}: {problem}")
            continue
        code, name = record[0].strip(), record[1].strip()
        seen[code] = line_no
        rows.append((code, name))
    known = set(seen)
    missing_parents = {parent for c, _ in rows if (parent := parent_code_of(c)) and parent not in known}
    if missing_parents:
        in_db = set(db.session.scalars(select(Region.code).where(Region.code.in_(missing_parents))))
        for code, _ in rows:
            parent = parent_code_of(code)
            if parent and parent not in known and parent not in in_db:
                errors.append(f"baris {seen[code]}: induk {parent} dari kode {code} tidak ada di berkas maupun basis data")
    return rows, errors


def import_regions(text: str) -> ImportResult:
    """Validate everything first; write all rows in one transaction or none."""
    rows, errors = parse(text)
    result = ImportResult(rows=len(rows), errors=errors)
    if errors:
        return result
    existing = dict(db.session.execute(select(Region.code, Region.name)).all())
    rows.sort(key=lambda r: (r[0].count("."), r[0]))
    level_names = {parts: level.value for parts, level in LEVEL_BY_PARTS.items()}  # not an enum lookup a row
    new = [{"code": c, "name": n, "level": level_names[c.count(".") + 1], "parent_code": parent_code_of(c)}
           for c, n in rows if c not in existing]
    changed = [{"code": c, "name": n} for c, n in rows if c in existing and existing[c] != n]
    for start in range(0, len(new), BATCH):
        db.session.execute(Region.__table__.insert(), new[start:start + BATCH])
    if changed:
        table = Region.__table__
        db.session.execute(
            table.update().where(table.c.code == db.bindparam("b_code")).values(name=db.bindparam("b_name")),
            [{"b_code": r["code"], "b_name": r["name"]} for r in changed],
        )
    settings = set(db.session.scalars(select(KabupatenSetting.region_code)))
    kabupaten = Level.KABUPATEN.value
    for row in new:
        if row["level"] == kabupaten and row["code"] not in settings:
            db.session.add(KabupatenSetting(region_code=row["code"], timezone=default_timezone(row["code"]),
                                            body_name="Pokjanal Posyandu", paper_size="A4",
                                            letterhead="", report_due_day=5))
    db.session.commit()
    result.inserted, result.updated = len(new), len(changed)
    return result
