"""The one print pipeline of every signed document (plan, minutes, undangan, and any report signed later).

A domain says only what its page prints: a content dict with at least "kop" (the letterhead as
`Kop.as_dict()`), "title" and "number". The pipeline does the rest the same way for all of them:

- `number`: the body's next nomor surat (kept if the document has one already);
- `freeze`: keep the content, with the letterhead logo as printed now, as a new SignedDocument version;
- `print_signed`: the frozen version once signed (with the QR that verifies it), else the live content
  marked DRAF under today's letterhead.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from webapp import pdf
from webapp.documents import numbering, printing, queries, services
from webapp.documents.models import SignedDocument
from webapp.regions.queries import setting_for


def number(kind: str, subject_id: int, region_code: str, at: dt.datetime | None = None) -> str:
    """The document's nomor from its body's counter (numbering.assign; runs in the caller's transaction)."""
    return numbering.assign(kind, subject_id, region_code, at)


def freeze(kind: str, subject_id: int, region_code: str, content: dict,
           signed_at: dt.datetime | None = None) -> SignedDocument:
    """Keep what the page prints now, titled and numbered by its content, with the body's logo (the caller
    commits)."""
    setting = setting_for(region_code)
    return services.record(kind, subject_id, region_code, content["title"], content, number=content.get("number", ""),
                           logo=setting.logo, logo_mime=setting.logo_mime, signed_at=signed_at)


def printed(kind: str, subject_id: int, signed: bool, live: Callable[[], dict]) -> tuple[dict, SignedDocument | None]:
    """(content, signed document): the latest frozen version while the document stands signed, else the
    live content (`live()`, built only when needed) and None."""
    document = queries.latest(kind, subject_id) if signed else None
    return (json.loads(document.content), document) if document else (live(), None)


def letterhead(region_code: str, doc: dict, document: SignedDocument | None, draft: bool) -> dict:
    """What every signed page prints around its content: kop lines, the logo as frozen (today's for a
    draft), the DRAF mark, and the verification footer (QR, address, version) of a signed version."""
    setting = setting_for(region_code)
    source = document if document else setting
    return {"setting": setting, "logo": pdf.data_uri(source.logo, source.logo_mime), "kop_lines": doc["kop"]["lines"],
            "draft": draft, "verification": printing.footer(document) if document else None}


def print_signed(kind: str, subject_id: int, region_code: str, signed: bool,
                 live: Callable[[], dict]) -> tuple[dict, SignedDocument | None, dict]:
    """(content, signed document, letterhead context) of a page as it prints now."""
    doc, document = printed(kind, subject_id, signed, live)
    return doc, document, letterhead(region_code, doc, document, draft=not signed)
