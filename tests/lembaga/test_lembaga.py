"""The body itself: its SK (a PDF scan of at most 2 MB, masa bakti in order), its members, the kelembagaan
figures, and members chairing and taking notes of a meeting as printed in the minutes."""
import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.meetings.helpers import make_meeting
from webapp.extensions import db
from webapp.lembaga.demo import seed_lembaga
from webapp.lembaga.models import Body, Member
from webapp.mitra.demo import find

SK = {"sk_number": "141/09/DS-HJL/2026", "sk_on": "2026-01-05", "sk_signed_by": "Kepala Desa Hanjalipan",
      "term_start": "2026-01-05", "term_end": "2031-01-04"}


def _one_page_pdf() -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


PDF = _one_page_pdf()


def _post_sk(client, code, scan=None, **overrides):
    data = {**SK, **overrides}
    if scan is not None:
        data["scan"] = (io.BytesIO(scan), "sk.pdf")
    return client.post(f"/lembaga/{code}/sk", data=data, content_type="multipart/form-data")


def test_the_desa_body_records_its_sk_with_a_pdf_scan(demo_client, login_as):
    login_as(demo_client, "pokja.hanjalipan")
    assert _post_sk(demo_client, "62.02.01.2004", PDF).status_code == 302
    body = db.session.scalar(select(Body).where(Body.region_code == "62.02.01.2004"))
    assert body.sk_number == SK["sk_number"] and body.term_end == dt.date(2031, 1, 4)
    page = demo_client.get("/lembaga/62.02.01.2004").get_data(as_text=True)
    assert "Pokja Posyandu Desa Hanjalipan" in page and "141/09/DS-HJL/2026" in page and "4 Januari 2031" in page
    scan = demo_client.get("/lembaga/62.02.01.2004/sk.pdf")
    assert scan.data == PDF and scan.headers["Content-Disposition"] == 'attachment; filename="sk-62.02.01.2004.pdf"'


@pytest.mark.parametrize("scan, overrides, message", [
    (b"GIF89a not a pdf", {}, "Berkas SK harus PDF."),
    (b"%PDF-1.4\n<html><script>alert(1)</script></html>", {}, "Berkas SK bukan PDF yang dapat dibuka."),
    (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", {}, "Berkas SK bukan PDF yang dapat dibuka."),
    (PDF + b"0" * (2 * 1024 * 1024), {}, "Berkas SK maksimal 2 MB."),
    (None, {"term_end": "2025-01-01"}, "Akhir masa bakti tidak boleh sebelum awalnya."),
    (None, {"sk_number": ""}, "Nomor SK wajib diisi."),
])
def test_bad_sk_input_is_refused_next_to_its_field_and_nothing_saved(demo_client, login_as, scan, overrides, message):
    login_as(demo_client, "pokja.hanjalipan")
    response = _post_sk(demo_client, "62.02.01.2004", scan, **overrides)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Body.id))) == 0


def test_only_the_body_itself_records_its_sk(demo_client, login_as):
    for who, status in (("kades.palangan", 404), ("camat.kotabesi", 403), ("camat.baamang", 404),
                        ("kader.hanjalipan", 404)):
        login_as(demo_client, who)
        assert _post_sk(demo_client, "62.02.01.2004", PDF).status_code == status, who
    assert db.session.scalar(select(func.count(Body.id))) == 0


def test_members_with_unsur_from_the_mitra_and_refusals(demo_client, login_as):
    login_as(demo_client, "camat.kotabesi")
    data = {"name": "Bdn. Lestari", "jabatan": "koordinator", "bidang": "kesehatan",
            "mitra_id": str(find("62.02", "PKM Kota Besi").id), "unsur_text": "", "sex": "P", "phone": "",
            "nip": "19900202 201503 2 001", "user_id": ""}
    assert demo_client.post("/lembaga/62.02.01/anggota/baru", data=data).status_code == 302
    foreign = demo_client.post("/lembaga/62.02.01/anggota/baru", data={**data, "mitra_id": str(find("53.03", "Dinkes").id)})
    assert foreign.status_code == 422 and "Unsur harus mitra kabupaten ini" in foreign.get_data(as_text=True)
    no_sex = demo_client.post("/lembaga/62.02.01/anggota/baru", data={**data, "sex": ""})
    assert no_sex.status_code == 422 and "Pilih L atau P." in no_sex.get_data(as_text=True)
    members = db.session.scalars(select(Member)).all()
    assert [(m.name, m.jabatan_label, m.unsur) for m in members] == [
        ("Bdn. Lestari", "Koordinator Bidang Kesehatan", "PKM Kota Besi")]


def test_kelembagaan_figures_count_valid_sk_per_tier_and_members_per_unsur(demo_client, login_as):
    seed_lembaga()
    db.session.commit()
    login_as(demo_client, "pokjanal.kotim")
    page = demo_client.get("/lembaga").get_data(as_text=True)
    assert "<td>Kecamatan</td><td class=\"num\">17</td><td class=\"num\">1</td><td class=\"num\">1</td>" in page
    assert "<td>Desa/kelurahan</td><td class=\"num\">17</td><td class=\"num\">1</td><td class=\"num\">1</td>" in page
    assert "Desa/kelurahan yang punya Pokja/TP Posyandu: <strong>5,9 %</strong>" in page
    assert "PKM Kota Besi 2" in page and "DPMD 2" in page
    login_as(demo_client, "pokjanal.ttu")
    page = demo_client.get("/lembaga").get_data(as_text=True)
    assert "<td>Desa/kelurahan</td><td class=\"num\">9</td><td class=\"num\">1</td><td class=\"num\">0</td>" in page


def test_member_chair_and_note_taker_are_printed_in_the_minutes_with_nip_only_when_given(demo_client, login_as):
    seed_lembaga()
    meeting = make_meeting()
    members = {m.name: m for m in db.session.scalars(select(Member))}
    meeting.chair_member_id = members["Ny. Rahmawati Yani"].id      # Ketua TP PKK kecamatan: no NIP
    meeting.notulis_member_id = members["Sri Wahyuni"].id           # ASN with an account: its NIP, held once
    db.session.commit()
    login_as(demo_client, "camat.kotabesi")
    response = demo_client.get(f"/rapat/{meeting.id}/notulen.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Ny. Rahmawati Yani, Ketua, TP PKK Kecamatan" in text and "Sri Wahyuni, Sekretaris" in text
    assert "NIP. 19840517 200902 2 008" in text  # the account's NIP, as on every other document
    assert "19860404" not in text  # the second NIP the member row used to carry is gone
    assert "NIP. 19760309 199903 1 005" in text  # the camat signs a.n. the ketua, as himself
    assert text.count("NIP.") == 2


def test_the_add_member_form_is_refused_on_get_as_on_post_to_whoever_may_not_save_it(demo_client, login_as):
    """The kabupaten admin manages only the kabupaten body: a kecamatan body's form is refused before it shows."""
    login_as(demo_client, "admin.kotim")
    assert demo_client.get("/lembaga/62.02.01/anggota/baru").status_code == 403
    assert demo_client.post("/lembaga/62.02.01/anggota/baru", data={"name": "X"}).status_code == 403
    assert "Nama" in demo_client.get("/lembaga/62.02/anggota/baru").get_data(as_text=True)
    login_as(demo_client, "camat.baamang")
    assert demo_client.get("/lembaga/62.02.01/anggota/baru").status_code == 404
    login_as(demo_client, "camat.kotabesi")
    assert demo_client.get("/lembaga/62.02.01/anggota/baru").status_code == 200


def test_an_absurd_account_or_unsur_id_is_refused_at_its_field_not_a_500(demo_client, login_as):
    """A posted id past what a database id can be is unknown like any other (SQLite cannot even bind it)."""
    login_as(demo_client, "camat.kotabesi")
    for field, message in (("user_id", "harus akun di wilayah lembaga ini"), ("mitra_id", "Unsur harus mitra kabupaten")):
        answer = demo_client.post("/lembaga/62.02.01/anggota/baru", data={
            "name": "Uji", "jabatan": "anggota", "sex": "P", field: "9" * 25})
        assert answer.status_code == 422 and message in answer.get_data(as_text=True), field
