"""The mitra registry, a partner's page for its staff (mitra role) and its exports."""
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.workplans.helpers import actor, make_carried_line
from webapp.extensions import db
from webapp.mitra.demo import find
from webapp.mitra.models import Mitra


def _mitra_form(**overrides) -> dict:
    data = {"kabupaten_code": "62.02", "kind": "unit", "short_name": "PKM Cempaga", "name": "UPT Puskesmas Cempaga",
            "parent_id": str(find("62.02", "Dinkes").id), "fields": ["kesehatan"], "urusan_code": "1.02",
            "area_codes": ["62.02.02"], "is_active": "y"}
    data.update(overrides)
    return data


def test_admin_adds_a_unit_of_dinkes_and_it_shows_on_dinkes_page(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    response = demo_client.post("/mitra/baru", data=_mitra_form())
    assert response.status_code == 302
    unit = db.session.scalar(select(Mitra).where(Mitra.short_name == "PKM Cempaga"))
    assert unit.parent.short_name == "Dinkes" and unit.area_list == ["62.02.02"]
    page = demo_client.get(f"/mitra/{unit.parent_id}").get_data(as_text=True)
    assert "PKM Cempaga" in page


@pytest.mark.parametrize("overrides, message", [
    ({"short_name": "Dinkes"}, "sudah dipakai"),
    ({"name": ""}, "Nama lengkap wajib diisi"),
    ({"fields": []}, "minimal satu bidang"),
    ({"urusan_code": "9.99"}, "urusan SIPD tidak dikenal"),
    ({"area_codes": ["53.03.05"]}, "kecamatan di kabupaten ini"),
    ({"parent_id": "987654"}, "Induk harus perangkat daerah"),
])
def test_bad_mitra_input_is_refused_in_indonesian_and_nothing_saved(demo_client, login_as, overrides, message):
    login_as(demo_client, "admin.kotim")
    before = db.session.scalar(select(func.count(Mitra.id)))
    response = demo_client.post("/mitra/baru", data=_mitra_form(**overrides))
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Mitra.id))) == before


def test_only_the_admin_of_the_kabupaten_manages_its_mitra(demo_client, login_as):
    login_as(demo_client, "admin.ttu")
    assert demo_client.get(f"/mitra/{find('62.02', 'Dinkes').id}/ubah").status_code == 404
    assert demo_client.post("/mitra/baru", data=_mitra_form()).status_code == 403  # not the TTU admin's kabupaten
    assert db.session.scalar(select(Mitra.id).where(Mitra.short_name == "PKM Cempaga")) is None
    login_as(demo_client, "pokjanal.kotim")
    assert demo_client.get("/mitra/baru").status_code == 403


def test_dinkes_staff_see_their_lines_and_nothing_outside_their_concern(demo_client, login_as):
    line = make_carried_line()  # Palangan's line carried by Puskesmas Kota Besi, a unit of Dinkes
    db.session.commit()
    dinkes, disdik = find("62.02", "Dinkes"), find("62.02", "Disdik")
    login_as(demo_client, "dinkes.kotim")
    page = demo_client.get(f"/mitra/{dinkes.id}?tahun=2026").get_data(as_text=True)
    assert "Desa Palangan" in page and line.activity in page and "Disetujui: Rp 1.500.000" in page
    assert demo_client.get(f"/mitra/{disdik.id}").status_code == 404
    assert demo_client.get(f"/mitra/{find('53.03', 'Dinkes').id}").status_code == 404
    for path in ("/posyandu", "/rencana-kerja", "/rapat", "/wilayah"):
        assert demo_client.get(path).status_code == 403, path
    assert demo_client.get(f"/rencana-kerja/{line.plan_id}").status_code == 404  # issue 14: a named object does not exist for a role that cannot see its kind
    listing = demo_client.get("/mitra").get_data(as_text=True)
    assert "PKM Kota Besi" in listing and "Disdik" not in listing
    response = demo_client.post(f"/rencana-kerja/kegiatan/{line.id}/realisasi",
                                data={"progress": "berjalan", "spent": "750.000", "output_achieved": "PMT 15 hari"})
    assert response.status_code == 302 and f"/mitra/{dinkes.id}" in response.headers["Location"]
    db.session.refresh(line)
    assert line.spent == 750_000 and line.progress_events[-1].name == "dr. Fauziah Rahmah"
    bad = demo_client.post(f"/rencana-kerja/kegiatan/{line.id}/realisasi", data={"progress": "berjalan",
                                                                                 "spent": "9.000.000"})
    assert bad.status_code == 422 and "150%" in bad.get_data(as_text=True)
    db.session.refresh(line)
    assert line.spent == 750_000


def test_a_desa_sees_only_its_own_lines_on_a_mitra_page(demo_client, login_as):
    make_carried_line()
    db.session.commit()
    login_as(demo_client, "pokja.hanjalipan")
    page = demo_client.get(f"/mitra/{find('62.02', 'Dinkes').id}?tahun=2026").get_data(as_text=True)
    assert "Desa Palangan" not in page and "Belum ada kegiatan" in page


def test_mitra_page_as_pdf_and_excel(demo_client, login_as):
    from openpyxl import load_workbook

    line = make_carried_line()
    db.session.commit()
    login_as(demo_client, "dinkes.kotim")
    dinkes = find("62.02", "Dinkes").id
    pdf = demo_client.get(f"/mitra/{dinkes}.pdf?tahun=2026")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "DINAS KESEHATAN" in text and line.activity in text and "1.500.000" in text
    book = load_workbook(io.BytesIO(demo_client.get(f"/mitra/{dinkes}.xlsx?tahun=2026").data))
    rows = list(book["Kegiatan"].values)
    assert rows[1][4] == line.activity and rows[1][12] == 1_500_000 and rows[1][8] == "PKM Kota Besi"


def test_kecamatan_roll_up_shows_the_line_under_dinkes_unit_health_and_its_source(demo_client, login_as):
    make_carried_line()
    db.session.commit()
    login_as(demo_client, "camat.kotabesi")
    page = demo_client.get("/rencana-kerja/rekap?tahun=2026").get_data(as_text=True)
    assert "<th colspan=\"3\">Kesehatan · Dana Desa · Dinkes — PKM Kota Besi</th>" in page
    assert actor("camat.kotabesi").has("mitra.read")


def _account(client, username, region_code, mitra_id):
    return client.post("/pengguna", data={
        "full_name": "Kepala Puskesmas", "username": username, "phone": "", "jabatan": "Kepala UPT", "nip": "",
        "role": "mitra", "region_code": region_code, "posyandu_id": "", "mitra_id": str(mitra_id or ""),
        "password": "Sandi-awal-kuat-1"})


def test_admin_links_a_new_account_to_a_mitra_of_the_kabupaten_only(demo_client, login_as):
    from webapp.auth.models import RoleAssignment, User

    login_as(demo_client, "admin.kotim")
    pkm = find("62.02", "PKM Kota Besi")
    for bad in (None, find("53.03", "Dinkes").id):
        response = _account(demo_client, "pkm.salah", "62.02.01", bad)
        assert response.status_code == 422 and "Pilih mitra kabupaten ini" in response.get_data(as_text=True)
    assert db.session.scalar(select(User.id).where(User.username == "pkm.salah")) is None
    assert _account(demo_client, "pkm.kotabesi", "62.02.01", pkm.id).status_code == 302
    grant = db.session.scalar(select(RoleAssignment).join(User).where(User.username == "pkm.kotabesi"))
    assert (grant.role, grant.region_code, grant.mitra_id) == ("mitra", "62.02.01", pkm.id)
    login_as(demo_client, "camat.kotabesi")  # a camat grants no mitra role
    response = _account(demo_client, "pkm.lain", "62.02.01", pkm.id)
    assert response.status_code == 422 and db.session.scalar(select(User.id).where(User.username == "pkm.lain")) is None


def test_an_action_item_given_to_a_puskesmas_reaches_dinkes_home_and_mitra_page(demo_client, login_as):
    from tests.meetings.helpers import make_meeting
    from webapp.meetings.models import ActionItem

    meeting = make_meeting()
    agenda = meeting.agenda_items[0]
    pkm = find("62.02", "PKM Kota Besi")
    login_as(demo_client, "pokjanal.kotabesi")
    foreign = demo_client.post(f"/rapat/{meeting.id}/agenda/{agenda.id}/tindak-lanjut",
                               data={"what": "Sweeping balita", "responsible": f"m:{find('53.03', 'Dinkes').id}"})
    assert foreign.status_code == 422 and "Mitra penanggung jawab harus mitra kabupaten ini." in foreign.get_data(
        as_text=True)
    assert demo_client.post(f"/rapat/{meeting.id}/agenda/{agenda.id}/tindak-lanjut",
                            data={"what": "Sweeping balita tidak datang", "responsible": f"m:{pkm.id}",
                                  "due_on": "2026-01-10"}).status_code == 302
    item = db.session.scalar(select(ActionItem))
    assert item.responsible_label == "PKM Kota Besi"
    login_as(demo_client, "dinkes.kotim")
    assert "Sweeping balita tidak datang" in demo_client.get("/").get_data(as_text=True)
    page = demo_client.get(f"/mitra/{find('62.02', 'Dinkes').id}").get_data(as_text=True)
    assert "Sweeping balita tidak datang" in page and "1 lewat batas" in page
    assert demo_client.post(f"/rapat/tindak-lanjut/{item.id}",
                            data={"status": "proses", "note": "12 balita dikunjungi"}).status_code == 302
    db.session.refresh(item)
    assert item.status == "proses"
    login_as(demo_client, "pokja.hanjalipan")  # sees the meeting (invited) but neither responsible nor its body: 403
    assert demo_client.get(f"/rapat/tindak-lanjut/{item.id}").status_code == 403
    login_as(demo_client, "kader.benpasi")  # another kabupaten: the item does not exist for them
    assert demo_client.get(f"/rapat/tindak-lanjut/{item.id}").status_code == 404
