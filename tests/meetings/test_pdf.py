"""The minutes PDF read back as text: letterhead, title, header block in Indonesian with the zone,
body, action table, earlier items followed up, signatures, the attendance list across pages, paper size."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.meetings.helpers import actor, make_meeting
from webapp.extensions import db
from webapp.meetings import services
from webapp.meetings.demo import seed_meetings
from webapp.meetings.models import Meeting

MM = 72 / 25.4


def _pdf(client, meeting_id: int) -> PdfReader:
    response = client.get(f"/rapat/{meeting_id}/notulen.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return PdfReader(io.BytesIO(response.data))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def demo_meetings(demo_app):
    seed_meetings()
    db.session.commit()
    return {m.title.split()[0] + m.region_code: m for m in db.session.scalars(select(Meeting).order_by(Meeting.id))}


def _by_title(part: str, region_prefix: str = "") -> Meeting:
    """The one demo meeting whose title holds `part` (within a region, where two kabupaten hold one)."""
    return db.session.scalars(select(Meeting).where(
        Meeting.title.contains(part), Meeting.region_code.startswith(region_prefix))).one()


def test_ttu_bimtek_is_a_laporan_pelaksanaan_kegiatan_with_every_part(demo_meetings, demo_client, login_as):
    meeting = _by_title("Bimbingan Teknis", "53.03")
    login_as(demo_client, "pokjanal.ttu")
    reader = _pdf(demo_client, meeting.id)
    text = _flat(_text(reader))
    for expected in (
        "PEMERINTAH KABUPATEN TIMOR TENGAH UTARA", "LAPORAN PELAKSANAAN KEGIATAN", "Bimbingan Teknis",
        "Jumat, 5 Desember 2025", "09.35 WITA s.d. selesai", "Aula Hotel Ariesta Kefamenanu",
        "I. Pendahuluan", "A. Dasar", "Permendagri Nomor 13 Tahun 2024", "B. Maksud dan Tujuan", "II. Pelaksanaan",
        "B. Peserta", "Unsur", "Dinas Kesehatan", "C. Narasumber dan Materi", "drg. Maria Ernestina Seran, M.Kes",
        "Dinas Kesehatan Provinsi NTT", "Penguatan Posyandu ILP", "III. Hasil", "A. Pokok Bahasan", "B. Rekomendasi",
        "C. Rencana Tindak Lanjut", "IV. Penutup", "Mengetahui,", "Pelapor,",
        "Yosef Kolo, S.H.", "Fransiska Tefa, S.KM", "NIP. 19850312 201001 2 007", "Kefamenanu, 8 Desember 2025",
        "8 orang hadir dari 9 undangan", "Pencatatan dan pelaporan Posyandu ILP",
        "Tindak lanjut", "Penanggung jawab", "Batas waktu", "Status",
        "Mendampingi kader Kelurahan Benpasi", "Pokja/Pokjanal Kelurahan Benpasi", "10 Januari 2026", "Terbuka",
        "DAFTAR HADIR", "Jabatan/Instansi", "L/P", "Keterangan", "Tanda Tangan",
    ):
        assert expected in text, expected
    for participant in meeting.participants:
        assert participant.name in text, participant.name
    assert "DRAF" not in text  # final minutes carry no draft mark
    assert "NOTULEN RAPAT" not in text
    assert "Selesai" not in text  # done in January: after the signing, so not in the signed minutes
    assert text.count("NIP.") == 1  # the wakil bupati is elected: no NIP line under his name
    assert "/verifikasi/" in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (210, 297)


def test_kotim_follow_up_minutes_list_earlier_items_on_f4_with_the_draft_mark(demo_meetings, demo_client, login_as):
    meeting = _by_title("Triwulan IV")
    login_as(demo_client, "pokjanal.kotim")
    reader = _pdf(demo_client, meeting.id)
    text = _flat(_text(reader))
    assert "IV. Tindak Lanjut Rapat Sebelumnya" in text
    assert "Mengirim rekap Posyandu aktif Kecamatan Kota Besi" in text and "Selesai" in text
    assert "Menyelenggarakan pelatihan kader ILP angkatan II" in text and "Terlambat" in text
    assert "Rekap dikirim 14 Oktober 2026" in text
    assert "Selasa, 10 November 2026" in text and "09.00 WIB s.d. selesai" in text
    assert "DRAF" in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (215, 330)


def test_sixty_attendees_span_pages_with_the_header_row_repeated(demo_client, login_as):
    meeting = make_meeting(end=dt.time(12, 0))
    who = actor("pokjanal.kotabesi")
    for n in range(60 - len(meeting.participants)):
        services.add_guest(who, meeting, {"guest_name": f"Peserta Tamu {n + 1:02d}", "jabatan": "Kader",
                                          "instansi": f"Posyandu Uji {n % 7}", "sex": "LP"[n % 2]}, walk_in=True)
    assert len(meeting.participants) == 60
    login_as(demo_client, "pokjanal.kotabesi")
    reader = _pdf(demo_client, meeting.id)
    pages = [_flat(page.extract_text()) for page in reader.pages]
    list_pages = [p for p in pages if "Peserta Tamu" in p]
    assert len(reader.pages) >= 3 and len(list_pages) >= 2
    assert all("Jabatan/Instansi" in p and "Tanda Tangan" in p for p in list_pages)
    text = " ".join(pages)
    assert all(f"Peserta Tamu {n:02d}" in text for n in range(1, 60 - 8))
    assert "09.35 s.d. 12.00 WIB" in text


def test_sibling_kecamatan_and_uninvited_desa_never_see_the_minutes(demo_client, login_as):
    meeting = make_meeting(invite_desa=False)
    login_as(demo_client, "camat.baamang")
    for path in ("", "/notulen", "/notulen.pdf", "/peserta", "/qr"):
        assert demo_client.get(f"/rapat/{meeting.id}{path}").status_code == 404, path
    login_as(demo_client, "kades.palangan")  # below Kota Besi but not invited
    assert demo_client.get(f"/rapat/{meeting.id}").status_code == 404
