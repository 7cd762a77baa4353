"""Who may download the DHIS2 files: kecamatan and kabupaten members and approvers for their own area; another
region, a desa, a kader, the register's admin and a partner's staff are refused (404: the file does not exist
for them), and the recap and dashboard offer the links only where they work."""
from __future__ import annotations

import pytest

from tests.reports.helpers import month_text

KOTABESI, KOTIM = "62.02.01", "62.02"


def _paths(code: str) -> list[str]:
    month = month_text()
    return [f"/pertukaran/{code}/{month}/adx.xml", f"/pertukaran/{code}/{month}/datavalueset.json",
            f"/pertukaran/{code}/metadata.json"]


@pytest.mark.parametrize("username, code", [("camat.kotabesi", KOTABESI), ("pokjanal.kotabesi", KOTABESI),
                                            ("bupati.kotim", KOTIM), ("pokjanal.kotim", KOTIM),
                                            ("pokjanal.kotim", KOTABESI)])
def test_kecamatan_and_kabupaten_members_download_their_area(demo_app, demo_client, login_as, username, code):
    login_as(demo_client, username)
    for path in _paths(code):
        response = demo_client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response.headers["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("username, code", [
    ("bupati.ttu", KOTIM),                 # another kabupaten
    ("camat.baamang", KOTABESI),           # another kecamatan
    ("camat.kotabesi", KOTIM),             # the kabupaten above one's own kecamatan
    ("pokja.palangan", KOTABESI),          # a desa member asking for its kecamatan
    ("pokja.palangan", "62.02.01.2003"),   # ... or its own desa: not a tier that sends to DHIS2
    ("kades.palangan", "62.02.01.2003"),
    ("camat.kotabesi", "62.02.01.2003"),   # a desa below one's own kecamatan: the file is per kecamatan/kabupaten
    ("kader.palangan", "62.02.01.2003"),   # a kader
    ("kader.palangan", KOTABESI),
    ("admin.kotim", KOTIM),                # the register's admin keeps accounts, not data
    ("dinkes.kotim", KOTIM),               # a partner's staff
])
def test_everyone_else_is_refused_with_404(demo_app, demo_client, login_as, username, code):
    login_as(demo_client, username)
    for path in _paths(code):
        assert demo_client.get(path).status_code == 404, (username, path)


def test_a_month_that_is_not_a_month_or_still_to_come_is_404(demo_app, demo_client, login_as):
    login_as(demo_client, "camat.kotabesi")
    assert demo_client.get(f"/pertukaran/{KOTABESI}/2025-13/adx.xml").status_code == 404
    assert demo_client.get(f"/pertukaran/{KOTABESI}/2099-01/datavalueset.json").status_code == 404


def test_recap_and_dashboard_offer_the_files_where_they_work(demo_app, demo_client, login_as):
    month = month_text()
    login_as(demo_client, "camat.kotabesi")
    for page in (f"/laporan/rekap/{KOTABESI}?bulan={month}", f"/pemantauan/{KOTABESI}?bulan={month}"):
        html = demo_client.get(page).get_data(as_text=True)
        assert "Unduh untuk DHIS2" in html, page
        assert all(path in html for path in _paths(KOTABESI)), page
    login_as(demo_client, "pokja.palangan")
    for page in (f"/laporan/rekap/62.02.01.2003?bulan={month}", f"/pemantauan/62.02.01.2003?bulan={month}"):
        html = demo_client.get(page).get_data(as_text=True)
        assert "Unduh untuk DHIS2" not in html and "/pertukaran/" not in html, page
    login_as(demo_client, "admin.kotim")
    assert "/pertukaran/" not in demo_client.get(f"/laporan/rekap/{KOTIM}?bulan={month}").get_data(as_text=True)
