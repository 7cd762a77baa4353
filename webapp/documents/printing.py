"""What a signed page prints about its verification (QR and address) and what the public page shows."""
from __future__ import annotations

import base64
import io
import json

from flask import url_for

from webapp.documents import services
from webapp.documents.models import SignedDocument
from webapp.formatting import rupiah, tanggal
from webapp.spm import SOURCE_LABELS
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


def _plan_figures(content: dict) -> list[tuple[str, str]]:
    """Number of lines, total per funding source and grand total, read from the frozen rows (a row of the
    first frozen format is a list whose 7th and 8th items are source and budget)."""
    rows = [row if isinstance(row, dict) else {"source_label": row[6], "budget": row[7]}
            for row in content.get("lines", [])]
    sums: dict[str, int] = {}
    for row in rows:
        sums[row["source_label"]] = sums.get(row["source_label"], 0) + row["budget"]
    order = list(SOURCE_LABELS.values())
    by_source = sorted(sums.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]))
    return ([("Jumlah kegiatan", str(len(rows)))] + [(f"Anggaran {label}", rupiah(amount)) for label, amount in by_source]
            + [("Jumlah anggaran", rupiah(sum(sums.values())))])


def _meeting_figures(content: dict) -> list[tuple[str, str]]:
    """Date, agenda items, action items and attendees present, as the minutes print them."""
    header = content.get("header", {})
    present = f"{header.get('present', 0)} dari {header.get('invited', 0)} undangan"
    return [("Hari, tanggal", header.get("day", "")), ("Pokok bahasan", str(len(content.get("agenda", [])))),
            ("Tindak lanjut", str(len(content.get("actions", [])))), ("Peserta hadir", present)]


def _invitation_figures(content: dict) -> list[tuple[str, str]]:
    """Date of the meeting, number of addressees and agenda items, as the letter prints them."""
    return [("Hari, tanggal rapat", content.get("when", {}).get("day", "")),
            ("Yang diundang", str(len(content.get("to", [])))), ("Acara", str(len(content.get("agenda", []))))]


FIGURES = {"rencana_kerja": _plan_figures, "notulen": _meeting_figures, "undangan": _invitation_figures}


def figures(document: SignedDocument, content: dict) -> list[tuple[str, str]]:
    """What a reader holds a paper copy against, from the frozen content only (never the live rows)."""
    pick = FIGURES.get(document.kind)
    return pick(content) if pick else []


def verification_context(document: SignedDocument, newer: SignedDocument | None) -> dict:
    """Title, number, version, signers (name and jabatan only) and dates, hash; and what a newer version changed."""
    content = json.loads(document.content)
    timezone = setting_for(document.region_code).timezone
    signers = [{"role": s.get("role", ""), "name": s.get("name", ""), "jabatan": s.get("jabatan", ""),
                "date": s.get("date", "")} for s in content.get("signers", []) if s.get("name")]  # a step not taken: no signer
    return {
        "document": document, "signers": signers, "figures": figures(document, content),
        "kind_label": "Laporan Pelaksanaan Kegiatan" if content.get("activity") else document.kind_label,
        "issuer": content.get("kop", {}).get("body", ""),
        "signed_on": tanggal(local_time(document.signed_at, timezone).date(), False),
        "newer": newer, "changed": services.changes(document, newer) if newer else [],
        "newer_on": tanggal(local_time(newer.signed_at, timezone).date(), False) if newer else "",
    }
