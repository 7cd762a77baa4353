"""The kabupaten admin's /pengaturan and the approver titles that follow the region."""
import io
import struct
import zlib

import pytest

from webapp.extensions import db
from webapp.regions.letterhead import kop_for
from webapp.regions.models import KabupatenSetting, Region

GOOD = {"body_name": "Tim Pembina Posyandu", "paper_size": "A4", "letterhead": "PEMERINTAH KABUPATEN\nBARIS DUA",
        "report_due_day": "10", "place_of_signing": " Sampit "}


def png_bytes(extra: int = 0) -> bytes:
    """A real 1×1 PNG, padded with a text chunk to reach the wanted size."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    body = chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
    pad = chunk(b"tEXt", b"c\x00" + b"x" * extra) if extra else b""
    return b"\x89PNG\r\n\x1a\n" + header + pad + body + chunk(b"IEND", b"")


def _post(client, logo: bytes | None = None, filename="logo.png", **fields):
    data = {**GOOD, **fields}
    if logo is not None:
        data["logo"] = (io.BytesIO(logo), filename)
    return client.post("/pengaturan/62.02", data=data, content_type="multipart/form-data")


def _setting() -> KabupatenSetting:
    db.session.expire_all()
    return db.session.get(KabupatenSetting, "62.02")


def test_admin_saves_name_paper_letterhead_due_day_and_logo(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    response = _post(demo_client, png_bytes())
    assert response.status_code == 302
    setting = _setting()
    assert setting.body_name == "Tim Pembina Posyandu"
    assert setting.page_size_css == "210mm 297mm"
    assert setting.letterhead_lines == ["PEMERINTAH KABUPATEN", "BARIS DUA"]
    assert setting.report_due_day == 10
    assert setting.place_of_signing == "Sampit"
    assert setting.logo_mime == "image/png"
    logo = demo_client.get("/pengaturan/62.02/logo")
    assert logo.status_code == 200 and logo.mimetype == "image/png" and logo.data == setting.logo
    _post(demo_client, paper_size="F4", remove_logo="y")
    assert _setting().page_size_css == "215mm 330mm" and _setting().logo is None


def image_bytes(size: tuple[int, int], kind: str = "PNG") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, kind)
    return out.getvalue()


def bomb_png(side: int = 4000) -> bytes:
    """A few KB that decode to side × side pixels: a valid header over a highly compressed body."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
    rows = zlib.compressobj(9)
    body = b"".join(rows.compress(b"\x00" * (side + 1)) for _ in range(side)) + rows.flush()
    return b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def test_jpeg_logo_is_accepted_and_stored_small(demo_client, login_as):
    from PIL import Image

    login_as(demo_client, "admin.kotim")
    assert _post(demo_client, image_bytes((1800, 1200), "JPEG"), "logo.jpg").status_code == 302
    setting = _setting()
    assert setting.logo_mime == "image/jpeg"
    assert Image.open(io.BytesIO(setting.logo)).size == (600, 400)  # re-encoded, proportions kept


def test_a_logo_bomb_is_refused_before_it_is_decoded(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    bomb = bomb_png()
    assert len(bomb) < 500 * 1024
    response = _post(demo_client, bomb, "logo.png")
    assert response.status_code == 422
    assert "Logo maksimal 2000 × 2000 piksel (gambar ini 4000 × 4000)" in response.get_data(as_text=True)
    assert _setting().logo is None
    assert _post(demo_client, image_bytes((2000, 50)), "logo.png").status_code == 302  # the limit itself is fine


@pytest.mark.parametrize("logo, message", [
    (png_bytes(500 * 1024), "Logo maksimal 500 KB."),
    (b"GIF89a" + b"\x00" * 100, "Logo harus berupa gambar PNG atau JPEG."),
    (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "Logo harus berupa gambar PNG atau JPEG."),
    (b"%PDF-1.7 bukan gambar", "Logo harus berupa gambar PNG atau JPEG."),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "Logo harus berupa gambar PNG atau JPEG."),  # a PNG signature, no image
    (b"\xff\xd8\xff\xe0" + b"\x00" * 200, "Logo harus berupa gambar PNG atau JPEG."),
])
def test_bad_logo_is_refused_clearly_and_nothing_is_saved(demo_client, login_as, logo, message):
    login_as(demo_client, "admin.kotim")
    before = _setting().body_name
    response = _post(demo_client, logo, "logo.png")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    setting = _setting()
    assert setting.logo is None and setting.body_name == before


@pytest.mark.parametrize("field, value, message", [
    ("body_name", "", "Wajib diisi."),
    ("body_name", "x" * 121, "Maksimal 120 karakter."),
    ("paper_size", "Letter", "Pilihan tidak tersedia."),
    ("report_due_day", "31", "Isi tanggal 1–28."),
    ("report_due_day", "lima", "Isi dengan angka bulat."),
    ("letterhead", "x" * 601, "Maksimal 600 karakter."),
])
def test_bad_settings_are_refused_with_a_message(demo_client, login_as, field, value, message):
    login_as(demo_client, "admin.kotim")
    before = (_setting().body_name, _setting().paper_size, _setting().report_due_day)
    response = _post(demo_client, **{field: value})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    setting = _setting()
    assert (setting.body_name, setting.paper_size, setting.report_due_day) == before


def test_settings_belong_to_the_kabupaten_admin_only(demo_client, login_as):
    login_as(demo_client, "admin.ttu")
    assert demo_client.get("/pengaturan/62.02").status_code == 404
    assert _post(demo_client).status_code == 404
    page = demo_client.get("/pengaturan").get_data(as_text=True)
    assert "Timor Tengah Utara" in page and "WITA" in page
    for user in ("pokjanal.kotim", "bupati.kotim", "camat.kotabesi", "kader.palangan"):
        login_as(demo_client, user)
        assert demo_client.get("/pengaturan").status_code == 403
        assert _post(demo_client).status_code == 404  # a kabupaten's settings do not exist for them
    assert _setting().body_name == "Pokjanal Posyandu"


@pytest.mark.parametrize("code, title", [
    ("62.02.01.1009", "Lurah"),        # kelurahan Kota Besi Hulu
    ("53.03.05.1005", "Lurah"),        # kelurahan Benpasi
    ("62.02.01.2003", "Kepala Desa"),  # desa Palangan
    ("62.02.01", "Camat"),
    ("62.02", "Bupati"),
])
def test_approver_title_follows_the_region(demo_app, code, title):
    assert db.session.get(Region, code).approver_title == title


def test_home_shows_the_approver_title_and_full_region(demo_client, login_as):
    login_as(demo_client, "lurah.benpasi")
    page = demo_client.get("/").get_data(as_text=True)
    assert "Lurah" in page and "Kelurahan Benpasi, Kec. Kota Kefamenanu, Kab. Timor Tengah Utara" in page
    login_as(demo_client, "camat.kotabesi")
    page = demo_client.get("/").get_data(as_text=True)
    assert "Camat" in page and "Kec. Kota Besi, Kab. Kotawaringin Timur" in page


def test_the_admin_keeps_a_kecamatan_kop_that_its_documents_then_print(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    assert "Kop surat dan tempat penandatanganan" in demo_client.get("/wilayah/62.02.01").get_data(as_text=True)
    page = demo_client.get("/wilayah/62.02.01/kop").get_data(as_text=True)
    assert "PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR" in page and "KECAMATAN KOTA BESI" in page and "KEC." not in page
    response = demo_client.post("/wilayah/62.02.01/kop", data={
        "body_name": "Tim Pembina Posyandu Kecamatan Kota Besi", "place_of_signing": "Kota Besi",
        "letterhead": "PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR\nKECAMATAN KOTA BESI\nJalan Tjilik Riwut Km 60"})
    assert response.status_code == 302
    kop = kop_for(db.session.get(Region, "62.02.01"))
    assert kop.lines[-1] == "Jalan Tjilik Riwut Km 60" and kop.body == "Tim Pembina Posyandu Kecamatan Kota Besi"
    too_long = demo_client.post("/wilayah/62.02.01/kop", data={"letterhead": "x" * 601})
    assert too_long.status_code == 422 and "Jalan Tjilik Riwut Km 60" in kop_for(db.session.get(Region, "62.02.01")).lines
    assert demo_client.get("/wilayah/62.02/kop").status_code == 404  # the kabupaten kop lives in its settings


def test_a_desa_kop_defaults_to_every_tier_in_full_and_the_kabupaten_to_its_town(demo_app):
    desa = kop_for(db.session.get(Region, "53.03.05.1005"))
    assert desa.lines[:3] == ["PEMERINTAH KABUPATEN TIMOR TENGAH UTARA", "KECAMATAN KOTA KEFAMENANU", "KELURAHAN BENPASI"]
    assert desa.place == "Benpasi" and desa.body == "Pokja Posyandu Kelurahan Benpasi"
    assert kop_for(db.session.get(Region, "53.03")).place == "Kefamenanu"
    assert kop_for(db.session.get(Region, "62.02")).place == "Sampit"


def test_other_admins_and_members_cannot_keep_the_kop(demo_client, login_as):
    login_as(demo_client, "admin.ttu")
    assert demo_client.post("/wilayah/62.02.01/kop", data={"place_of_signing": "X"}).status_code == 404
    login_as(demo_client, "pokjanal.kotabesi")
    assert demo_client.post("/wilayah/62.02.01/kop", data={"place_of_signing": "X"}).status_code == 404  # issue 14: a named object does not exist for a role that cannot see its kind


def test_settings_changes_are_audited_with_old_and_new_values(demo_client, login_as):
    import json

    from sqlalchemy import select

    from webapp.audit import AuditEvent

    login_as(demo_client, "admin.kotim")
    before = _setting()
    old_name, old_paper = before.body_name, before.paper_size
    assert _post(demo_client, png_bytes(), body_name="Tim Pembina Posyandu Baru").status_code == 302
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "settings.updated")
                              .order_by(AuditEvent.id.desc()))
    detail = json.loads(event.detail)
    assert detail["body_name"] == [old_name, "Tim Pembina Posyandu Baru"]
    assert detail["logo"][0] is None and detail["logo"][1].endswith(" B")
    assert ("paper_size" in detail) is (old_paper != "A4") and event.subject == "settings 62.02"


@pytest.mark.parametrize("stored, expected", [
    (bomb_png(), None),  # past 2,000 px: removed, the admin uploads it again
    (b"GIF89a" + b"\x00" * 100, None),  # not a PNG or JPEG: removed
    (image_bytes((1800, 1200), "JPEG"), (600, 400)),  # larger than an upload is stored today: re-encoded
    (image_bytes((300, 200)), (300, 200)),  # already small: the very same bytes
])
def test_logos_stored_before_uploads_were_checked_are_stored_as_an_upload_is_today(tmp_path, stored, expected):
    import sqlalchemy as sa
    from flask_migrate import upgrade
    from PIL import Image

    from tests.conftest import database_at

    with database_at(tmp_path / "logo.sqlite3", "1305_stunting_survey"):
        with db.engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO region (code, name, level, parent_code) VALUES "
                                 "('62', 'Kalteng', 'provinsi', NULL), ('62.02', 'Kotim', 'kabupaten', '62')"))
            conn.execute(sa.text("INSERT INTO kabupaten_setting (region_code, timezone, body_name, paper_size, "
                                 "letterhead, logo, logo_mime, report_due_day, place_of_signing, "
                                 "stunting_survey_source) VALUES ('62.02', 'Asia/Pontianak', 'P', 'A4', '', :logo, "
                                 "'image/png', 5, '', '')"), {"logo": stored})
        upgrade(revision="head")
        with db.engine.connect() as conn:
            logo, mime = conn.execute(sa.text("SELECT logo, logo_mime FROM kabupaten_setting")).one()
        if expected is None:
            assert logo is None and mime is None
        else:
            assert Image.open(io.BytesIO(logo)).size == expected
            assert (logo == stored) == (expected == (300, 200))
