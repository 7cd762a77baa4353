"""Nomor surat: each body's counter per year, turned into text by the kabupaten's pattern.

A number is taken once, when a document is issued or becomes final (`assign` inside the issuing
service's transaction; the caller commits), and is never given to another document: a document that
already has one keeps it, and a sequence number taken by a simultaneous request is skipped.
"""
from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from webapp.clock import local_time, utcnow
from webapp.documents.models import DocumentNumber
from webapp.extensions import db
from webapp.refusal import Conflict
from webapp.regions.queries import setting_for

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
ATTEMPTS = 25  # each lost attempt means another request took a number: far more takers than an office has


def formatted(pattern: str, seq: int, day: dt.date) -> str:
    """The pattern filled in: 400.5.9/{n}/Pokjanal/{yyyy} → 400.5.9/7/Pokjanal/2026."""
    values = {"n": str(seq), "yyyy": str(day.year), "bulan": ROMAN_MONTHS[day.month - 1]}
    return re.sub(r"{(n|yyyy|bulan)}", lambda m: values[m.group(1)], pattern)[:80]


def number_of(kind: str, subject_id: int) -> str:
    """The number a document was given ("" when none yet)."""
    return db.session.scalar(select(DocumentNumber.number).where(
        DocumentNumber.kind == kind, DocumentNumber.subject_id == subject_id)) or ""


def assign(kind: str, subject_id: int, region_code: str, at: dt.datetime | None = None) -> str:
    """The document's number: the one it has, else the next of its body's counter for the year of `at`
    (kabupaten time). Runs in the caller's transaction; Conflict (409) if the counter stays contended."""
    setting = setting_for(region_code)
    day = local_time(at or utcnow(), setting.timezone).date()
    for _ in range(ATTEMPTS):
        existing = number_of(kind, subject_id)
        if existing:
            return existing
        last = db.session.scalar(select(func.max(DocumentNumber.seq)).where(
            DocumentNumber.region_code == region_code, DocumentNumber.year == day.year)) or 0
        row = DocumentNumber(region_code=region_code, year=day.year, seq=last + 1, kind=kind, subject_id=subject_id,
                             number=formatted(setting.number_pattern, last + 1, day))
        try:
            with db.session.begin_nested():  # a lost race undoes only this row
                db.session.add(row)
        except IntegrityError:
            continue
        return row.number
    raise Conflict("Nomor surat sedang dipakai permintaan lain. Coba lagi sebentar.")
