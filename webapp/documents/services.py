"""Freezing what a signed document prints, and checking a printed page's verification code.

`record` is called inside the signing service's own transaction (the caller commits); `check` is
the public look-up. A good code is always answered and writes nothing (a village behind one carrier
address must never be refused, and an anonymous look-up must not change what pages show); only failed
look-ups are audited, and they are what the per-address limit counts.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import secrets

from flask import abort

from webapp.audit import audit
from webapp.clock import utcnow
from webapp.documents import queries
from webapp.documents.models import SignedDocument
from webapp.extensions import db

LOG = logging.getLogger("pokjanal.verification")
CHECKS_PER_WINDOW = 60  # failed look-ups per address in the window
WINDOW = dt.timedelta(minutes=10)
SECTION_LABELS = {
    "kop": "kop surat", "title": "judul", "header": "kepala notulen", "opening": "pembukaan", "agenda": "pembahasan",
    "actions": "tindak lanjut", "followups": "tindak lanjut rapat sebelumnya", "closing": "penutup",
    "signers": "penanda tangan", "attendance": "daftar hadir", "lines": "kegiatan dan anggaran",
}


def canonical(content: dict) -> str:
    """One byte-exact JSON text per content: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(content: dict) -> str:
    """SHA-256 (hex) of the canonical content: what the verification page shows."""
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def _new_code() -> str:
    """96 random bits, URL-safe (16 characters)."""
    while True:
        code = secrets.token_urlsafe(12)
        if queries.by_code(code) is None:
            return code


def record(kind: str, subject_id: int, region_code: str, title: str, content: dict, *, number: str = "",
           logo: bytes | None = None, logo_mime: str | None = None, signed_at: dt.datetime | None = None) -> SignedDocument:
    """Keep a new version of a signed document as it prints now. The caller commits."""
    previous = queries.latest(kind, subject_id)
    document = SignedDocument(
        kind=kind, subject_id=subject_id, version=(previous.version + 1) if previous else 1, region_code=region_code,
        title=title[:240], number=number[:80], signed_at=signed_at or utcnow(), content=canonical(content),
        content_sha256=digest(content), code=_new_code(), logo=logo, logo_mime=logo_mime, signed_by_id=_signing_account())
    db.session.add(document)
    db.session.flush()
    return document


def _signing_account() -> int | None:
    """The signed-in account whose step signs this version (none from the command line or the demo seed)."""
    from flask import has_request_context
    from flask_login import current_user

    return current_user.id if has_request_context() and current_user.is_authenticated else None


def changes(older: SignedDocument, newer: SignedDocument) -> list[str]:
    """The sections (in words) whose content differs between two versions."""
    before, after = json.loads(older.content), json.loads(newer.content)
    return [SECTION_LABELS.get(key, key) for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)]


def check(code: str, address: str, actor_id: int | None = None) -> tuple[SignedDocument, SignedDocument | None]:
    """The document a printed code names and its newer version, if any. A known code is answered whatever
    the address did before, and is only logged (no row: nothing a page reads changes). An unknown code is
    404 and audited; an address with too many failures in the window gets 429 for its next unknown code."""
    document = queries.by_code(code) if 8 <= len(code) <= 32 else None
    if document is None:
        if queries.failed_checks_from(address, utcnow() - WINDOW) >= CHECKS_PER_WINDOW:
            abort(429)
        audit(actor_id, "document.unknown", code[:120], address=address[:64])
        db.session.commit()
        abort(404)
    LOG.info("document.checked %s from %s (user %s)", document.code, address[:64], actor_id or "-")
    newest = queries.latest(document.kind, document.subject_id)
    return document, (newest if newest.id != document.id else None)
