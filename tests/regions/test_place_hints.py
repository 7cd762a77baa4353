"""Form hints name places of the user's own kabupaten: a TTU user never sees Kotim examples."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.regions.models import Posyandu

KOTIM_NAMES = ("Kota Besi", "Sampit", "Kotawaringin")


@pytest.fixture
def demo(full_demo):
    """The whole demo, copied from the session's seeded database."""
    return full_demo


def _pages(client, login_as, admin: str, member: str, kabupaten: str, kecamatan: str) -> str:
    """The admin's forms, and the visit form of a kabupaten member (the team that records visits)."""
    posyandu = db.session.scalars(select(Posyandu).where(Posyandu.region_code.startswith(kecamatan + "."))
                                  .order_by(Posyandu.id)).first()
    login_as(client, admin)
    urls = ["/mitra/baru", f"/pengaturan/{kabupaten}", f"/wilayah/{kecamatan}/kop", f"/lembaga/{kabupaten}"]
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(response.get_data(as_text=True))
    login_as(client, member)
    pages.append(client.get(f"/posyandu/{posyandu.id}/kunjungan").get_data(as_text=True))
    assert "Tim (mis. Puskesmas" in pages[-1]
    return "\n".join(pages)


def test_a_ttu_admin_sees_ttu_places_in_the_hints(demo, demo_client, login_as):
    text = _pages(demo_client, login_as, "admin.ttu", "pokjanal.ttu", "53.03", "53.03.05")
    for name in KOTIM_NAMES:
        assert name not in text, name
    assert 'placeholder="mis. Bupati Timor Tengah Utara"' in text
    assert 'placeholder="mis. Kefamenanu"' in text
    assert "PKM Kota Kefamenanu" in text or "PKM Miomaffo" in text


def test_a_kotim_admin_still_sees_kotim_places(demo, demo_client, login_as):
    text = _pages(demo_client, login_as, "admin.kotim", "pokjanal.kotim", "62.02", "62.02.01")
    assert 'placeholder="mis. Bupati Kotawaringin Timur"' in text and 'placeholder="mis. Sampit"' in text
    assert "Puskesmas Kota Besi" in text and "Pokjanal Posyandu Kecamatan Kota Besi" in text


def test_the_new_account_hint_names_a_desa_of_the_admins_own_kabupaten(demo_client, login_as):
    login_as(demo_client, "admin.ttu")
    text = demo_client.get("/pengguna").get_data(as_text=True)
    assert "kader.palangan2" not in text and "mis. kader." in text
    login_as(demo_client, "admin.kotim")
    assert "mis. kader." in demo_client.get("/pengguna").get_data(as_text=True)
