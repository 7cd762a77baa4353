"""Signed documents: what a final notulen or an approved plan printed, frozen when it was signed.

The content is canonical JSON of everything the page prints (never the PDF bytes), so the
SHA-256 shown on the public verification page can be recomputed from the stored data.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webapp.clock import utcnow
from webapp.extensions import db

KIND_LABELS = {"notulen": "Notulen Rapat", "rencana_kerja": "Rencana Kerja", "undangan": "Surat Undangan"}


class SignedDocument(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int]  # the meeting's or the plan's id
    version: Mapped[int] = mapped_column(default=1)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    title: Mapped[str] = mapped_column(String(240))
    number: Mapped[str] = mapped_column(String(80), default="")
    signed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    content: Mapped[str] = mapped_column(Text)  # canonical JSON, see services.canonical
    content_sha256: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(32), unique=True)  # the /verifikasi/<code> key, 96 random bits
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)  # the letterhead logo as printed at signing
    logo_mime: Mapped[str | None] = mapped_column(String(20))
    # the account whose step signed this version (the verification page names resets of it shortly before)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    __table_args__ = (UniqueConstraint("kind", "subject_id", "version", name="uq_signed_document_version"),)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


class DocumentNumber(db.Model):
    """A nomor surat taken from a body's counter for a year: given once to one document, never reused.

    The body is the document's region (each tier's body numbers its own letters). Both unique
    constraints together make the counter safe under simultaneous requests: a second taker of the
    same sequence number fails and takes the next one."""
    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    year: Mapped[int]
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int]
    number: Mapped[str] = mapped_column(String(80))
    issued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("region_code", "year", "seq", name="uq_document_number_seq"),
                      UniqueConstraint("kind", "subject_id", name="uq_document_number_subject"))
