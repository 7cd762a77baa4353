"""Every document prints the kop of the tier it speaks for, titles never double the kind, no PDF page holds only
a total row or only a footnote, and chart labels fit inside the chart. The PDFs are read back page by page."""
from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from flask import current_app
from pypdf import PdfReader
from sqlalchemy import select

from webapp.dashboard.charts import LABEL_GAP, WIDTH, line_chart, text_width
from webapp.evidence.demo import LAST_TITLE, NEXT_TITLE
from webapp.extensions import db
from webapp.meetings.models import Meeting, MeetingKind

KOP_KECAMATAN = "KECAMATAN KOTA BESI"


@pytest.fixture
def demo(full_demo):
    """The whole demo, copied from the session's seeded database."""
    return full_demo


def _pages(response) -> list[str]:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages]


def _meeting(title: str) -> Meeting:
    return db.session.scalar(select(Meeting).where(Meeting.title == title))


def _kop(first_page: str, title: str) -> str:
    return first_page.upper().split(title.upper())[0]


def test_the_kecamatan_roll_up_and_bahan_rapat_print_the_kecamatan_kop(demo, demo_client, login_as):
    login_as(demo_client, "camat.kotabesi")
    rollup = _kop(_pages(demo_client.get("/rencana-kerja/rekap.pdf?wilayah=62.02.01&tahun=2026"))[0], "REKAP")
    assert KOP_KECAMATAN in rollup and "POKJANAL POSYANDU KABUPATEN" not in rollup
    pack = _kop(_pages(demo_client.get(f"/rapat/{_meeting(NEXT_TITLE).id}/bahan.pdf"))[0], "BAHAN RAPAT")
    assert KOP_KECAMATAN in pack and "POKJANAL POSYANDU KABUPATEN" not in pack


def test_a_title_that_names_its_kind_is_not_doubled(demo, demo_client, login_as):
    meeting = _meeting(LAST_TITLE)
    assert meeting.headline == LAST_TITLE
    assert Meeting(kind=MeetingKind.KOORDINASI, title="Evaluasi Triwulan").headline == \
        "Rapat Koordinasi — Evaluasi Triwulan"
    login_as(demo_client, "camat.kotabesi")
    text = " ".join(_pages(demo_client.get(f"/rapat/{meeting.id}/notulen.pdf")))
    assert "Rapat Koordinasi Pokjanal" in text and "Rapat Koordinasi — Rapat Koordinasi" not in text


PAGE = """{% extends "pdf/_layout.html" %}{% block content %}<h1>Uji</h1><table><thead><tr><th>Desa</th></tr></thead>
<tbody>{% for i in range(n) %}<tr><td>baris {{ i }}</td></tr>{% endfor %}<tr class="total"><td>Jumlah</td></tr></tbody>
</table><p class="note">Catatan kaki.</p>{% endblock %}"""


def test_no_page_holds_only_a_total_row_or_only_a_footnote(app):
    from weasyprint import HTML

    template = current_app.jinja_env.from_string(PAGE)
    setting = SimpleNamespace(page_size_css="210mm 297mm", letterhead_lines=["KOP"], body_name="")
    lonely = []
    for n in range(30, 60):
        html = template.render(n=n, setting=setting, logo=None, draft=False)
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(HTML(string=html).write_pdf())).pages]
        if len(pages) > 1 and "baris" not in pages[-1]:
            lonely.append((n, pages[-1]))
    assert lonely == []


@pytest.mark.parametrize("values", [[1.0] * 12, [0.05] * 12, [0.456, None, 0.9, 0.97] * 3, [None] * 12])
def test_chart_labels_fit_inside_the_chart(values):
    months = list(range(24300, 24312))
    chart = line_chart("D/S", months, values, values, "Kec. Kota Besi", "Kab. Kotawaringin Timur")
    for _, label in chart.ticks:
        assert chart.left - LABEL_GAP - text_width(label) >= 0, label
    for x, label in chart.months:
        assert x + text_width(label) / 2 <= WIDTH and x - text_width(label) / 2 >= 0, label
