"""Posyandu import at /impor: preview, all-or-nothing commit of exactly what was previewed, idempotent
re-import and update by natural key (nomor registrasi, else desa code + nama)."""
import datetime as dt
import io
import json

from openpyxl import load_workbook
from sqlalchemy import select

from tests.onboarding.helpers import HEADER, ROWS, by_name, counts, csv_bytes, imported, preview_id, upload, xlsx
from webapp.audit import AuditEvent
from webapp.extensions import db
from webapp.onboarding.models import ImportBatch
from webapp.onboarding.posyandu_rows import parse_schedule


def test_preview_lists_what_will_be_created_and_changes_nothing(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    before = counts()[0]
    batch_id = preview_id(demo_client, xlsx())
    page = demo_client.get(f"/impor/{batch_id}").get_data(as_text=True)
    assert "Pratinjau impor" in page and "<strong>2</strong> akan dibuat" in page
    assert "Posyandu Anggrek" in page and "Posyandu Teratai" in page and "Simpan semua" in page
    assert counts()[0] == before and by_name("Posyandu Anggrek") is None


def test_commit_creates_the_rows_as_the_registry_stores_them_and_audits(demo_client, login_as):
    admin = login_as(demo_client, "admin.kotim")
    before = counts()[0]
    batch_id = imported(demo_client, xlsx())
    anggrek = by_name("Posyandu Anggrek")
    assert counts()[0] == before + 2
    assert (anggrek.region_code, anggrek.schedule, anggrek.strata) == ("62.02.01.2003", "Selasa minggu ke-2", "Madya")
    assert anggrek.sk_on == dt.date(2025, 1, 15) and anggrek.registration_number == "6202012003101"
    assert anggrek.dusun_rw == "Dusun II / RW 02" and anggrek.sk_number == "141/101/SK/2025"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "import.posyandu"))
    detail = json.loads(event.detail)
    assert event.actor_id == admin.id and (detail["baru"], detail["ubah"], detail["tetap"]) == (2, 0, 0)
    page = demo_client.get(f"/impor/{batch_id}").get_data(as_text=True)
    assert "Hasil impor" in page and "2 Posyandu baru" in page


def test_reimporting_the_same_file_changes_nothing(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    imported(demo_client, xlsx())
    versions = (by_name("Posyandu Anggrek").version, by_name("Posyandu Teratai").version)
    total = counts()[0]
    batch_id = preview_id(demo_client, xlsx())
    assert "<strong>0</strong> akan dibuat" in demo_client.get(f"/impor/{batch_id}").get_data(as_text=True)
    demo_client.post(f"/impor/{batch_id}/simpan")
    batch = db.session.get(ImportBatch, batch_id)
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 0, 2)
    assert counts()[0] == total
    assert (by_name("Posyandu Anggrek").version, by_name("Posyandu Teratai").version) == versions


def test_a_corrected_file_updates_by_natural_key_and_never_duplicates(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    imported(demo_client, xlsx())
    total = counts()[0]
    corrected = [
        # same nomor registrasi, name corrected: the registration number finds it
        ["Posyandu Anggrek Putih", "62.02.01.2003", "", "Rabu minggu ke-4", "6202012003101", "", "", ""],
        # no nomor registrasi: desa + name (any case) finds it; now it gets one
        ["posyandu teratai", "62.02.01.2004", "RW 06", "", "6202012004201", "", "", "Purnama"],
    ]
    batch_id = preview_id(demo_client, xlsx(corrected))
    page = demo_client.get(f"/impor/{batch_id}").get_data(as_text=True)
    assert "<strong>2</strong> akan diperbarui" in page and "Selasa minggu ke-2 → Rabu minggu ke-4" in page
    demo_client.post(f"/impor/{batch_id}/simpan")
    assert counts()[0] == total
    anggrek = by_name("Posyandu Anggrek Putih")
    assert anggrek.schedule == "Rabu minggu ke-4" and anggrek.dusun_rw == "Dusun II / RW 02"  # blank keeps the value
    teratai = by_name("Posyandu Teratai")
    assert (teratai.dusun_rw, teratai.registration_number, teratai.strata) == ("RW 06", "6202012004201", "Purnama")


def test_csv_with_either_separator_and_loose_headers(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    loose = ["  NAMA posyandu ", "kode  DESA / Kelurahan", "dusun/rw", "Hari Buka", "Nomor Registrasi", "SK Nomor",
             "sk tanggal", "STRATA"]
    for delimiter, name in ((";", "Posyandu Melati"), (",", "Posyandu Kenanga")):
        row = [name, "62.02.01.2003", "RW 01", "Jumat minggu ke-1", "", "", "2024-03-01", ""]
        imported(demo_client, csv_bytes([row], loose, delimiter), "posyandu.csv")
        saved = by_name(name)
        assert saved.schedule == "Jumat minggu ke-1" and saved.sk_on == dt.date(2024, 3, 1)


def test_commit_applies_what_was_previewed_not_a_file_posted_with_it(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    batch_id = preview_id(demo_client, xlsx())
    other = xlsx([["Posyandu Lain", "62.02.01.2003", "", "", "", "", "", ""]])
    demo_client.post(f"/impor/{batch_id}/simpan", data={"file": (io.BytesIO(other), "posyandu.xlsx")},
                     content_type="multipart/form-data")
    assert by_name("Posyandu Anggrek") is not None and by_name("Posyandu Lain") is None
    again = demo_client.post(f"/impor/{batch_id}/simpan")
    assert again.status_code == 422 and "sudah disimpan" in again.get_data(as_text=True)


def test_a_change_since_the_preview_refuses_the_whole_commit(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    first = preview_id(demo_client, xlsx(ROWS[:1]))
    clash = [["Posyandu Anggrek", "62.02.01.2003", "", "", "6202012003999", "", "", ""], ROWS[1]]
    second = preview_id(demo_client, xlsx(clash))
    demo_client.post(f"/impor/{first}/simpan")
    total = counts()[0]
    response = demo_client.post(f"/impor/{second}/simpan")
    assert response.status_code == 422 and "Data berubah sejak pratinjau" in response.get_data(as_text=True)
    assert counts()[0] == total and by_name("Posyandu Teratai") is None


def test_the_template_has_notes_a_hari_dropdown_and_an_example_from_ones_kabupaten(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    response = demo_client.get("/impor/templat-posyandu.xlsx")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert {"Posyandu", "Keterangan", "Daftar"} <= set(book.sheetnames)
    sheet = book["Posyandu"]
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet["B2"].value.startswith("62.02.") and sheet["A2"].value.endswith("(contoh)")
    rules = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert rules["D2"].startswith("=Daftar!") and "Selasa minggu ke-2" in [c.value for c in book["Daftar"]["A"]]
    notes = " ".join(str(c.value) for row in book["Keterangan"].iter_rows() for c in row)
    assert "Hapus baris contoh" in notes and "nomor registrasi" in notes
    refused = upload(demo_client, response.data)  # the untouched template: its example row is never imported
    assert refused.status_code == 422 and "baris contoh" in refused.get_data(as_text=True)


def test_hari_buka_is_parsed_to_the_registry_form():
    assert parse_schedule("Selasa minggu ke-2") == "Selasa minggu ke-2"
    assert parse_schedule("  jum'at, Minggu Ke 1") == "Jumat minggu ke-1"
    assert parse_schedule("SABTU mg ke-4") == "Sabtu minggu ke-4"
    assert parse_schedule("setiap tanggal 5") is None and parse_schedule("Selasa minggu ke-7") is None


def test_home_links_the_import_page_for_the_kabupaten_admin_only(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    assert "/impor" in demo_client.get("/").get_data(as_text=True)
    login_as(demo_client, "pokja.palangan")
    assert "/impor" not in demo_client.get("/").get_data(as_text=True)
