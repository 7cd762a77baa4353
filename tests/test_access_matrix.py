"""Role × tier matrix over the main list pages: each demo account sees its own subtree, in
full, and nothing sideways or up."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from webapp.auth.models import Role
from webapp.demo import ACCOUNTS
from webapp.extensions import db
from webapp.regions.models import Level, Posyandu, Region, is_within

HOME = {a[0]: a[5] for a in ACCOUNTS if a[4] != Role.MITRA}  # partner staff see no region pages (tests/mitra)


def _desa() -> list[Region]:
    return list(db.session.scalars(select(Region).where(Region.level == Level.DESA).order_by(Region.code)))


def _label(region: Region) -> str:
    return f"{region.label}, "  # as in "Desa Palangan, Kec. Kota Besi, …"


@pytest.mark.parametrize("username", sorted(HOME))
def test_posyandu_registry_shows_the_whole_subtree_and_nothing_else(demo_client, login_as, username):
    login_as(demo_client, username)
    page = demo_client.get("/posyandu").get_data(as_text=True)
    root = HOME[username]
    for desa in _desa():
        if is_within(desa.code, root):
            assert _label(desa) in page, (username, desa.code)
        else:
            assert _label(desa) not in page, (username, desa.code)


@pytest.mark.parametrize("username", sorted(HOME))
def test_region_pages_open_inside_and_404_outside(demo_client, login_as, username):
    login_as(demo_client, username)
    root = HOME[username]
    for region in db.session.scalars(select(Region).where(Region.level != Level.PROVINSI)):
        status = demo_client.get(f"/wilayah/{region.code}").status_code
        assert status == (200 if is_within(region.code, root) else 404), (username, region.code)


def test_camat_kota_besi_sees_every_desa_of_kota_besi_and_nothing_of_baamang(demo_client, login_as):
    login_as(demo_client, "camat.kotabesi")
    page = demo_client.get("/wilayah/62.02.01").get_data(as_text=True)
    for name in ("Kota Besi Hulu", "Kota Besi Hilir", "Palangan", "Hanjalipan", "Simpur", "Pamalian", "Camba",
                 "Kandan", "Bajarum", "Rasau Tumbuh", "Soren"):
        assert name in page
    assert "Wilayah di bawahnya (11)" in page
    registry = demo_client.get("/posyandu").get_data(as_text=True)
    for name in ("Baamang", "Tanah Mas", "Tinduk", "Benpasi"):
        assert name not in page and name not in registry
    assert demo_client.get("/wilayah/62.02.05").status_code == 404
    assert demo_client.get("/wilayah/62.02").status_code == 404  # never up


def test_kader_palangan_sees_palangan_and_its_posyandu_but_not_hanjalipan(demo_client, login_as, demo_user):
    kader = login_as(demo_client, "kader.palangan")
    own = kader.roles[0].posyandu
    home = demo_client.get("/").get_data(as_text=True)
    assert "Desa Palangan, Kec. Kota Besi, Kab. Kotawaringin Timur" in home and own.name in home
    registry = demo_client.get("/posyandu").get_data(as_text=True)
    assert own.name in registry and "Palangan" in registry
    others = db.session.scalars(select(Posyandu).where(Posyandu.id != own.id)).all()
    for posyandu in others:
        assert f"/posyandu/{posyandu.id}\"" not in registry
    assert "Hanjalipan" not in registry
    browse = demo_client.get("/wilayah/62.02.01.2003").get_data(as_text=True)
    assert own.name in browse and "Hanjalipan" not in browse
    assert demo_client.get("/wilayah/62.02.01.2004").status_code == 404


def test_wilayah_root_lists_only_the_tops_of_ones_subtree(demo_client, login_as):
    expectations = {
        "pokjanal.kotim": ("Kab. Kotawaringin Timur", ["Timor Tengah Utara"]),
        "admin.ttu": ("Kab. Timor Tengah Utara", ["Kotawaringin"]),
        "lurah.benpasi": ("Kelurahan Benpasi", ["Bansone", "Kotawaringin"]),
        "kades.hanjalipan": ("Desa Hanjalipan", ["Palangan"]),
    }
    for username, (shown, hidden) in expectations.items():
        login_as(demo_client, username)
        page = demo_client.get("/wilayah").get_data(as_text=True)
        assert shown in page, username
        for name in hidden:
            assert name not in page, (username, name)


def test_accounts_page_lists_only_the_tier_below(demo_client, login_as):
    login_as(demo_client, "camat.baamang")
    page = demo_client.get("/pengguna").get_data(as_text=True)
    assert "Belum ada akun." in page  # no demo account lives in Baamang's desa
    for name in ("Marlinae", "Nurhayati", "Ahmad Yani", "Rina Hartati"):
        assert name not in page
    login_as(demo_client, "admin.ttu")
    page = demo_client.get("/pengguna").get_data(as_text=True)
    for name in ("Yohanes Sanak", "Agustinus Kefi", "Theresia Abi"):
        assert name in page
    for name in ("Nurhayati", "Ahmad Yani", "Rina Hartati"):
        assert name not in page
