"""`flask regions import`: every row checked, all or nothing, errors with line numbers, upsert."""
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.regions.importer import import_regions
from webapp.regions.models import KabupatenSetting, Region

OFFICIAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "wilayah-kemendagri-2025.csv"
OFFICIAL = Path(os.environ.get("POKJANAL_REGION_CSV", OFFICIAL))

GOOD = """kode,nama
62,Kalimantan Tengah
62.02,Kabupaten Kotawaringin Timur
62.02.01,Kota Besi
62.02.01.2003,Palangan
62.02.01.1009,Kota Besi Hulu
"""


def _regions() -> int:
    return db.session.scalar(select(func.count()).select_from(Region))


def test_a_good_file_imports_with_levels_parents_and_settings(app):
    result = import_regions(GOOD)
    assert result.ok and (result.rows, result.inserted, result.updated) == (5, 5, 0)
    palangan = db.session.get(Region, "62.02.01.2003")
    assert (palangan.level, palangan.parent_code, palangan.kind) == ("desa", "62.02.01", "desa")
    assert db.session.get(Region, "62.02.01.1009").kind == "kelurahan"
    assert palangan.full_label == "Desa Palangan, Kec. Kota Besi, Kab. Kotawaringin Timur"
    assert db.session.get(KabupatenSetting, "62.02").timezone == "Asia/Pontianak"


def test_a_bad_file_reports_each_line_and_saves_nothing(app):
    bad = GOOD + "\n".join([
        "62.02.01.2003,Palangan Lagi",     # line 7: duplicate of line 5
        "62.2.01,Salah Format",            # line 8: bad code
        "62.02.09.2001,Tanpa Induk",       # line 9: parent 62.02.09 missing
        "62.02.01.4001,Digit Salah",       # line 10: desa code must start 1, 2 or 3
        "62.02.01.2099,",                  # line 11: empty name
        "62.02.01.2098,Satu,Dua",          # line 12: three columns
    ]) + "\n"
    result = import_regions(bad)
    assert not result.ok
    text = "\n".join(result.errors)
    assert "baris 7: kode 62.02.01.2003 ganda (sudah ada di baris 5)" in text
    assert "baris 8: kode '62.2.01' tidak sesuai format Kemendagri" in text
    assert "baris 9: induk 62.02.09 dari kode 62.02.09.2001 tidak ada" in text
    assert "baris 10: kode '62.02.01.4001' tidak sesuai format" in text
    assert "baris 11: nama wilayah kosong" in text
    assert "baris 12: harus tepat 2 kolom" in text
    assert _regions() == 0


def test_a_wrong_header_is_refused(app):
    result = import_regions("code;name\n62;Kalimantan Tengah\n")
    assert result.errors == ["baris 1: kepala kolom harus 'kode,nama'"]
    assert _regions() == 0


def test_parents_may_already_be_in_the_database(app):
    import_regions(GOOD)
    result = import_regions("kode,nama\n62.02.01.2004,Hanjalipan\n")
    assert result.ok and result.inserted == 1


def test_second_run_changes_nothing_and_a_renamed_row_is_updated(app):
    import_regions(GOOD)
    again = import_regions(GOOD)
    assert (again.inserted, again.updated) == (0, 0) and _regions() == 5
    renamed = import_regions(GOOD.replace("Palangan", "Palangan Baru"))
    assert (renamed.inserted, renamed.updated) == (0, 1)
    db.session.expire_all()
    assert db.session.get(Region, "62.02.01.2003").name == "Palangan Baru"


def test_cli_reports_errors_and_exits_nonzero(app, tmp_path):
    bad = tmp_path / "wilayah.csv"
    bad.write_text("kode,nama\n62,Kalimantan Tengah\n62.02.99.2001,Tanpa Induk\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["regions", "import", str(bad)])
    assert result.exit_code == 1
    assert "Impor dibatalkan, tidak ada yang disimpan" in result.output
    assert "baris 3: induk 62.02.99" in result.output
    assert _regions() == 0


def test_the_full_official_list_imports_and_a_second_run_changes_nothing(app):
    """All 91,599 rows of ../shared/data/wilayah-kemendagri-2025.csv, read in place."""
    if not OFFICIAL.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"daftar wilayah resmi tidak ada di {OFFICIAL}")
        pytest.skip(f"daftar wilayah resmi tidak ada di {OFFICIAL} (setel POKJANAL_REGION_CSV)")
    text = OFFICIAL.read_text(encoding="utf-8-sig")
    first = import_regions(text)
    assert first.ok, first.errors[:5]
    assert (first.rows, first.inserted) == (91599, 91599)
    assert _regions() == 91599
    counts = dict(db.session.execute(select(Region.level, func.count()).group_by(Region.level)).all())
    assert counts["provinsi"] == 38 and counts["kabupaten"] == 514
    assert db.session.scalar(select(func.count()).select_from(KabupatenSetting)) == 514
    assert db.session.get(Region, "62.02.01.2003").name == "Palangan"
    assert db.session.get(KabupatenSetting, "94.01").zone_suffix == "WIT"
    second = import_regions(text)
    assert (second.rows, second.inserted, second.updated) == (91599, 0, 0)
    assert _regions() == 91599
