"""Share links to a meeting's PDFs: made by those who run it, opened by anyone with the token (signed in or a
guest without an account) for 7 days; expired, revoked, altered, foreign or unknown tokens all answer the same 404."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.evidence.helpers import LATEST, fill_area, june_meeting, kota_besi_notulis
from tests.meetings.helpers import actor
from webapp.clock import utcnow
from webapp.evidence import sharing
from webapp.evidence.models import ShareLink
from webapp.extensions import db
from webapp.refusal import Refused


@pytest.fixture
def meeting(demo_app):
    fill_area(range(LATEST - 6, LATEST + 1))
    return june_meeting()


def _url(meeting, token: str, kind: str = "bahan") -> str:
    return f"/rapat/{meeting.id}/berbagi/{kind}/{token}"


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.data)).pages)


def _final(meeting):
    """The meeting's minutes circulated and signed by the chair (the camat)."""
    from webapp.meetings import services

    services.advance(actor("pokjanal.kotabesi"), meeting, "circulate")
    services.advance(actor("camat.kotabesi"), meeting, "finalize")
    return meeting


# What each kind of link prints, read back from its PDF.
PRINTS = {"bahan": ("BAHAN RAPAT", "Rakor Juni"), "notulen": ("Rakor Juni", "NIP. 19760309 199903 1 005")}


def test_every_kind_of_link_opens_for_a_holder_and_for_a_guest_without_an_account(demo_app, login_as, meeting):
    """Final minutes answered 500 for every holder; a guest without an account was sent to sign in."""
    _final(meeting)
    assert set(PRINTS) == set(sharing.KINDS)  # every kind there is
    tokens = {kind: sharing.create(kota_besi_notulis(), meeting, kind)[1] for kind in sharing.KINDS}
    assert db.session.scalar(select(ShareLink.token_hash).limit(1)) not in tokens.values()  # only hashes are kept
    holder, guest = demo_app.test_client(), demo_app.test_client()
    login_as(holder, "pokjanal.ttu")  # another kabupaten, holding the link
    for client in (holder, guest):
        for kind, token in tokens.items():
            response = client.get(_url(meeting, token, kind))
            assert response.headers["X-Robots-Tag"] == "noindex"
            text = _pdf_text(response)
            assert all(words in text for words in PRINTS[kind]), (kind, text[:300])
            assert "DRAF" not in text
    assert guest.get(_url(meeting, "x" * 32, "notulen")).status_code == 404  # a guest guessing gets nothing


def test_expired_revoked_altered_foreign_and_unknown_tokens_answer_alike(demo_client, login_as, meeting):
    other = june_meeting(day=dt.date(2026, 6, 27), title="Rakor lain")
    _, live = sharing.create(kota_besi_notulis(), meeting, "bahan")
    old_link, old = sharing.create(kota_besi_notulis(), meeting, "bahan", now=utcnow() - dt.timedelta(days=7, minutes=1))
    gone_link, gone = sharing.create(kota_besi_notulis(), meeting, "bahan")
    assert sharing.revoke(kota_besi_notulis(), meeting, gone_link.id).changed
    assert not sharing.revoke(kota_besi_notulis(), meeting, gone_link.id).changed  # a second tap: a no-op
    login_as(demo_client, "pokjanal.kotabesi")
    never = demo_client.get(_url(meeting, "x" * 32))
    assert never.status_code == 404
    for url in (_url(meeting, old), _url(meeting, gone), _url(meeting, live[:-1] + ("A" if live[-1] != "A" else "B")),
                _url(other, live), _url(meeting, live, "notulen")):
        answer = demo_client.get(url)
        assert (answer.status_code, answer.data) == (404, never.data), url
    assert demo_client.get(_url(meeting, live)).status_code == 200


def test_only_who_runs_the_meeting_makes_or_revokes_links(demo_client, login_as, meeting):
    from tests.meetings.helpers import actor as who
    from webapp.meetings import services

    services.invite(who("pokjanal.kotabesi"), meeting, ["62.02.01.2003"], [])
    login_as(demo_client, "kades.palangan")  # invited: reads the pack, shares nothing
    assert demo_client.post(f"/rapat/{meeting.id}/bagikan", data={"kind": "bahan"}).status_code == 403
    link, _ = sharing.create(kota_besi_notulis(), meeting, "bahan")
    assert demo_client.post(f"/rapat/{meeting.id}/bagikan/{link.id}/cabut").status_code == 403
    db.session.expire_all()
    assert link.status == "aktif" and db.session.scalar(select(func.count()).select_from(ShareLink)) == 1


def test_draft_minutes_are_not_shared_and_bad_kinds_are_refused(meeting):
    for kind, message in (("notulen", "setelah final"), ("lain", "Pilih dokumen")):
        with pytest.raises(Refused, match=message):
            sharing.create(kota_besi_notulis(), meeting, kind)
    assert db.session.scalar(select(func.count()).select_from(ShareLink)) == 0
    meeting.status = "final"
    db.session.commit()
    _, token = sharing.create(actor("pokjanal.kotabesi"), meeting, "notulen")
    assert sharing.resolve(meeting.id, "notulen", token).meeting_id == meeting.id


def test_the_pack_page_makes_a_link_and_shows_it_once(demo_client, login_as, meeting):
    login_as(demo_client, "pokjanal.kotabesi")
    page = demo_client.post(f"/rapat/{meeting.id}/bagikan", data={"kind": "bahan"}).get_data(as_text=True)
    assert "hanya ditampilkan sekali" in page and f"/rapat/{meeting.id}/berbagi/bahan/" in page
    again = demo_client.get(f"/rapat/{meeting.id}/bahan").get_data(as_text=True)
    assert f"/rapat/{meeting.id}/berbagi/bahan/" not in again and "Cabut" in again
    bad = demo_client.post(f"/rapat/{meeting.id}/bagikan", data={"kind": "notulen"})
    assert bad.status_code == 422 and "setelah final" in bad.get_data(as_text=True)
