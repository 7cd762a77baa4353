"""Every refusal of a Posyandu file: a clear message in Bahasa Indonesia with its row and column, and nothing
changed (no Posyandu, no kept batch)."""
import re

import pytest

from tests.onboarding.helpers import HEADER, ROWS, counts, upload, xlsx, csv_bytes


def _merge(sheet):
    sheet.merge_cells("C2:C3")


def _formula(sheet):
    sheet["C3"] = "=A2&\" RW\""


def _many(sheet):
    for n in range(5001):
        sheet.append([f"Posyandu {n}", "62.02.01.2003"])


CASES = [
    ("missing column", xlsx([r[:1] + r[2:] for r in ROWS], HEADER[:1] + HEADER[2:]), "posyandu.xlsx",
     [("1", "Kode desa/kelurahan", 'Kolom wajib "Kode desa/kelurahan" tidak ada.')]),
    ("unknown column", xlsx([r + ["x"] for r in ROWS], HEADER + ["Jumlah balita"]), "posyandu.xlsx",
     [("1", "Jumlah balita", 'Kolom "Jumlah balita" tidak dikenal.')]),
    ("merged cells", xlsx(edit=_merge), "posyandu.xlsx", [("–", "–", "sel gabungan (merge) di C2:C3")]),
    ("formula", xlsx(edit=_formula), "posyandu.xlsx", [("3", "Dusun/RW", "Sel berisi rumus")]),
    ("too many rows", xlsx([], edit=_many), "posyandu.xlsx", [("–", "–", "lebih dari 5.000 baris")]),
    ("renamed file", b"%PDF-1.4 not a workbook", "posyandu.xlsx", [("–", "–", "bukan xlsx yang sah")]),
    ("renamed zip", b"PK\x05\x06" + b"\0" * 18, "posyandu.xlsx", [("–", "–", "bukan xlsx yang sah")]),
    ("other extension", b"nama;kode", "posyandu.pdf", [("–", "–", "Unggah berkas .xlsx atau .csv.")]),
    ("duplicate rows", xlsx(ROWS + [ROWS[0]]), "posyandu.xlsx",
     [("4", "Nama Posyandu", "Baris ini sama dengan baris 2")]),
    ("duplicate by desa and name", csv_bytes([ROWS[1], ["posyandu TERATAI", "62.02.01.2004", "", "", "", "", "", ""]]),
     "p.csv", [("3", "Nama Posyandu", "sama dengan baris 2")]),
    ("unknown desa", xlsx([["Posyandu X", "62.02.99.9999", "", "", "", "", "", ""]]), "posyandu.xlsx",
     [("2", "Kode desa/kelurahan", "Kode desa/kelurahan tidak dikenal")]),
    ("a kecamatan code", xlsx([["Posyandu X", "62.02.01", "", "", "", "", "", ""]]), "posyandu.xlsx",
     [("2", "Kode desa/kelurahan", "Kode desa/kelurahan tidak dikenal")]),
    ("another kabupaten", xlsx([ROWS[0], ["Posyandu X", "53.03.05.1005", "", "", "", "", "", ""]]), "posyandu.xlsx",
     [("3", "Kode desa/kelurahan", "Desa/kelurahan ini di luar kabupaten Anda.")]),
    ("bad cells", xlsx([["", "62.02.01.2003", "", "tiap tanggal 5", "", "", "31/31/2025", "Super"]]), "posyandu.xlsx",
     [("2", "Nama Posyandu", "Wajib diisi."), ("2", "Hari buka", "Selasa minggu ke-2"),
      ("2", "SK tanggal", "Tanggal tidak dikenal"), ("2", "Strata", "Pratama, Madya, Purnama atau Mandiri")]),
    ("empty", xlsx([]), "posyandu.xlsx", [("–", "–", "tidak berisi baris data")]),
]


def _rows(page: str) -> list[tuple[str, str, str]]:
    body = page.split('id="masalah"', 1)[1]
    cells = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", body)
    return [tuple(c.replace("&#34;", '"').replace("&quot;", '"') for c in row) for row in cells]


@pytest.mark.parametrize("case, data, filename, expected", CASES, ids=[c[0] for c in CASES])
def test_a_bad_file_is_refused_with_row_and_column_and_changes_nothing(demo_client, login_as, case, data, filename,
                                                                       expected):
    login_as(demo_client, "admin.kotim")
    before = counts()
    response = upload(demo_client, data, filename)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Berkas ditolak; tidak ada data yang diubah." in page
    found = _rows(page)
    for row, column, message in expected:
        assert any(r == row and c == column and message.lower() in m.lower() for r, c, m in found), (found, expected)
    assert counts() == before


def test_one_bad_row_refuses_the_good_ones_too(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    before = counts()
    response = upload(demo_client, xlsx(ROWS + [["Posyandu X", "99.99.99.9999", "", "", "", "", "", ""]]))
    assert response.status_code == 422 and counts() == before


@pytest.mark.parametrize("csrf", [False, True])
def test_a_file_over_the_limit_is_refused_before_it_is_read(demo_app, demo_client, login_as, monkeypatch, csrf):
    """From its Content-Length, before the CSRF check or the view parse the body."""
    login_as(demo_client, "admin.kotim")
    demo_app.config["IMPORT_MAX_BYTES"], demo_app.config["WTF_CSRF_ENABLED"] = 1024, csrf
    parsed = []
    monkeypatch.setattr("werkzeug.formparser.MultiPartParser.parse", lambda *a, **k: parsed.append(a))
    read = []
    monkeypatch.setattr("webapp.onboarding.services.read_table", lambda *a: read.append(a))
    before = counts()
    response = upload(demo_client, csv_bytes(ROWS * 40), "posyandu.csv")
    assert response.status_code == 413 and "Berkas lebih besar dari 1 KB" in response.get_data(as_text=True)
    assert read == [] and parsed == [] and counts() == before


def test_nothing_uploaded_is_a_message(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    response = demo_client.post("/impor/posyandu", data={}, content_type="multipart/form-data")
    assert response.status_code == 422 and "Pilih berkas .xlsx atau .csv" in response.get_data(as_text=True)


def test_merged_cells_are_found_on_the_posyandu_sheet_wherever_it_lies(demo_client, login_as):
    def notes_first(sheet):
        sheet.merge_cells("A3:B3")
        sheet.parent.move_sheet(sheet, offset=1)
        sheet.parent.create_sheet("Keterangan", 0)

    login_as(demo_client, "admin.kotim")
    response = upload(demo_client, xlsx(edit=notes_first))
    assert response.status_code == 422 and "sel gabungan (merge) di A3:B3" in response.get_data(as_text=True)
