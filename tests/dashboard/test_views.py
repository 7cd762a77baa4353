"""The /pemantauan pages: scope, refusals, bad input, and exports that hold the page's numbers."""
from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from webapp.dashboard.periods import Period, last_complete
from webapp.demo import first_posyandu
from webapp.regions.models import Posyandu
from webapp.extensions import db


@pytest.fixture
def demo(full_demo):
    return full_demo


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_opens_on_own_region_and_last_complete_month(demo, demo_client, login_as):
    login_as(demo_client, "camat.kotabesi")
    page = _text(demo_client.get("/pemantauan"))
    assert "Pemantauan Kec. Kota Besi" in page
    assert f"Periode: <strong>{Period(last_complete('Asia/Pontianak')).label}</strong>" in page
    assert "Desa Palangan" in page and "Kec. Baamang" not in page
    assert "D/S = Σ D ÷ Σ S" in page  # the explanation travels with the figure
    assert 'href="/pemantauan"' in page and ">Pantau<" in page


def test_sibling_region_and_its_posyandu_do_not_exist(demo, demo_client, login_as):
    login_as(demo_client, "camat.baamang")
    assert demo_client.get("/pemantauan/62.02.01").status_code == 404
    assert demo_client.get("/pemantauan/62.02.01.2003").status_code == 404
    assert demo_client.get("/pemantauan/62.02.01/tabel.xlsx").status_code == 404
    assert demo_client.get("/pemantauan/62.02/ringkasan.pdf").status_code == 404
    palangan = first_posyandu("62.02.01.2003")
    assert demo_client.get(f"/pemantauan/posyandu/{palangan.id}").status_code == 404
    assert "Pemantauan Kec. Baamang" in _text(demo_client.get("/pemantauan/62.02.05"))


def test_a_kader_has_no_dashboard(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    assert demo_client.get("/pemantauan").status_code == 403
    assert demo_client.get("/pemantauan/62.02.01.2003").status_code == 404  # no region's board exists for her
    assert demo_client.get("/pemantauan/62.02.01.2004").status_code == 404
    assert ">Pantau<" not in _text(demo_client.get("/"))


def test_a_desa_cannot_look_up_at_its_kecamatan(demo_client, login_as):
    login_as(demo_client, "kades.palangan")
    assert demo_client.get("/pemantauan/62.02.01").status_code == 404
    page = _text(demo_client.get("/pemantauan"))
    assert "Pemantauan Desa Palangan" in page
    assert "Kec. Kota Besi" not in page.split("<h1>")[0].split("crumbs")[-1]


@pytest.mark.parametrize("query, message", [
    ("bulan=2026-13", "Bulan tidak dikenal"), ("bulan=1999-01", "Bulan tidak dikenal"),
    ("bulan=abc", "Bulan tidak dikenal"), ("rentang=7", "Rentang tidak dikenal"),
])
def test_a_bad_period_gets_a_clear_message(demo_client, login_as, query, message):
    login_as(demo_client, "bupati.kotim")
    response = demo_client.get(f"/pemantauan/62.02?{query}")
    assert response.status_code == 422
    assert message in _text(response)
    assert Period(last_complete("Asia/Pontianak")).label in _text(response)


def _cell(page: str, code: str, column: int) -> str:
    """The text of a figure in the table row of `code` (column 0 = completeness)."""
    row = re.search(rf'<tr data-code="{re.escape(code)}">(.*?)</tr>', page, re.S).group(1)
    return re.findall(r'<td class="num[^"]*">(.*?)</td>', row)[column]


def _number(value):
    """CSV text and Excel values compared as numbers where they are numbers; blank as None."""
    if value in (None, ""):
        return None
    try:
        return float(value)
    except ValueError:
        return value


def test_exports_hold_the_numbers_of_the_page(demo, demo_client, login_as):
    login_as(demo_client, "bupati.kotim")
    page = _text(demo_client.get("/pemantauan/62.02?rentang=12"))
    book = load_workbook(io.BytesIO(demo_client.get("/pemantauan/62.02/tabel.xlsx?rentang=12").data))
    sheet = list(book["Pemantauan"].iter_rows(values_only=True))
    header = list(sheet[0])
    assert dict(book["Keterangan"].iter_rows(values_only=True))["Judul"] == "Pemantauan Kab. Kotawaringin Timur"
    text = demo_client.get("/pemantauan/62.02/tabel.csv?rentang=12&untuk=mesin").data.decode("utf-8")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == header
    by_code = {r[1]: r for r in sheet[1:]}
    assert len(by_code) == 18  # 17 kecamatan and the total
    for code in ("62.02.01", "62.02.05"):
        values = by_code[code]
        for column, name in ((0, "Kelengkapan (%)"), (4, "D/S (%)"), (7, "Stunting per diukur (%)")):
            shown = _cell(page, code, column)
            exported = values[header.index(name)]
            assert shown == f"{exported:.1f} %".replace(".", ","), (code, name)
        csv_row = next(r for r in lines if len(r) > 1 and r[1] == code)
        assert [_number(v) for v in csv_row] == [_number(v) for v in values]
    assert by_code["62.02.03"][header.index("D/S (%)")] is None  # no Posyandu there: blank, not 0


def test_summary_pdf_is_one_page_with_the_figures(demo, demo_client, login_as):
    from pypdf import PdfReader

    login_as(demo_client, "bupati.kotim")
    page = _text(demo_client.get("/pemantauan/62.02"))
    response = demo_client.get("/pemantauan/62.02/ringkasan.pdf")
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "RINGKASAN PEMANTAUAN" in text and "Kab. Kotawaringin Timur" in text
    assert "POKJANAL POSYANDU KABUPATEN" in text
    assert _cell(page, "62.02.01", 4) in text  # Kota Besi's D/S


def test_htmx_gets_only_the_dashboard_block(demo, demo_client, login_as):
    login_as(demo_client, "bupati.kotim")
    response = demo_client.get("/pemantauan/62.02", headers={"HX-Request": "true"})
    body = _text(response)
    assert body.lstrip().startswith('<div id="dashboard-body">') and "<html" not in body
    assert "HX-Request" in response.headers["Vary"]


def test_posyandu_page_lists_its_reports_and_criteria(demo, demo_client, login_as):
    login_as(demo_client, "pokja.palangan")
    posyandu = db.session.scalars(select(Posyandu).where(Posyandu.region_code == "62.02.01.2003")).first()
    page = _text(demo_client.get(f"/pemantauan/posyandu/{posyandu.id}?rentang=12"))
    assert posyandu.name in page
    assert "Laporan 12 bulan" in page and "Posyandu aktif (5 syarat)" in page
    assert "≥ 5 kader ber-SK kepala desa/lurah" in page and "Menjalankan kegiatan tambahan" in page


@pytest.mark.parametrize("username", ["bupati.kotim", "admin.kotim", "pokjanal.kotim"])
def test_a_kabupaten_home_shows_last_months_figures_that_match_the_dashboard(demo, demo_client, login_as, username):
    from webapp.dashboard import queries
    from webapp.regions.models import Region

    login_as(demo_client, username)
    home = _text(demo_client.get("/"))
    panel = re.search(r'<section class="card" id="angka-kabupaten".*?</section>', home, re.S).group(0)
    period = Period(last_complete("Asia/Pontianak"))
    assert f"Kab. Kotawaringin Timur: {period.label}" in panel
    assert 'href="/pemantauan/62.02"' in panel
    board = queries.region_dashboard(actor_of(username), db.session.get(Region, "62.02"), period)
    c, a = board.total.completeness, board.total.aktif
    open_items, late_items = board.total.actions
    assert c.expected > 0 and a.posyandu > 0  # the demo has something to show
    assert f"{c.received} dari {c.expected} ({board.total.figures['received'].text}); belum masuk {c.missing}" in panel
    assert f"({a.aktif} dari {a.posyandu})" in panel
    assert f"{late_items} dari {open_items} yang masih terbuka" in panel


def test_lower_tiers_and_kader_have_no_kabupaten_figures_on_their_home(demo, demo_client, login_as):
    for username in ("camat.kotabesi", "pokja.palangan", "kader.palangan"):
        login_as(demo_client, username)
        assert 'id="angka-kabupaten"' not in _text(demo_client.get("/"))


def actor_of(username: str):
    from webapp.access import Actor
    from webapp.auth.models import User

    return Actor(db.session.scalar(select(User).where(User.username == username)))
