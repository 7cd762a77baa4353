"""WhatsApp share links for reports: the "Belum lapor" page per tier (one message per Posyandu or region,
with a deep link and no phone number) and the return note shared with the kader."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.reports.helpers import PALANGAN, actor, fill, last_month, month_text, new_id, palangan_posyandu
from webapp.clock import month_key
from webapp.reports import services


def _messages(page: str) -> list[str]:
    links = re.findall(r'href="(https://wa\.me/[^"]*)"', page)
    texts = []
    for link in links:
        parsed = urlparse(link.replace("&amp;", "&"))
        assert parsed.path == "/" and set(parse_qs(parsed.query)) == {"text"}  # no number in the address
        texts.append(parse_qs(parsed.query)["text"][0])
    assert not any(re.search(r"\b(08|628)\d{7,}", t) for t in texts)
    return texts


def test_a_desa_reminds_each_posyandu_that_has_not_reported(demo_app, demo_client, login_as):
    from tests.evidence.helpers import posyandu_of

    kader, posyandu = actor("kader.palangan"), palangan_posyandu()
    year, month = last_month()
    fill(kader, posyandu, year, month)
    services.submit(kader, posyandu, year, month, new_id(), confirmed=True)
    login_as(demo_client, "pokja.palangan")
    page = demo_client.get(f"/laporan/belum-lapor/{PALANGAN}?bulan={month_text()}").get_data(as_text=True)
    texts = _messages(page)
    others = [p for p in posyandu_of(PALANGAN) if p.id != posyandu.id]
    assert len(texts) == len(others) and others
    assert all(posyandu.name not in t for t in texts)
    assert others[0].name in texts[0] and f"/laporan/posyandu/{others[0].id}/{month_key(year, month)}" in texts[0]
    assert texts[0].startswith("Pengingat Pokja Posyandu: laporan bulanan")


def test_a_kecamatan_reminds_each_desa_with_a_deep_link_one_tier_down(demo_app, demo_client, login_as):
    login_as(demo_client, "pokjanal.kotabesi")
    page = demo_client.get(f"/laporan/belum-lapor/62.02.01?bulan={month_text()}").get_data(as_text=True)
    texts = _messages(page)
    assert len(texts) == 11  # no report at all yet: every desa of Kota Besi
    palangan = next(t for t in texts if "laporan Posyandu di Palangan untuk" in t)
    assert f"/laporan/belum-lapor/{PALANGAN}?bulan={month_text()}" in palangan


@pytest.mark.parametrize("username, status", [("camat.baamang", 404), ("kader.palangan", 404), ("pokjanal.ttu", 404)])
def test_others_are_refused(demo_client, login_as, username, status):
    login_as(demo_client, username)
    assert demo_client.get("/laporan/belum-lapor/62.02.01").status_code == status


def test_a_bad_month_is_not_found(demo_client, login_as):
    login_as(demo_client, "pokjanal.kotabesi")
    assert demo_client.get("/laporan/belum-lapor/62.02.01?bulan=2026-13").status_code == 404


def test_the_return_note_can_be_shared_with_the_kader(demo_app, demo_client, login_as):
    kader, posyandu = actor("kader.palangan"), palangan_posyandu()
    year, month = last_month()
    report = fill(kader, posyandu, year, month)
    services.submit(kader, posyandu, year, month, new_id(), confirmed=True)
    services.return_report(actor("pokja.palangan"), report, "D tidak cocok dengan buku register.")
    login_as(demo_client, "pokja.palangan")
    page = demo_client.get(f"/laporan/posyandu/{posyandu.id}/{month_text()}").get_data(as_text=True)
    [text] = _messages(page)
    assert "dikembalikan untuk diperbaiki. Catatan: D tidak cocok dengan buku register." in text
    assert f"/laporan/posyandu/{posyandu.id}/{month_text()}" in text
    login_as(demo_client, "kader.palangan")  # the kader reads the note in the app itself
    assert not _messages(demo_client.get(f"/laporan/posyandu/{posyandu.id}/{month_text()}").get_data(as_text=True))
