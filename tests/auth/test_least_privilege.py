"""Least privilege for accounts: every pair of demo accounts, for reset codes and disabling, and the
roles each manager may grant; a reset is announced on the owner's next sign-in."""
import re

import pytest
from sqlalchemy import select

from tests.auth.helpers import sign_in
from webapp.access import Actor
from webapp.auth.models import User
from webapp.demo import ACCOUNTS
from webapp.extensions import db

# manager → the demo accounts it may reset and disable (everything else: refused, nothing changed)
MANAGES = {
    "admin.kotim": {"bupati.kotim", "pokjanal.kotim", "camat.kotabesi", "pokjanal.kotabesi", "camat.baamang",
                    "kades.palangan", "pokja.palangan", "kades.hanjalipan", "pokja.hanjalipan",
                    "dinkes.kotim", "puskesmas.kotabesi"},  # only the account office links accounts to a mitra
    "bupati.kotim": {"camat.kotabesi", "pokjanal.kotabesi", "camat.baamang", "pokja.palangan", "pokja.hanjalipan",
                     "puskesmas.kotabesi"},
    "pokjanal.kotim": {"pokjanal.kotabesi", "pokja.palangan", "pokja.hanjalipan", "puskesmas.kotabesi"},
    "camat.kotabesi": {"kades.palangan", "pokja.palangan", "kades.hanjalipan", "pokja.hanjalipan"},
    "pokjanal.kotabesi": {"pokja.palangan", "pokja.hanjalipan"},
    "puskesmas.kotabesi": {"pokja.palangan", "pokja.hanjalipan"},  # an anggota of Kota Besi, like pokjanal.kotabesi
    "kades.palangan": {"kader.palangan"},
    "pokja.palangan": {"kader.palangan"},
    "pokja.hanjalipan": {"kader.hanjalipan"},
    "kades.hanjalipan": {"kader.hanjalipan"},
    "admin.ttu": {"bupati.ttu", "pokjanal.ttu", "camat.kefamenanu", "lurah.benpasi"},
    "camat.kefamenanu": {"lurah.benpasi"},
    "lurah.benpasi": {"kader.benpasi"},
    "bupati.ttu": {"camat.kefamenanu"},
}
USERNAMES = sorted(a[0] for a in ACCOUNTS)


def _user(username: str) -> User:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.username == username))


def _refusal(manager: User, target: User) -> int:
    """The product's rule (webapp/access.py): without account rights, 404 for a role that cannot even see
    accounts, else 403; an account outside the manager's subtree does not exist (404); one inside it that the
    manager may not touch is refused (403)."""
    actor = Actor(manager)
    if not actor.has("user.manage"):
        return 403 if actor.has("user.view") else 404
    return 403 if any(actor.covers("user.manage", r.region_code) for r in target.roles) else 404


@pytest.mark.parametrize("manager", USERNAMES)
def test_every_pair_reset_and_disable_only_where_no_right_is_gained(demo_client, login_as, manager):
    login_as(demo_client, manager)
    allowed = MANAGES.get(manager, set())
    for target in USERNAMES:
        user = _user(target)
        reset = demo_client.post(f"/pengguna/{user.id}/kode-reset")
        disable = demo_client.post(f"/pengguna/{user.id}/status", data={"enabled": "0"})
        after = _user(target)
        if target in allowed:
            assert reset.status_code == 200 and re.search(r'<p class="code"[^>]*>[A-Z0-9]{8}</p>',
                                                          reset.get_data(as_text=True)), (manager, target)
            assert disable.status_code == 302 and not after.is_enabled, (manager, target)
            assert demo_client.post(f"/pengguna/{user.id}/status", data={"enabled": "1"}).status_code == 302
        else:
            expected = _refusal(_user(manager), after)
            assert (reset.status_code, disable.status_code) == (expected, expected), (manager, target)
            assert after.reset_code_hash is None and after.is_enabled, (manager, target)


def _create(client, role, region):
    return client.post("/pengguna", data={
        "full_name": "Akun Uji", "username": "akun.uji", "phone": "", "jabatan": "", "nip": "",
        "role": role, "region_code": region, "posyandu_id": "", "password": "Sandi-awal-kuat-1"})


@pytest.mark.parametrize("manager, role, region, allowed", [
    ("pokjanal.kotabesi", "approver", "62.02.01.2003", False),  # the audit's escalation: anggota → kepala desa
    ("pokjanal.kotabesi", "anggota", "62.02.01.2003", True),
    ("pokjanal.kotim", "approver", "62.02.01", False),
    ("pokjanal.kotim", "approver", "62.02.01.2005", False),
    ("pokjanal.kotim", "admin", "62.02", False),
    ("bupati.kotim", "approver", "62.02.05", True),             # the bupati makes a camat
    ("bupati.kotim", "approver", "62.02.01.2005", False),       # but not a kepala desa: two tiers down
    ("camat.kotabesi", "approver", "62.02.01.2005", True),      # the camat makes a kepala desa
    ("camat.kotabesi", "admin", "62.02.01", False),
    ("kades.palangan", "approver", "62.02.01.2003", False),     # never one's own tier
    ("kades.palangan", "anggota", "62.02.01.2003", False),
    ("admin.kotim", "admin", "62.02", True),                    # the account office of its kabupaten
    ("admin.kotim", "approver", "62.02", True),
    ("admin.kotim", "admin", "62.02.01", False),
    ("admin.kotim", "approver", "53.03.05", False),
])
def test_roles_are_granted_only_when_they_give_nothing_the_manager_lacks(demo_client, login_as, manager, role,
                                                                          region, allowed):
    login_as(demo_client, manager)
    response = _create(demo_client, role, region)
    assert (_user("akun.uji") is not None) is allowed, response.get_data(as_text=True)[:300]
    if not allowed:
        assert response.status_code == 422


def test_the_kecamatan_anggota_cannot_take_over_the_kepala_desa(demo_app, demo_client, login_as):
    """The audit's path: reset code for the kades, set his password, sign in as him, approve."""
    login_as(demo_client, "pokjanal.kotabesi")
    kades = _user("kades.palangan")
    assert demo_client.post(f"/pengguna/{kades.id}/kode-reset").status_code == 403
    assert _user("kades.palangan").reset_code_hash is None
    page = demo_client.get("/pengguna").get_data(as_text=True)
    assert f"/pengguna/{kades.id}/kode-reset" not in page  # no button either


def test_a_reset_is_announced_once_on_the_owners_next_sign_in(demo_app, demo_client, login_as):
    login_as(demo_client, "pokja.palangan")
    kader = _user("kader.palangan")
    page = demo_client.post(f"/pengguna/{kader.id}/kode-reset").get_data(as_text=True)
    code = re.search(r'<p class="code"[^>]*>([A-Z0-9]{8})</p>', page).group(1)
    owner = demo_app.test_client()
    assert owner.post("/reset", data={"login": "kader.palangan", "code": code,
                                      "new_password": "Sandi-dari-kode-1"}).status_code == 302
    assert sign_in(owner, "kader.palangan", "Sandi-dari-kode-1").status_code == 302
    home = owner.get("/").get_data(as_text=True)
    assert re.search(r"Kata sandi Anda diatur ulang oleh Siti Aminah pada \w+, \d+ \w+ 20\d\d \d\d\.\d\d WIB", home)
    owner.post("/keluar")
    sign_in(owner, "kader.palangan", "Sandi-dari-kode-1")
    assert "diatur ulang" not in owner.get("/").get_data(as_text=True)
