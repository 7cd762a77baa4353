"""Posyandu import: preview a file (kept in the database as parsed), then commit exactly that, all or nothing.

A row finds its Posyandu by natural key: the nomor registrasi if given, else the desa code and the name, so
a re-imported file changes nothing and a corrected one updates in place, never duplicating a Posyandu.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import select

from webapp.access import Actor
from webapp.audit import as_detail, audit
from webapp.clock import utcnow
from webapp.extensions import db
from webapp.onboarding.models import ImportBatch
from webapp.onboarding.posyandu_rows import FIELDS, parse_rows
from webapp.onboarding.reading import Problem, Unreadable, read_table
from webapp.refusal import Refused
from webapp.regions.models import Level, Posyandu, Region

PERMISSION = "posyandu.import"
KIND = "posyandu"
VALUE_KEYS = tuple(f.key for f in FIELDS if f.key != "region_code")
HEADER = {f.key: f.header for f in FIELDS}


@dataclass
class Action:
    row: int
    kind: str  # "baru", "ubah", "tetap"
    name: str
    region_code: str
    posyandu: Posyandu | None = None
    changes: dict = field(default_factory=dict)  # {field key: [old, new]}


@dataclass
class Plan:
    actions: list[Action]
    problems: list[Problem]

    def count(self, kind: str) -> int:
        return sum(1 for a in self.actions if a.kind == kind)


def import_kabupaten(actor: Actor) -> str:
    """The kabupaten the actor imports for: only a kabupaten-wide grant may import (403 otherwise)."""
    codes = [g.region_code for g in actor.grants_for(PERMISSION) if g.level == Level.KABUPATEN]
    if not codes:
        abort(403)
    return codes[0]


def _regions(codes: set[str]) -> dict[str, Region]:
    return {r.code: r for r in db.session.scalars(select(Region).where(Region.code.in_(codes)))} if codes else {}


def _existing(rows: list[dict]) -> tuple[dict[str, Posyandu], dict[tuple[str, str], list[Posyandu]]]:
    """Posyandu the rows may name, by nomor registrasi and by (desa, lower-case name), in two statements."""
    numbers = {r["registration_number"] for r in rows if r["registration_number"]}
    codes = {r["region_code"] for r in rows if r["region_code"]}
    by_number = {p.registration_number: p for p in db.session.scalars(
        select(Posyandu).where(Posyandu.registration_number.in_(numbers)))} if numbers else {}
    by_name: dict[tuple[str, str], list[Posyandu]] = {}
    if codes:
        for p in db.session.scalars(select(Posyandu).where(Posyandu.region_code.in_(codes)).order_by(Posyandu.id)):
            by_name.setdefault((p.region_code, p.name.strip().lower()), []).append(p)
    return by_number, by_name


def _region_problem(actor: Actor, row: dict, regions: dict[str, Region]) -> str | None:
    region = regions.get(row["region_code"])
    if region is None or region.level != Level.DESA:
        return "Kode desa/kelurahan tidak dikenal; pakai kode Kemendagri, mis. 62.02.01.2003."
    if not actor.covers(PERMISSION, region.code):
        return "Desa/kelurahan ini di luar kabupaten Anda."
    return None


def _find(row: dict, by_number, by_name, actor: Actor) -> tuple[Posyandu | None, str | None]:
    """The Posyandu the row names (or None for a new one), or why the row cannot be placed."""
    number = row["registration_number"]
    if number and (found := by_number.get(number)) is not None:
        if not actor.covers(PERMISSION, found.region_code):
            return None, "Nomor registrasi ini sudah dipakai Posyandu di luar kabupaten Anda."
        if found.region_code != row["region_code"]:
            return None, (f"Nomor registrasi ini milik {found.name} di desa {found.region_code}; "
                          "pindahkan Posyandu lewat halaman Posyandu, bukan lewat impor.")
        return found, None
    for candidate in by_name.get((row["region_code"], row["name"].lower()), []):
        if number and candidate.registration_number and candidate.registration_number != number:
            return None, (f"Desa ini sudah punya {candidate.name} dengan nomor registrasi "
                          f"{candidate.registration_number}.")
        return candidate, None
    return None, None


def _stored(key: str, value):
    return dt.date.fromisoformat(value) if key == "sk_on" and value else value


def _changes(posyandu: Posyandu | None, row: dict) -> dict:
    """{key: [old, new]} for the cells that are filled and differ (a blank cell leaves the value as it is)."""
    changes = {}
    for key in VALUE_KEYS:
        new = _stored(key, row[key])
        old = getattr(posyandu, key) if posyandu else None
        if new is not None and old != new and not (key == "name" and old and old.lower() == new.lower()):
            changes[key] = [old, new]  # a name differing only in case is the same name (files vary in case)
    return changes


def _duplicate(row: dict, seen: dict) -> int | None:
    keys = [("desa+nama", row["region_code"], row["name"].lower())]
    if row["registration_number"]:
        keys.append(("nomor", row["registration_number"]))
    first = next((seen[k] for k in keys if k in seen), None)
    for key in keys:
        seen.setdefault(key, row["row"])
    return first


def plan(actor: Actor, rows: list[dict]) -> Plan:
    """What each row would do now, and every reason a row is refused; changes nothing."""
    problems = []
    regions = _regions({r["region_code"] for r in rows if r["region_code"]})
    by_number, by_name = _existing([r for r in rows if r["region_code"] and r["name"]])
    actions, seen = [], {}
    for row in rows:
        if not (row["region_code"] and row["name"]):
            continue  # already refused as "Wajib diisi"
        if problem := _region_problem(actor, row, regions):
            problems.append(Problem(row["row"], HEADER["region_code"], problem))
            continue
        if (first := _duplicate(row, seen)) is not None:
            problems.append(Problem(row["row"], HEADER["name"], f"Baris ini sama dengan baris {first} "
                                    "(nomor registrasi, atau desa dan nama yang sama)."))
            continue
        posyandu, problem = _find(row, by_number, by_name, actor)
        if problem:
            problems.append(Problem(row["row"], HEADER["registration_number"], problem))
            continue
        changes = _changes(posyandu, row)
        kind = "baru" if posyandu is None else ("ubah" if changes else "tetap")
        actions.append(Action(row["row"], kind, row["name"], row["region_code"], posyandu, changes))
    return Plan(actions, problems)


def preview(actor: Actor, data: bytes, filename: str) -> tuple[ImportBatch | None, list[Problem]]:
    """Read and check the file; a file without problems is kept as parsed, for its commit. Nothing else changes."""
    kabupaten = import_kabupaten(actor)
    try:
        rows, problems = parse_rows(read_table(data, filename))
    except Unreadable as unreadable:
        return None, unreadable.problems
    problems += plan(actor, rows).problems
    if problems:
        return None, sorted(problems, key=lambda p: (p.row or 0, p.column))
    batch = ImportBatch(kind=KIND, region_code=kabupaten, created_by_id=actor.id, filename=filename[:200],
                        sha256=hashlib.sha256(data).hexdigest(), rows_json=json.dumps(rows, ensure_ascii=False))
    db.session.add(batch)
    db.session.commit()
    return batch, []


def _apply(action: Action) -> None:
    posyandu = action.posyandu
    if posyandu is None:
        posyandu = Posyandu(region_code=action.region_code, name=action.name)
        db.session.add(posyandu)
    for key, (_, new) in action.changes.items():
        setattr(posyandu, key, new)


def commit(actor: Actor, batch: ImportBatch) -> ImportBatch:
    """Apply the previewed rows in one transaction; refused whole if anything changed since the preview."""
    if batch.committed_at is not None:
        raise Refused("Berkas ini sudah disimpan.")
    result = plan(actor, batch.rows)
    if result.problems:
        raise Refused("Data berubah sejak pratinjau; unggah berkas lagi untuk pratinjau baru. "
                      + "; ".join(f"baris {p.row}: {p.message}" for p in result.problems[:3]))
    for action in result.actions:
        _apply(action)
    batch.committed_at = utcnow()
    batch.created_count, batch.updated_count, batch.unchanged_count = (
        result.count("baru"), result.count("ubah"), result.count("tetap"))
    db.session.flush()
    audit(actor.id, "import.posyandu", f"impor {batch.id} {batch.filename}"[:120], as_detail({
        "file": batch.filename, "sha256": batch.sha256, "rows": len(result.actions), "baru": batch.created_count,
        "ubah": batch.updated_count, "tetap": batch.unchanged_count}))
    db.session.commit()
    return batch


def recent(actor: Actor, limit: int = 10) -> list[ImportBatch]:
    """The kabupaten's latest imports, newest first."""
    return list(db.session.scalars(select(ImportBatch).where(actor.where_region(PERMISSION, ImportBatch.region_code))
                                   .order_by(ImportBatch.id.desc()).limit(limit)))

