"""Laporan pelaksanaan kegiatan of a bimtek, advokasi or sosialisasi: dasar and tujuan, narasumber, photos
re-encoded on the server (≤ 200 KB, EXIF gone), nothing changes once final; the PDF reads back its parts."""
from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.meetings.helpers import actor, make_meeting
from webapp.extensions import db
from webapp.meetings import activity, services
from webapp.meetings.photos import MAX_BYTES, MAX_UPLOAD
from webapp.refusal import Refused


def _camera_jpeg(width: int = 4000, height: int = 3000) -> bytes:
    """A phone-sized photo with EXIF: GPS position and a camera serial, rotated by the Orientation tag."""
    image = Image.effect_noise((width, height), 80).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° to show upright
    exif[0xA431] = "SERIAL-123456"  # BodySerialNumber
    exif[0x8825] = {1: "S", 2: (9.0, 27.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


def _bimtek():
    meeting = make_meeting(title="Bimtek Kader Posyandu ILP Kecamatan Kota Besi")
    meeting.kind = "bimtek"
    db.session.commit()
    return meeting


def test_a_phone_photo_becomes_a_small_upright_jpeg_without_exif(demo_app):
    meeting = _bimtek()
    raw = _camera_jpeg(1200, 900)
    assert 1_000_000 < len(raw) <= MAX_UPLOAD
    photo = activity.add_photo(actor("pokjanal.kotabesi"), meeting, raw, "Praktik penimbangan")
    assert len(photo.data) <= MAX_BYTES
    image = Image.open(io.BytesIO(photo.data))
    assert image.format == "JPEG" and image.height > image.width  # turned upright from the EXIF orientation
    assert not image.getexif() and b"SERIAL-123456" not in photo.data


@pytest.mark.parametrize("data", [b"GIF89a....", b"\x89PNG\r\n\x1a\nrusak", b""])
def test_what_is_not_a_jpeg_or_png_photo_is_refused(demo_app, data):
    with pytest.raises(Refused) as refused:
        activity.add_photo(actor("pokjanal.kotabesi"), _bimtek(), data, "")
    assert refused.value.field == "photo"


def _png_header(width: int, height: int) -> bytes:
    """A few hundred bytes whose header claims `width` × `height` pixels: decoded, gigabytes."""
    image = Image.new("L", (1, 1))
    out = io.BytesIO()
    image.save(out, "PNG")
    data = out.getvalue()
    ihdr = struct.pack(">II", width, height) + data[24:29]
    return data[:16] + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)) + data[33:]


@pytest.mark.parametrize("data, message", [
    (lambda: _png_header(8000, 6000), "Foto terlalu besar (lebih dari 40 megapiksel)."),
    (lambda: _png_header(20_000, 20_000), "Foto terlalu besar (lebih dari 40 megapiksel)."),  # past Pillow's limit
    (lambda: _png_header(40_000, 10), "Foto terlalu besar (lebih dari 40 megapiksel)."),
    (lambda: b"\xff\xd8\xff" + b"0" * MAX_UPLOAD, "Foto maksimal 2 MB."),
])
def test_a_photo_too_large_is_refused_before_it_is_decoded(demo_app, monkeypatch, data, message):
    from PIL import ImageFile

    def never(*args):
        raise AssertionError("decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", never)
    with pytest.raises(Refused, match=message.replace("(", r"\(").replace(")", r"\)")) as refused:
        activity.add_photo(actor("pokjanal.kotabesi"), _bimtek(), data(), "")
    assert refused.value.field == "photo"


def test_six_photos_at_most_and_nothing_changes_once_final(demo_app):
    meeting = _bimtek()
    who = actor("pokjanal.kotabesi")
    small = _camera_jpeg(64, 48)
    for n in range(activity.MAX_PHOTOS):
        activity.add_photo(who, meeting, small, f"Foto {n + 1}")
    with pytest.raises(Refused, match="Paling banyak 6 foto"):
        activity.add_photo(who, meeting, small, "Foto 7")
    activity.add_speaker(who, meeting, {"name": "dr. Narasumber", "jabatan": "Dinas Kesehatan", "topic": "ILP"})
    services.advance(who, meeting, "circulate")
    services.advance(actor("camat.kotabesi"), meeting, "finalize")
    from werkzeug.exceptions import Forbidden
    with pytest.raises(Forbidden):
        activity.add_speaker(who, meeting, {"name": "Terlambat", "topic": "X"})


def test_a_koordinasi_has_no_activity_report(demo_client, login_as):
    meeting = make_meeting()
    with pytest.raises(Refused, match="hanya untuk bimtek"):
        activity.save_intro(actor("pokjanal.kotabesi"), meeting, {"basis": "x"})
    login_as(demo_client, "pokjanal.kotabesi")
    assert demo_client.get(f"/rapat/{meeting.id}/laporan-kegiatan").status_code == 404


def test_the_report_page_saves_speakers_and_photos_and_prints_them(demo_client, login_as):
    meeting = _bimtek()
    login_as(demo_client, "pokjanal.kotabesi")
    assert demo_client.post(f"/rapat/{meeting.id}/laporan-kegiatan", data={
        "basis": "SK Camat Kota Besi tentang Pokjanal Posyandu Kecamatan", "purpose": "Kader mampu mencatat ILP"}
    ).status_code == 302
    empty = demo_client.post(f"/rapat/{meeting.id}/narasumber", data={"name": "", "topic": "Materi"})
    assert empty.status_code == 422 and "Pilih anggota lembaga atau tulis nama narasumber." in empty.get_data(as_text=True)
    assert demo_client.post(f"/rapat/{meeting.id}/narasumber", data={
        "name": "Bidan Koordinator Rina", "jabatan": "Puskesmas Kota Besi", "topic": "Buku KIA dan KMS"}).status_code == 302
    upload = demo_client.post(f"/rapat/{meeting.id}/foto", data={
        "photo": (io.BytesIO(_camera_jpeg(800, 600)), "foto.jpg"), "caption": "Kader menimbang balita"},
        content_type="multipart/form-data")
    assert upload.status_code == 302
    page = demo_client.get(f"/rapat/{meeting.id}/laporan-kegiatan").get_data(as_text=True)
    assert "Bidan Koordinator Rina" in page and "Kader menimbang balita" in page
    db.session.refresh(meeting)
    photo = demo_client.get(f"/rapat/{meeting.id}/foto/{meeting.photos[0].id}.jpg")
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
    pdf = demo_client.get(f"/rapat/{meeting.id}/notulen.pdf")
    reader = PdfReader(io.BytesIO(pdf.data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in ("LAPORAN PELAKSANAAN KEGIATAN", "SK Camat Kota Besi", "Kader mampu mencatat ILP",
                     "Bidan Koordinator Rina", "Buku KIA dan KMS", "DOKUMENTASI KEGIATAN", "Kader menimbang balita",
                     "DAFTAR HADIR", "DRAF"):
        assert expected in text, expected
    assert any("/XObject" in str(page["/Resources"]) for page in reader.pages)  # the photo is on a page


def test_a_desa_kader_cannot_change_the_report(demo_client, login_as):
    meeting = _bimtek()
    login_as(demo_client, "kader.palangan")
    assert demo_client.post(f"/rapat/{meeting.id}/narasumber", data={"name": "X", "topic": "Y"}).status_code == 403
    login_as(demo_client, "kades.palangan")  # invited: reads the circulated report, changes nothing
    assert demo_client.post(f"/rapat/{meeting.id}/narasumber", data={"name": "X", "topic": "Y"}).status_code == 404
