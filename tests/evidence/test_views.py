"""The agenda pack over HTTP: what the note-taker sees and picks, who is refused (sibling 404, lower role
403), a bad signal id (422, nothing saved), the share link, and the Bahan Rapat PDF read back."""
from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlparse

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.evidence.helpers import LATEST, SIMPUR, fill_area, june_meeting, posyandu_of, put_report
from webapp.evidence.models import AgendaSignal
from webapp.extensions import db
from webapp.meetings.models import AgendaItem

DS_ID = f"ds:{SIMPUR}:2026-05"
DS_TITLE = "Desa Simpur: D/S turun ke 40,0 % dari rata-rata 80,0 %"


@pytest.fixture
def meeting(demo_app):
    fill_area(range(LATEST - 6, LATEST + 1))
    for posyandu in posyandu_of(SIMPUR):
        put_report(posyandu, LATEST, balita_d=20, balita_n=20)
    db.session.commit()
    return june_meeting()


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_note_taker_sees_signals_with_charts_and_picks_one(demo_client, login_as, meeting):
    login_as(demo_client, "pokjanal.kotabesi")
    page = demo_client.get(f"/rapat/{meeting.id}/bahan").get_data(as_text=True)
    assert DS_TITLE in page and "Data laporan Maret 2026 – Mei 2026" in page
    assert f'data-signal="{DS_ID}"' in page and "<polyline" in page and "Masukkan ke agenda" in page
    assert "/pemantauan/62.02.01.2005?bulan=2026-05" in page  # the drill-down
    assert "Posyandu belum aktif atau belum ILP" in page  # named as not available yet
    response = demo_client.post(f"/rapat/{meeting.id}/bahan/pilih", data={"signal_id": DS_ID})
    picked = db.session.scalar(select(AgendaSignal))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#agenda-{picked.agenda_item_id}")
    page = demo_client.get(f"/rapat/{meeting.id}/bahan").get_data(as_text=True)
    agenda = page.split('id="agenda-data"')[1].split("</section>")[0]
    assert DS_TITLE in agenda and "angka dibekukan" in agenda
    assert f'value="{DS_ID}"' not in page  # no second button for it
    minutes = demo_client.get(f"/rapat/{meeting.id}/notulen").get_data(as_text=True)
    assert DS_TITLE in minutes


def test_a_bad_signal_id_is_explained_and_nothing_saved(demo_client, login_as, meeting):
    login_as(demo_client, "pokjanal.kotabesi")
    before = _count(AgendaItem)
    response = demo_client.post(f"/rapat/{meeting.id}/bahan/pilih", data={"signal_id": "ds:62.02.05.1001:2026-05"})
    assert response.status_code == 422
    assert "Sinyal itu tidak ada di bahan rapat ini" in response.get_data(as_text=True)
    assert _count(AgendaItem) == before and _count(AgendaSignal) == 0


@pytest.mark.parametrize("username, page_status, pick_status", [
    ("camat.baamang", 404, 404),       # a sibling kecamatan never learns the meeting exists
    ("kades.palangan", 404, 404),      # a desa below, not invited
    ("kader.palangan", 404, 403),      # a kader has no meeting.manage at all
    ("pokjanal.ttu", 404, 404),        # another kabupaten
])
def test_others_are_refused(demo_client, login_as, meeting, username, page_status, pick_status):
    login_as(demo_client, username)
    assert demo_client.get(f"/rapat/{meeting.id}/bahan").status_code == page_status
    assert demo_client.get(f"/rapat/{meeting.id}/bahan.pdf").status_code == page_status
    assert demo_client.post(f"/rapat/{meeting.id}/bahan/pilih", data={"signal_id": DS_ID}).status_code == pick_status
    assert _count(AgendaSignal) == 0


def test_an_invited_desa_reads_the_pack_but_cannot_pick(demo_client, login_as, meeting):
    from tests.meetings.helpers import actor
    from webapp.meetings import services

    services.invite(actor("pokjanal.kotabesi"), meeting, ["62.02.01.2003"], [])
    login_as(demo_client, "kades.palangan")
    assert DS_TITLE in demo_client.get(f"/rapat/{meeting.id}/bahan").get_data(as_text=True)
    assert demo_client.post(f"/rapat/{meeting.id}/bahan/pilih", data={"signal_id": DS_ID}).status_code == 403
    assert _count(AgendaSignal) == 0


def _whatsapp_text(page: str) -> str:
    link = re.search(r'href="(https://wa\.me/[^"]*)"', page)[1].replace("&amp;", "&")
    parsed = urlparse(link)
    assert parsed.path == "/" and set(parse_qs(parsed.query)) == {"text"}
    return parse_qs(parsed.query)["text"][0]


def test_the_whatsapp_message_carries_a_link_a_guest_without_an_account_opens(demo_app, demo_client, login_as,
                                                                               meeting):
    """It said "perlu masuk akun" with the pack page's address, which most guests cannot open."""
    login_as(demo_client, "pokjanal.kotabesi")
    page = demo_client.get(f"/rapat/{meeting.id}/bahan").get_data(as_text=True)
    form = re.search(r'<form method="post" action="(/rapat/\d+/bagikan)#tautan"[^>]*>(.*?)</form>', page, re.S)
    assert form and 'value="bahan"' in form[2] and "Bagikan ke tamu lewat WhatsApp" in form[2]
    shared = demo_client.post(form[1], data={"kind": "bahan"}).get_data(as_text=True)
    text = _whatsapp_text(shared)
    assert text.startswith('Bahan rapat (PDF) "Rakor Juni"') and "tanpa akun" in text and "masuk akun" not in text
    assert not re.search(r"08\d{8,}|\+62", text)
    guest_url = re.search(r"https?://\S+", text)[0]
    assert f"/rapat/{meeting.id}/berbagi/bahan/" in guest_url
    guest = demo_app.test_client()  # no account
    opened = guest.get(urlparse(guest_url).path)
    assert opened.mimetype == "application/pdf" and "BAHAN RAPAT" in PdfReader(io.BytesIO(opened.data)).pages[0].extract_text()


def test_an_invited_reader_shares_the_pack_page_with_members_without_claiming_guests_need_an_account(
        demo_client, login_as, meeting):
    from tests.meetings.helpers import actor
    from webapp.meetings import services

    services.invite(actor("pokjanal.kotabesi"), meeting, ["62.02.01.2003"], [])
    login_as(demo_client, "kades.palangan")  # reads the pack, makes no links
    text = _whatsapp_text(demo_client.get(f"/rapat/{meeting.id}/bahan").get_data(as_text=True))
    assert text.startswith('Bahan rapat "Rakor Juni"') and f"/rapat/{meeting.id}/bahan" in text
    assert "perlu masuk akun" not in text and "(anggota)" in text


def test_the_bahan_rapat_pdf_has_the_figures_on_the_kabupatens_paper(demo_client, login_as, meeting):
    login_as(demo_client, "pokjanal.kotabesi")
    demo_client.post(f"/rapat/{meeting.id}/bahan/pilih", data={"signal_id": DS_ID})
    response = demo_client.get(f"/rapat/{meeting.id}/bahan.pdf")
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "BAHAN RAPAT" in text and "Rakor Juni" in text and "Agenda 1." in text
    assert "D/S bulan ini: 40,0 %" in text and "Data laporan Maret 2026 – Mei 2026" in text
    assert len(reader.pages) <= 2
    box = reader.pages[0].mediabox  # Kotim prints on F4: 215 × 330 mm
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (215, 330)


def test_open_follow_ups_can_be_shared_with_their_progress_page(demo_client, login_as, meeting):
    import datetime as dt

    from webapp.meetings.models import ActionItem

    earlier = june_meeting(day=dt.date(2026, 5, 10), title="Rakor Mei")
    earlier.action_items.append(ActionItem(what="Kalibrasi dacin Posyandu Simpur", responsible_agency="Puskesmas",
                                           due_on=dt.date(2026, 6, 1)))
    db.session.commit()
    item = earlier.action_items[0]
    login_as(demo_client, "pokjanal.kotabesi")
    page = demo_client.get(f"/rapat/{meeting.id}/bahan").get_data(as_text=True)
    section = page.split('id="tindak-lanjut"')[1].split("</section>")[0]
    link = re.search(r'href="(https://wa\.me/[^"]*)"', section)[1].replace("&amp;", "&")
    text = parse_qs(urlparse(link).query)["text"][0]
    assert text.startswith('Tindak lanjut rapat "Rakor Mei": Kalibrasi dacin Posyandu Simpur. Penanggung jawab: '
                           "Puskesmas; batas 1 Juni 2026.")
    assert text.endswith(f"/rapat/tindak-lanjut/{item.id}")

