"""Posyandu aktif is one figure (the five criteria) on the home panel, /pemantauan, /pemantauan/kekuatan, the printed
Ringkasan and the export; a Posyandu no longer active keeps a readable page."""
from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from webapp.dashboard.periods import Period, last_complete
from webapp.extensions import db
from webapp.regions.models import Posyandu


@pytest.fixture
def demo(full_demo):
    """The whole demo, copied from the session's seeded database."""
    return full_demo


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def _strength(client, code: str, param: str) -> tuple[int, int]:
    page = _text(client.get(f"/pemantauan/kekuatan/{code}?bulan={param}"))
    found = re.search(r'<dd id="aktif-share"><strong>[^<]*</strong><br><small>(\d+) dari (\d+)</small>', page)
    return int(found.group(1)), int(found.group(2))


def _export_total(client, code: str) -> tuple[int, int]:
    book = load_workbook(io.BytesIO(client.get(f"/pemantauan/{code}/tabel.xlsx").data))
    rows = list(book["Pemantauan"].iter_rows(values_only=True))
    header, total = list(rows[0]), rows[-1]
    return total[header.index("Posyandu aktif (5 syarat)")], total[header.index("Posyandu")]


def _pdf_text(client, code: str) -> str:
    reader = PdfReader(io.BytesIO(client.get(f"/pemantauan/{code}/ringkasan.pdf").data))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("code", ["62.02", "62.02.01"])
def test_every_page_print_and_export_gives_the_same_aktif_count(demo, demo_client, login_as, code):
    login_as(demo_client, "bupati.kotim")
    param = Period(last_complete("Asia/Pontianak")).param
    aktif, posyandu = _strength(demo_client, code, param)
    assert posyandu > 0
    page = _text(demo_client.get(f"/pemantauan/{code}"))
    assert "Posyandu aktif (5 syarat)" in page and "3 dari 5 syarat" not in page
    assert f"{aktif} dari {posyandu} Posyandu memenuhi kelima syarat" in page
    assert _export_total(demo_client, code) == (aktif, posyandu)
    text = _pdf_text(demo_client, code)
    assert f"{aktif} dari {posyandu} Posyandu" in text and "3 syarat" not in text
    if code == "62.02":
        home = _text(demo_client.get("/"))
        panel = re.search(r'<section class="card" id="angka-kabupaten".*?</section>', home, re.S).group(0)
        assert f"({aktif} dari {posyandu})" in panel


def test_the_ringkasan_carries_the_kpi_and_the_survey_prevalence(demo, demo_client, login_as):
    from webapp.regions.queries import setting_for

    setting = setting_for("62.02")
    setting.stunting_survey, setting.stunting_survey_source = 35.5, "SKI 2023"
    db.session.commit()
    login_as(demo_client, "bupati.kotim")
    page = _text(demo_client.get("/pemantauan/kekuatan/62.02"))
    reach, counted = re.search(r'<dd id="kpi"><strong>[^<]*</strong><br><small>(\d+) dari (\d+)</small>', page).groups()
    text = _pdf_text(demo_client, "62.02")
    assert "Kecamatan dengan ≥ 80 %" in text and f"{reach} dari {counted}\n" in text
    assert "35,5 %" in text and "SKI 2023" in text


def test_a_kecamatan_ringkasan_prints_the_kecamatan_kop(demo, demo_client, login_as):
    login_as(demo_client, "bupati.kotim")
    text = _pdf_text(demo_client, "62.02.01")
    assert "KECAMATAN KOTA BESI" in text.upper().split("RINGKASAN")[0]
    assert "POKJANAL POSYANDU KECAMATAN" in text


def test_an_inactive_posyandu_page_opens_with_its_five_criteria(demo, demo_client, login_as):
    item = db.session.scalars(select(Posyandu).where(Posyandu.region_code.startswith("62.02.01")).order_by(Posyandu.id)).first()
    item.is_active = False  # closed: it leaves the counts, its page stays readable
    db.session.commit()
    login_as(demo_client, "bupati.kotim")
    page = _text(demo_client.get(f"/pemantauan/posyandu/{item.id}"))
    assert item.name in page and re.search(r"Posyandu aktif \(5 syarat\): (ya|belum)", page)
    assert "Menjalankan kegiatan tambahan" in page
