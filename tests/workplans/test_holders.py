"""Who pays and who does (issue 22): a plan line's budget holder (pemilik anggaran) is kept apart from its
pelaksana; Dana Desa/ADD always belong to the desa; a mitra page and the roll-up count an agency's Renja
from the lines it pays for, never from the desa money it spends."""
from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.workplans.helpers import actor, line_data, make_plan
from webapp.extensions import db
from webapp.mitra.demo import find
from webapp.refusal import Refused
from webapp.workplans import services
from webapp.workplans.models import PlanLine
from webapp.workplans.rollup import rollup


def _line(plan, **overrides):
    return services.save_line(actor("pokja.palangan"), plan, None, line_data(plan.region_code, **overrides), None)


@pytest.mark.parametrize("source, pelaksana, kind, label", [
    ("dd", "PKM Kota Besi", "desa", "Pemerintah Desa Palangan"),
    ("add", None, "desa", "Pemerintah Desa Palangan"),
    ("apbd_kab", "Dinkes", "mitra", "Dinkes"),
    ("bok", "PKM Kota Besi", "mitra", "PKM Kota Besi"),
    ("swadaya", "Dinkes", "masyarakat", "Swadaya masyarakat"),
    ("apbd_kab", None, "", "Belum ditentukan"),
])
def test_the_holder_defaults_from_the_funding_source(demo_app, source, pelaksana, kind, label):
    plan = make_plan(lines=0)
    mitra = find("62.02", pelaksana) if pelaksana else None
    line = _line(plan, funding_source=source, mitra_id=mitra.id if mitra else None)
    assert line.budget_holder == kind and line.holder_label == label
    assert line.budget_holder_mitra_id == (mitra.id if kind == "mitra" else None)


def test_apbdes_money_is_always_the_desa_and_only_apbdes_money_is(demo_app):
    plan = make_plan(lines=0)
    dinkes = find("62.02", "Dinkes")
    for source, choice in (("dd", f"m:{dinkes.id}"), ("add", "masyarakat"), ("apbd_kab", "desa"),
                           ("apbd_kab", f"m:{find('53.03', 'Dinkes').id}"), ("bok", "m:abc")):
        with pytest.raises(Refused) as refused:
            _line(plan, funding_source=source, budget_holder=choice)
        assert "budget_holder" in refused.value.errors, (source, choice)
    assert not plan.lines
    held = _line(plan, funding_source="apbd_kab", mitra_id=find("62.02", "TP PKK Kab").id,
                 budget_holder=f"m:{dinkes.id}")
    assert held.budget_holder_mitra_id == dinkes.id and held.pelaksana_label == "TP PKK Kab"


def test_the_line_form_offers_the_holder_and_keeps_what_was_typed_when_refused(demo_client, login_as):
    plan = make_plan(lines=0)
    login_as(demo_client, "pokja.palangan")
    page = demo_client.get(f"/rencana-kerja/{plan.id}/kegiatan/baru").get_data(as_text=True)
    assert 'name="budget_holder"' in page and "Otomatis menurut sumber dana" in page
    response = demo_client.post(f"/rencana-kerja/{plan.id}/kegiatan/baru", data={
        "activity": "PMT dari Dana Desa", "spm_field": "kesehatan", "budget": "1.000.000", "funding_source": "dd",
        "location": f"r:{plan.region_code}", "months": ["2"], "budget_holder": f"m:{find('62.02', 'Dinkes').id}",
        "version": plan.version})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "pemilik anggarannya pemerintah desa" in html
    assert 'value="PMT dari Dana Desa"' in html
    assert db.session.scalar(select(func.count()).select_from(PlanLine)) == 0


def _dinkes_lines():
    """A Palangan plan, approved: Dana Desa PMT carried by PKM Kota Besi (a Dinkes unit), APBD kabupaten
    kelas ibu carried by TP PKK but paid by Dinkes."""
    plan = make_plan(lines=0)
    _line(plan, activity="PMT Dana Desa", budget=1_500_000, mitra_id=find("62.02", "PKM Kota Besi").id)
    _line(plan, activity="Kelas ibu APBD", budget=2_000_000, funding_source="apbd_kab",
          mitra_id=find("62.02", "TP PKK Kab").id, budget_holder=f"m:{find('62.02', 'Dinkes').id}")
    services.submit(actor("pokja.palangan"), plan, None)
    services.approve(actor("kades.palangan"), plan, "", None)
    return plan


def _section(html: str, section_id: str) -> str:
    return re.search(rf'<section class="card" id="{section_id}">(.*?)</section>', html, re.S).group(1)


def test_a_mitra_page_separates_its_own_budget_from_what_it_carries(demo_client, login_as):
    _dinkes_lines()
    login_as(demo_client, "dinkes.kotim")
    dinkes = find("62.02", "Dinkes")
    html = demo_client.get(f"/mitra/{dinkes.id}?tahun=2026").get_data(as_text=True)
    own, carried = _section(html, "mitra-budget"), _section(html, "mitra-lines")
    assert "Anggaran Anda" in own and "Kelas ibu APBD" in own and "PMT Dana Desa" not in own
    assert "Disetujui: Rp 2.000.000" in own
    assert "PMT Dana Desa" in carried and "anggaran Pemerintah Desa Palangan" in carried
    assert "Kelas ibu APBD" not in carried
    assert "Disetujui: Rp 1.500.000" in _section(html, "mitra-totals")
    book = load_workbook(io.BytesIO(demo_client.get(f"/mitra/{dinkes.id}.xlsx?tahun=2026").data))
    assert [row[4] for row in list(book["Anggaran Anda"].values)[1:]] == ["Kelas ibu APBD"]
    assert list(book["Kegiatan"].values)[1][16] == "Pemerintah Desa Palangan"


def test_dana_desa_never_counts_toward_an_agency_in_the_roll_up(demo_client, login_as):
    plan = _dinkes_lines()
    data = rollup(actor("camat.kotabesi"), plan.region.parent, 2026)
    holders = {label: (approved, every) for label, approved, every in data.by_holder}
    assert holders["Dinkes"] == (2_000_000, 2_000_000)
    assert holders["Pemerintah desa (APBDes)"] == (1_500_000, 1_500_000)
    assert not any("PKM" in label for label in holders)
    login_as(demo_client, "camat.kotabesi")
    page = demo_client.get("/rencana-kerja/rekap?tahun=2026").get_data(as_text=True)
    assert "Anggaran menurut pemilik anggaran" in page
    printed = demo_client.get("/rencana-kerja/rekap.pdf?tahun=2026").data
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(printed)).pages).split())
    assert "Pemilik anggaran (Renja/RKA)" in text and "Pemerintah desa (APBDes) 1.500.000" in text
    book = load_workbook(io.BytesIO(demo_client.get("/rencana-kerja/rekap.xlsx?tahun=2026").data))
    rows = {row[0]: row[1] for row in list(book["Pemilik anggaran"].values)[1:]}
    assert rows["Dinkes"] == 2_000_000 and rows["Pemerintah desa (APBDes)"] == 1_500_000


def test_the_migration_backfills_existing_lines_as_the_form_would(tmp_path):
    import sqlite3

    from flask_migrate import upgrade
    from sqlalchemy import text

    from tests.conftest import test_config
    from webapp import create_app

    app = create_app(test_config(f"sqlite:///{tmp_path / 'old.sqlite3'}"))
    with app.app_context():
        upgrade(revision="1901_data_stamp")
        db.engine.dispose()
        raw = sqlite3.connect(tmp_path / "old.sqlite3")  # lines as earlier releases stored them
        with raw:
            raw.execute("INSERT INTO region (code, name, level) VALUES ('62.02', 'Kab. Uji', 'kabupaten')")
            raw.execute("INSERT INTO user (id, username, full_name, jabatan, nip, password_hash, is_enabled, "
                        "session_version, created_at) VALUES (1, 'u', 'U', '', '', 'x', 1, 1, '2026-01-01')")
            raw.execute("INSERT INTO plan (id, region_code, year, title, background, status, revision, created_by_id, "
                        "created_at, updated_at, status_changed_at, version) VALUES (1, '62.02', 2026, 't', '', "
                        "'draf', 1, 1, '2026-01-01', '2026-01-01', '2026-01-01', 1)")
            for mitra_id in (7, 9):
                raw.execute("INSERT INTO mitra (id, kabupaten_code, kind, short_name, name, fields, urusan_code, "
                            "area_codes, is_active, created_at) VALUES (?, '62.02', 'opd', ?, 'M', '', '', '', 1, "
                            "'2026-01-01')", (mitra_id, f"M{mitra_id}"))
            for n, (source, mitra_id) in enumerate((("dd", 7), ("add", None), ("apbd_kab", 7), ("bok", None),
                                                    ("swadaya", 7), ("csr", 9)), start=1):
                raw.execute("INSERT INTO plan_line (id, plan_id, position, activity, spm_field, indicator, "
                            "target_value, target_group, months, person_in_charge, budget, funding_source, mitra_id, "
                            "activity_code, unit, output, progress, spent, output_achieved, evidence, kit_items) "
                            "VALUES (?, 1, ?, 'x', 'kesehatan', '', '', '', '1', '', 1, ?, ?, '', '', '', 'belum', 0, "
                            "'', '', '')", (n, n, source, mitra_id))
        raw.close()
        upgrade(revision="2201_budget_holder")
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT funding_source, budget_holder, budget_holder_mitra_id FROM plan_line "
                                     "ORDER BY id")).all()
        db.session.remove()
        db.engine.dispose()
    assert [tuple(r) for r in rows] == [("dd", "desa", None), ("add", "desa", None), ("apbd_kab", "mitra", 7),
                                        ("bok", "", None), ("swadaya", "masyarakat", None), ("csr", "mitra", 9)]
