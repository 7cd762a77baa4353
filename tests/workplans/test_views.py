"""Plan pages: scope (404), roles (403), messages for bad input, conflicts, the queue, the roll-up."""
import re

import pytest

from tests.workplans.helpers import make_plan
from webapp.extensions import db
from webapp.workplans import services
from webapp.workplans.models import Plan, PlanStatus
from tests.workplans.helpers import actor


def _page(response) -> str:
    return response.get_data(as_text=True)


def test_drafter_creates_a_plan_and_adds_a_line_in_rupiah(demo_client, login_as):
    login_as(demo_client, "pokja.palangan")
    response = demo_client.post("/rencana-kerja/baru", data={"region_code": "62.02.01.2003", "year": "2027",
                                                             "semester": "", "title": "Rencana 2027"})
    assert response.status_code == 302
    plan = db.session.scalar(db.select(Plan).where(Plan.year == 2027))
    location = _page(demo_client.get(f"/rencana-kerja/{plan.id}/kegiatan/baru"))
    posyandu_key = re.search(r'value="(p:\d+)"', location).group(1)
    response = demo_client.post(f"/rencana-kerja/{plan.id}/kegiatan/baru", data={
        "activity": "Kelas ibu hamil", "spm_field": "kesehatan", "location": posyandu_key, "months": ["2", "3", "4"],
        "budget": "Rp 12.500.000", "funding_source": "add", "version": str(plan.version)})
    assert response.status_code == 302
    page = _page(demo_client.get(f"/rencana-kerja/{plan.id}"))
    assert "Kelas ibu hamil" in page and "Rp 12.500.000" in page and "Feb–Apr" in page
    assert "<td>Kesehatan</td>" in page and "<td>ADD</td>" in page


@pytest.mark.parametrize("data, message", [
    ({"budget": "-1000"}, "Anggaran tidak boleh negatif."),
    ({"budget": "sejuta"}, "Isi anggaran dengan angka rupiah"),
    ({"activity": ""}, "Nama kegiatan wajib diisi."),
    ({"funding_source": "hibah"}, "Sumber dana tidak dikenal."),
    ({"location": "r:62.02.01.2004"}, "Lokasi harus Posyandu atau wilayah di dalam Desa Palangan."),
])
def test_bad_line_input_comes_back_with_its_message_and_saves_nothing(demo_client, login_as, data, message):
    plan = make_plan(lines=0)
    login_as(demo_client, "pokja.palangan")
    form = {"activity": "Posyandu remaja", "spm_field": "kesehatan", "location": "r:62.02.01.2003", "months": ["5"],
            "budget": "500.000", "funding_source": "apbdes", "version": str(plan.version)}
    form.update(data)
    response = demo_client.post(f"/rencana-kerja/{plan.id}/kegiatan/baru", data=form)
    assert response.status_code == 422
    assert message in _page(response)
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).lines == []


def test_sibling_desa_and_kecamatan_get_404_and_kader_403(demo_client, login_as):
    plan = make_plan(submit=True)
    for who in ("kades.hanjalipan", "camat.baamang", "camat.kefamenanu"):
        login_as(demo_client, who)
        assert demo_client.get(f"/rencana-kerja/{plan.id}").status_code == 404
        assert demo_client.get(f"/rencana-kerja/{plan.id}.pdf").status_code == 404
        assert demo_client.post(f"/rencana-kerja/{plan.id}/setujui", data={}).status_code == 404
    login_as(demo_client, "kader.palangan")
    assert demo_client.get(f"/rencana-kerja/{plan.id}").status_code == 403
    assert demo_client.get("/rencana-kerja").status_code == 403
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).status == PlanStatus.SUBMITTED


def test_wrong_role_in_scope_gets_403_and_nothing_changes(demo_client, login_as):
    plan = make_plan(submit=True)
    login_as(demo_client, "bupati.kotim")  # no step of a desa plan is the bupati's
    assert demo_client.get(f"/rencana-kerja/{plan.id}").status_code == 200
    assert demo_client.post(f"/rencana-kerja/{plan.id}/setujui", data={}).status_code == 403
    assert demo_client.post(f"/rencana-kerja/{plan.id}/kembalikan", data={"note": "x"}).status_code == 403
    login_as(demo_client, "camat.kotabesi")  # the camat's step (mengetahui) comes after the kades approves
    early = demo_client.post(f"/rencana-kerja/{plan.id}/setujui", data={})
    assert early.status_code == 409 and "berstatus Diajukan" in _page(early)
    assert demo_client.post(f"/rencana-kerja/{plan.id}/kembalikan", data={"note": "x"}).status_code == 409
    login_as(demo_client, "pokjanal.kotabesi")
    assert demo_client.post(f"/rencana-kerja/{plan.id}/kegiatan/baru", data={}).status_code == 403
    login_as(demo_client, "pokja.palangan")
    assert demo_client.post(f"/rencana-kerja/{plan.id}/setujui", data={}).status_code == 403
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).status == PlanStatus.SUBMITTED


def test_return_note_is_shown_on_top_and_a_note_is_required(demo_client, login_as):
    plan = make_plan(submit=True)
    login_as(demo_client, "kades.palangan")
    response = demo_client.post(f"/rencana-kerja/{plan.id}/kembalikan", data={"note": "", "version": plan.version})
    assert response.status_code == 422 and "Tulis catatan" in _page(response)
    demo_client.post(f"/rencana-kerja/{plan.id}/kembalikan", data={"note": "Jadwal belum jelas", "version": plan.version})
    login_as(demo_client, "pokja.palangan")
    page = _page(demo_client.get(f"/rencana-kerja/{plan.id}"))
    assert page.index('id="return-note"') < page.index('id="kegiatan"')
    assert "Jadwal belum jelas" in page and "Dikembalikan oleh Marlinae" in page
    assert "Ajukan untuk disetujui" in page
    assert "Jadwal belum jelas" in _page(demo_client.get("/"))


def test_locked_plan_shows_no_edit_and_refuses_posts(demo_client, login_as):
    plan = make_plan(submit=True)
    login_as(demo_client, "pokja.palangan")
    page = _page(demo_client.get(f"/rencana-kerja/{plan.id}"))
    assert "Tambah kegiatan" not in page and "Ajukan untuk" not in page
    line = plan.lines[0]
    response = demo_client.post(f"/rencana-kerja/{plan.id}/kegiatan/{line.id}", data={
        "activity": "Diam-diam", "spm_field": "kesehatan", "location": "r:62.02.01.2003", "months": ["1"],
        "budget": "1", "funding_source": "apbdes", "version": str(plan.version)})
    assert response.status_code == 409 and "terkunci" in _page(response)
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).lines[0].activity == "Kegiatan 1"


def test_two_editors_of_one_draft_get_a_conflict_message(demo_app, login_as):
    plan = make_plan()
    first, second = demo_app.test_client(), demo_app.test_client()
    login_as(first, "pokja.palangan")
    login_as(second, "kades.palangan")
    line = plan.lines[0]
    form = {"spm_field": "kesehatan", "location": "r:62.02.01.2003", "months": ["1"], "budget": "1000",
            "funding_source": "apbdes", "version": str(plan.version)}
    assert first.post(f"/rencana-kerja/{plan.id}/kegiatan/{line.id}", data={**form, "activity": "Versi A"}).status_code == 302
    response = second.post(f"/rencana-kerja/{plan.id}/kegiatan/{line.id}", data={**form, "activity": "Versi B"})
    assert response.status_code == 409
    assert "baru saja diubah oleh orang lain" in _page(response)
    assert 'value="Versi B"' in _page(response)  # what was typed is kept
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).lines[0].activity == "Versi A"


def test_approver_queue_on_home_oldest_first_with_nav_badge(demo_client, login_as):
    first = make_plan(year=2026, submit=True)
    second = make_plan(year=2027, submit=True)
    login_as(demo_client, "kades.palangan")
    page = _page(demo_client.get("/"))
    assert "Rencana kerja menunggu Anda" in page
    assert page.index(first.title) < page.index(second.title)
    assert re.search(r"sejak \w+, \d{1,2} \w+ 20\d\d \d\d\.\d\d WIB", page)  # Kotim's zone
    assert re.search(r'Renja <span class="badge"[^>]*>2</span>', page)
    login_as(demo_client, "camat.kotabesi")
    assert "Rencana kerja menunggu Anda" not in _page(demo_client.get("/"))
    services.approve(actor("kades.palangan"), first, "", None)
    assert first.title in _page(demo_client.get("/"))


def test_revision_page_links_both_revisions(demo_client, login_as):
    plan = make_plan(submit=True)
    services.approve(actor("kades.palangan"), plan, "", None)
    services.approve(actor("camat.kotabesi"), plan, "", None)
    login_as(demo_client, "pokja.palangan")
    response = demo_client.post(f"/rencana-kerja/{plan.id}/revisi", data={})
    assert response.status_code == 302
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    page = _page(demo_client.get(f"/rencana-kerja/{new_id}"))
    assert "Revisi ke-2" in page and "Lihat revisi sebelumnya" in page and "Tambah kegiatan" in page
    old = _page(demo_client.get(f"/rencana-kerja/{plan.id}"))
    assert "revisi ke-2" in old and "Tambah kegiatan" not in old


def test_rollup_shows_every_desa_status_and_sums(demo_client, login_as):
    from webapp.workplans.demo import seed_workplans

    seed_workplans()
    login_as(demo_client, "pokjanal.kotabesi")
    page = _page(demo_client.get("/rencana-kerja/rekap?tahun=2026"))
    assert re.search(r'Palangan\s*<br><small class="muted">33\.500\.000</small>', page)
    assert "Menunggu Kepala Desa Palangan" in page
    assert "Disetujui, menunggu Camat Kota Besi" in page
    assert page.count("Belum ada") >= 9  # the other desa of Kota Besi
    assert "Dikembalikan" in page  # the kecamatan's own plan
    # approved: Hanjalipan 29.900.000; every plan: + Palangan 33.500.000 + the kecamatan's 28.800.000
    assert '<th>Jumlah</th><th class="num">29.900.000</th><th class="num">92.200.000</th>' in page
    login_as(demo_client, "bupati.kotim")
    page = _page(demo_client.get("/rencana-kerja/rekap?tahun=2025"))
    assert "Kota Besi</a>" in page and "Desa: Disetujui 1" in page
    login_as(demo_client, "camat.baamang")
    assert demo_client.get("/rencana-kerja/rekap?wilayah=62.02.01").status_code == 404
    login_as(demo_client, "pokja.palangan")
    assert demo_client.get("/rencana-kerja/rekap").status_code == 403


def test_a_double_tap_on_approve_is_told_the_plan_was_already_decided(demo_client, login_as):
    plan = make_plan(submit=True)
    seen = plan.version
    login_as(demo_client, "kades.palangan")
    assert demo_client.post(f"/rencana-kerja/{plan.id}/setujui", data={"version": seen}).status_code == 302
    again = demo_client.post(f"/rencana-kerja/{plan.id}/setujui", data={"version": seen}, follow_redirects=True)
    assert again.status_code == 200 and "Rencana kerja sudah disetujui." in _page(again)
    db.session.expire_all()
    plan = db.session.get(Plan, plan.id)
    assert plan.status == PlanStatus.APPROVED and len(plan.steps) == 2


def test_the_camat_sees_the_mengetahui_button_once_the_kades_approved(demo_client, login_as):
    plan = make_plan(submit=True)
    login_as(demo_client, "camat.kotabesi")
    assert "Mengetahui</button>" not in _page(demo_client.get(f"/rencana-kerja/{plan.id}"))
    services.approve(actor("kades.palangan"), plan, "", None)
    assert "Mengetahui</button>" in _page(demo_client.get(f"/rencana-kerja/{plan.id}"))
