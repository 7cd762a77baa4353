"""The Posyandu registry: who adds and edits, and bad input that saves nothing."""
import pytest
from sqlalchemy import func, select

from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.regions.models import Posyandu

GOOD = {"name": "Posyandu Bougenville", "region_code": "62.02.01.2003", "dusun_rw": "RT 03 / RW 01",
        "schedule": "Rabu minggu ke-2", "sk_number": "141/020/SK/2025", "sk_on": "2025-01-15",
        "registration_number": "6202012003009", "kader_with_sk": "5", "is_active": "y"}


def _count() -> int:
    return db.session.scalar(select(func.count(Posyandu.id)))


def test_pokja_desa_registers_a_posyandu_in_its_desa(demo_client, login_as):
    login_as(demo_client, "pokja.palangan")
    response = demo_client.post("/posyandu/baru", data=GOOD)
    assert response.status_code == 302
    saved = db.session.scalar(select(Posyandu).where(Posyandu.name == "Posyandu Bougenville"))
    assert saved.region_code == "62.02.01.2003" and saved.schedule == "Rabu minggu ke-2"
    assert saved.kader_with_sk == 5 and saved.sk_on.isoformat() == "2025-01-15"
    page = demo_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Posyandu Bougenville tersimpan." in page


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "Wajib diisi."),
    ("name", "x" * 121, "Maksimal 120 karakter."),
    ("region_code", "", "Pilih desa/kelurahan."),
    ("region_code", "99.99.99.9999", "Pilih desa/kelurahan yang terdaftar."),
    ("region_code", "62.02.01", "Pilih desa/kelurahan yang terdaftar."),     # a kecamatan is not a desa
    ("region_code", "62.02.01.2004", "Desa ini di luar wilayah Anda."),       # sibling desa
    ("region_code", "53.03.05.1005", "Desa ini di luar wilayah Anda."),       # another kabupaten
    ("kader_with_sk", "lima", "Isi dengan angka bulat."),
    ("kader_with_sk", "-1", "Isi angka 0–200."),
    ("kader_with_sk", "999", "Isi angka 0–200."),
    ("sk_on", "31-31-2025", "Tanggal tidak valid."),
    ("schedule", "x" * 121, "Maksimal 120 karakter."),
    ("registration_number", "9" * 61, "Maksimal 60 karakter."),
])
def test_bad_posyandu_input_gets_a_clear_message_and_saves_nothing(demo_client, login_as, field, value, message):
    login_as(demo_client, "pokja.palangan")
    before = _count()
    response = demo_client.post("/posyandu/baru", data={**GOOD, field: value})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _count() == before


def test_bad_edit_keeps_the_stored_record(demo_client, login_as):
    login_as(demo_client, "pokja.palangan")
    posyandu = first_posyandu("62.02.01.2003")
    name, region = posyandu.name, posyandu.region_code
    for bad in ({"name": ""}, {"region_code": "62.02.01.2004"}, {"kader_with_sk": "x"}):
        response = demo_client.post(f"/posyandu/{posyandu.id}", data={**GOOD, "version": posyandu.version, **bad})
        assert response.status_code == 422
    db.session.expire_all()
    assert (posyandu.name, posyandu.region_code) == (name, region)


def test_edit_saves_and_a_stale_version_is_refused(demo_client, login_as):
    login_as(demo_client, "pokja.palangan")
    posyandu = first_posyandu("62.02.01.2003")
    version = posyandu.version
    ok = demo_client.post(f"/posyandu/{posyandu.id}", data={**GOOD, "name": "Posyandu Melati Baru", "version": version})
    assert ok.status_code == 302
    stale = demo_client.post(f"/posyandu/{posyandu.id}", data={**GOOD, "name": "Tulisan Lama", "version": version})
    assert stale.status_code == 422
    assert "baru saja diubah orang lain" in stale.get_data(as_text=True)
    db.session.expire_all()
    assert posyandu.name == "Posyandu Melati Baru"


def test_kabupaten_admin_adds_posyandu_anywhere_in_its_kabupaten_only(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    assert demo_client.post("/posyandu/baru", data={**GOOD, "region_code": "62.02.05.1001"}).status_code == 302
    refused = demo_client.post("/posyandu/baru", data={**GOOD, "name": "Posyandu Seberang",
                                                       "region_code": "53.03.05.1005"})
    assert "Desa ini di luar wilayah Anda." in refused.get_data(as_text=True)


def test_kader_sees_its_posyandu_read_only(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    own = first_posyandu("62.02.01.2003")
    page = demo_client.get(f"/posyandu/{own.id}").get_data(as_text=True)
    assert own.name in page and own.schedule in page and "<form method=\"post\" novalidate>" not in page
    assert demo_client.post(f"/posyandu/{own.id}", data={**GOOD, "version": own.version}).status_code == 403
    assert demo_client.get("/posyandu/baru").status_code == 403
    other = db.session.scalars(select(Posyandu).where(Posyandu.region_code == "62.02.01.2003",
                                                      Posyandu.id != own.id)).first()
    assert demo_client.get(f"/posyandu/{other.id}").status_code == 404
    assert demo_client.get(f"/posyandu/{first_posyandu('62.02.01.2004').id}").status_code == 404


def test_registry_list_is_scoped(demo_client, login_as):
    login_as(demo_client, "kades.palangan")
    page = demo_client.get("/posyandu").get_data(as_text=True)
    assert "Desa Palangan" in page and "Hanjalipan" not in page
    assert "Tambah Posyandu" in page
