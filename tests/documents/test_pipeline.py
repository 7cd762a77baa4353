"""The one print pipeline: a document kind with no code of its own (a future semester report) is numbered,
frozen with the body's logo and printed from what it froze, the same way as the plan, minutes and undangan."""
from __future__ import annotations

import datetime as dt

from webapp import pdf
from webapp.documents import pipeline
from webapp.extensions import db
from webapp.regions.queries import setting_for

KOTA_BESI = "62.02.01"
KIND = "laporan_semester"


def _content(number: str = "") -> dict:
    return {"kop": {"body": "Pokjanal Posyandu Kecamatan Kota Besi", "lines": ["POKJANAL POSYANDU", "KOTA BESI"],
                    "place": "Kota Besi"}, "title": "Laporan Semester I 2026", "number": number}


def test_a_new_kind_prints_as_a_draft_until_frozen_then_only_what_it_froze(demo_app):
    setting = setting_for(KOTA_BESI)
    setting.logo, setting.logo_mime = b"\x89PNG-first", "image/png"
    with demo_app.test_request_context():
        doc, document, page = pipeline.print_signed(KIND, 7, KOTA_BESI, False, _content)
        assert document is None and page["draft"] and page["verification"] is None
        assert doc["title"] == "Laporan Semester I 2026" and page["kop_lines"] == ["POKJANAL POSYANDU", "KOTA BESI"]

        at = dt.datetime(2026, 7, 3, 2, 0)
        number = pipeline.number(KIND, 7, KOTA_BESI, at)
        frozen = pipeline.freeze(KIND, 7, KOTA_BESI, _content(number), signed_at=at)
        db.session.commit()
        assert frozen.number == number and number.endswith("/2026") and frozen.title == "Laporan Semester I 2026"
        assert pipeline.number(KIND, 7, KOTA_BESI) == number  # kept, never taken twice

        setting.logo = b"\x89PNG-later"  # a later letterhead changes nothing on the signed page
        doc, document, page = pipeline.print_signed(KIND, 7, KOTA_BESI, True, lambda: _content("live"))
    assert document.id == frozen.id and doc["number"] == number and not page["draft"]
    assert page["logo"] == pdf.data_uri(b"\x89PNG-first", "image/png")
    assert page["verification"]["version"] == 1 and frozen.code in page["verification"]["url"]
