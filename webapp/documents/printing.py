"""What a signed page prints about its verification (QR and address) and what the public page shows."""
from __future__ import annotations

import base64
import io
import json

from flask import url_for

from webapp.documents import services
from webapp.documents.models import SignedDocument
from webapp.formatting import tanggal
from webapp.clock import local_time
from webapp.regions.queries import setting_for


def qr_data_uri(url: str) -> str:
    """The address as a QR code, inlined for WeasyPrint: a tiny two-colour PNG (an SVG of the same code
    costs WeasyPrint more on every page it repeats on)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=1)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def footer(document: SignedDocument) -> dict:
    """The footer of every page of a signed PDF: QR, the address as text, the version."""
    url = url_for("documents.verify", code=document.code, _external=True)
    return {"url": url, "qr": qr_data_uri(url), "version": document.version}


def verification_context(document: SignedDocument, newer: SignedDocument | None) -> dict:
    """Title, number, version, signers (name and jabatan only) and dates, hash; and what a newer version changed."""
    content = json.loads(document.content)
    timezone = setting_for(document.region_code).timezone
    signers = [{"role": s.get("role", ""), "name": s.get("name", ""), "jabatan": s.get("jabatan", ""),
                "date": s.get("date", "")} for s in content.get("signers", [])]
    return {
        "document": document, "signers": signers,
        "kind_label": "Laporan Pelaksanaan Kegiatan" if content.get("activity") else document.kind_label,
        "issuer": content.get("kop", {}).get("body", ""),
        "signed_on": tanggal(local_time(document.signed_at, timezone).date(), False),
        "newer": newer, "changed": services.changes(document, newer) if newer else [],
        "newer_on": tanggal(local_time(newer.signed_at, timezone).date(), False) if newer else "",
    }
