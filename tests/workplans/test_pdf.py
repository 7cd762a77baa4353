"""The printed plan, read back: letterhead, lines by SPM field with totals, three signature blocks, DRAF mark."""
import io

from pypdf import PdfReader

from tests.workplans.helpers import actor, line_data, make_plan
from webapp.extensions import db
from webapp.regions.models import KabupatenSetting
from webapp.workplans import services


def _pdf_text(client, plan_id: int) -> tuple[str, PdfReader]:
    response = client.get(f"/rencana-kerja/{plan_id}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "private, no-store"
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), reader  # table cells wrap: compare on single spaces


def test_approved_plan_prints_lines_totals_and_signatures(demo_client, login_as):
    plan = make_plan(lines=0)
    who = actor("pokja.palangan")
    services.save_line(who, plan, None, line_data(plan.region_code, activity="Kelas ibu balita", spm_field="pendidikan",
                                                  budget=2_400_000, funding_source="add"), None)
    services.save_line(who, plan, None, line_data(plan.region_code, activity="PMT lokal", budget=12_500_000), None)
    services.save_line(who, plan, None, line_data(plan.region_code, activity="Timbang", budget=3_600_000), None)
    services.submit(who, plan, None)
    services.approve(actor("kades.palangan"), plan, "", None)
    services.approve(actor("camat.kotabesi"), plan, "", None)
    login_as(demo_client, "pokjanal.kotabesi")
    text, reader = _pdf_text(demo_client, plan.id)
    assert "PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR" in text
    for expected in ("Kelas ibu balita", "PMT lokal", "Timbang", "Bidang Pendidikan", "Bidang Kesehatan",
                     "Rp 2.400.000", "Rp 16.100.000", "Rp 18.500.000", "Dana Desa", "ADD",
                     "Disusun oleh,", "Disetujui,", "Mengetahui,", "Siti Aminah", "Marlinae", "Ahmad Yani, S.Sos",
                     "Kepala Desa Palangan", "Camat Kota Besi"):
        assert expected in text, expected
    assert "DRAF" not in text
    assert "Tanggal " in text and any(month in text for month in ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                                                                   "Agustus", "September", "Oktober", "November", "Desember"))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (330, 215)  # Kotim's F4, turned sideways


def test_unapproved_plan_prints_draft_mark_on_a4_when_set(demo_client, login_as):
    setting = db.session.get(KabupatenSetting, "62.02")
    setting.paper_size = "A4"
    db.session.commit()
    plan = make_plan(submit=True)
    login_as(demo_client, "kades.palangan")
    text, reader = _pdf_text(demo_client, plan.id)
    assert "DRAF" in text and "Kegiatan 1" in text
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 297  # A4, sideways


def test_a_desa_plan_carries_the_desa_kop_the_desa_body_and_no_nip_for_the_kepala_desa(demo_client, login_as):
    from webapp.documents import queries as documents

    plan = make_plan(submit=True)
    kades = actor("kades.palangan")
    kades.user.nip = "19700101 199001 1 001"  # typed in by mistake: not ASN, so never printed
    services.approve(kades, plan, "", None)
    login_as(demo_client, "pokja.palangan")
    text, _ = _pdf_text(demo_client, plan.id)
    assert "PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR KECAMATAN KOTA BESI DESA PALANGAN" in text
    assert "RENCANA KERJA POKJA POSYANDU DESA PALANGAN" in text.upper() and "POKJANAL POSYANDU KABUPATEN" not in text
    assert "KEC." not in text and "Palangan, " in text  # titles in full; the desa is the place of signing
    assert "NIP." not in text  # the drafter is a volunteer, the kepala desa elected
    assert "/verifikasi/" in text and "(versi 1)" in text
    first = documents.latest("rencana_kerja", plan.id)
    services.approve(actor("camat.kotabesi"), plan, "", None)  # the endorsement signs a second version
    text, _ = _pdf_text(demo_client, plan.id)
    assert "(versi 2)" in text and "NIP. 19760309 199903 1 005" in text
    page = demo_client.get(f"/verifikasi/{first.code}").get_data(as_text=True)
    assert "Versi lebih baru ada" in page and "penanda tangan" in page


def test_an_asn_drafter_prints_with_her_nip_as_on_minutes(demo_client, login_as, demo_user):
    drafter = demo_user("pokja.palangan")
    drafter.is_asn, drafter.nip = True, "198001012005012001"
    db.session.commit()
    plan = make_plan(submit=True)
    login_as(demo_client, "kades.palangan")
    text, _ = _pdf_text(demo_client, plan.id)
    assert "NIP. 198001012005012001" in text or "NIP 198001012005012001" in text
    drafter.is_asn = False
    db.session.commit()
    text, _ = _pdf_text(demo_client, plan.id)
    assert "198001012005012001" not in text  # the NIP is printed for an ASN only
