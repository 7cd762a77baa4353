"""Passwords, accounts made one tier down only, and one-time reset codes."""
import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from tests.auth.helpers import audit_actions, sign_in
from webapp.auth.models import User
from webapp.auth.passwords import password_problem
from webapp.clock import utcnow
from webapp.extensions import db


@pytest.mark.parametrize("password, message", [
    ("pendek7", "Kata sandi minimal 8 karakter."),
    ("x" * 65, "Kata sandi maksimal 64 karakter."),
    ("password123", "terlalu umum"),
    ("12345678", "terlalu umum"),
    ("notredame", "terlalu umum"),  # near the 10,000th of the list
    ("Posyandu-Melati-1", "terlalu umum"),  # built on the app's own words
    ("pokja.palangan-99", "terlalu umum"),  # holds the username
])
def test_weak_new_passwords_are_refused_and_nothing_changes(demo_client, login_as, demo_user, password, message):
    login_as(demo_client, "pokja.palangan")
    old_hash = demo_user("pokja.palangan").password_hash
    response = demo_client.post("/akun", data={"current_password": "pokjanal-demo", "new_password": password})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert demo_user("pokja.palangan").password_hash == old_hash


def test_the_list_is_the_maintained_top_10000():
    from webapp.auth.passwords import common_passwords

    assert 9000 <= len(common_passwords()) <= 10000  # 10,000 ranked entries, some equal once lower-cased
    assert password_problem("bluenote") is None  # ranked just past 10,000: allowed


def test_long_passphrases_up_to_64_are_fine():
    assert password_problem("kuda-makan-rumput-di-tepi-sungai-mentaya-pada-pagi-hari-12345678") is None
    assert password_problem("a" * 7 + "b") is None


def test_wrong_current_password_is_refused(demo_client, login_as):
    login_as(demo_client, "pokja.palangan")
    response = demo_client.post("/akun", data={"current_password": "bukan-ini-123", "new_password": "Sandi-baru-kuat"})
    assert response.status_code == 422
    assert "Kata sandi sekarang salah." in response.get_data(as_text=True)


def test_passwords_are_hashed_with_argon2id_at_owasp_cost(app):
    from webapp.auth.passwords import hash_password, needs_rehash, verify_password
    from webapp.config import from_environment

    assert from_environment()["PASSWORD_HASH_METHOD"] == "argon2id"
    app.config["PASSWORD_HASH_METHOD"] = "argon2id"
    stored = hash_password("Sandi-kuat-2026")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert verify_password(stored, "Sandi-kuat-2026") and not verify_password(stored, "Sandi-kuat-2027")
    assert not verify_password("$argon2id$rusak", "Sandi-kuat-2026")
    assert not needs_rehash(stored) and needs_rehash("scrypt:16384:8:1$abc$def")


def test_an_older_hash_is_replaced_at_the_next_sign_in_and_still_works(app, client):
    """Accounts made under scrypt keep signing in; their hash becomes Argon2id on the first success."""
    from tests.factories import make_user

    user = make_user(username="lama.scrypt", password="Sandi-lama-kuat-1")
    db.session.commit()
    old_hash = user.password_hash
    assert old_hash.startswith("scrypt:")
    app.config["PASSWORD_HASH_METHOD"] = "argon2id"
    assert client.post("/masuk", data={"login": "lama.scrypt", "password": "salah-sandi-1"}).status_code == 422
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash == old_hash  # a failure changes nothing
    assert client.post("/masuk", data={"login": "lama.scrypt", "password": "Sandi-lama-kuat-1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash.startswith("$argon2id$")
    client.post("/keluar")
    assert client.post("/masuk", data={"login": "lama.scrypt", "password": "Sandi-lama-kuat-1"}).status_code == 302


# ---- accounts one tier down --------------------------------------------------------------

def _new_account(client, username, role, region_code, posyandu_id="", password="Sandi-awal-kuat-1"):
    return client.post("/pengguna", data={
        "full_name": f"Nama {username}", "username": username, "phone": "", "jabatan": "", "nip": "",
        "role": role, "region_code": region_code, "posyandu_id": posyandu_id, "password": password})


def _exists(username: str) -> bool:
    return db.session.scalar(select(func.count(User.id)).where(User.username == username)) == 1


@pytest.mark.parametrize("manager, role, region, allowed", [
    ("admin.kotim", "anggota", "62.02.01", True),        # kabupaten → kecamatan
    ("admin.kotim", "approver", "62.02.01.2005", True),   # kabupaten → desa
    ("pokjanal.kotim", "anggota", "62.02.05", True),
    ("pokjanal.kotim", "anggota", "62.02", False),        # sideways at its own tier (only the admin may)
    ("pokjanal.kotim", "anggota", "53.03.05", False),     # another kabupaten
    ("pokjanal.kotabesi", "anggota", "62.02.01.2005", True),  # kecamatan → desa
    ("pokjanal.kotabesi", "anggota", "62.02.01", False),  # not its own tier
    ("pokjanal.kotabesi", "anggota", "62.02", False),     # never up
    ("pokjanal.kotabesi", "anggota", "62.02.05.1001", False),  # not a sibling kecamatan's desa
    ("pokja.palangan", "anggota", "62.02.01.2003", False),     # desa anggota: kader only
    ("pokja.palangan", "approver", "62.02.01.2003", False),
    ("pokja.palangan", "anggota", "62.02.01", False),
    ("camat.kotabesi", "approver", "62.02.01.2004", True),
])
def test_accounts_are_made_one_tier_down_only(demo_client, login_as, manager, role, region, allowed):
    login_as(demo_client, manager)
    response = _new_account(demo_client, "akun.uji", role, region)
    assert _exists("akun.uji") is allowed
    if allowed:
        assert response.status_code == 302
        assert audit_actions("akun.uji") == ["user.created", "role.granted"]
    else:
        assert response.status_code == 422
        page = response.get_data(as_text=True)
        assert "Anda tidak berwenang membuat akun dengan peran ini di wilayah ini." in page or "Pilih wilayah" in page


def test_desa_anggota_creates_a_kader_of_its_own_posyandu(demo_client, login_as):
    from webapp.demo import first_posyandu

    login_as(demo_client, "pokja.palangan")
    palangan = first_posyandu("62.02.01.2003")
    hanjalipan = first_posyandu("62.02.01.2004")
    refused = _new_account(demo_client, "kader.baru", "kader", "62.02.01.2003", str(hanjalipan.id))
    assert refused.status_code == 422 and "Pilih Posyandu di desa ini untuk kader." in refused.get_data(as_text=True)
    assert not _exists("kader.baru")
    assert _new_account(demo_client, "kader.baru", "kader", "62.02.01.2003", str(palangan.id)).status_code == 302
    user = db.session.scalar(select(User).where(User.username == "kader.baru"))
    assert [(r.role, r.posyandu_id) for r in user.roles] == [("kader", palangan.id)]
    assert sign_in(demo_client.application.test_client(), "kader.baru", "Sandi-awal-kuat-1").status_code == 302


def test_kader_cannot_manage_accounts(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    assert demo_client.get("/pengguna").status_code == 403
    assert _new_account(demo_client, "siapa.saja", "kader", "62.02.01.2003").status_code == 403
    assert not _exists("siapa.saja")


@pytest.mark.parametrize("field, value, message", [
    ("username", "", "Wajib diisi."),
    ("username", "A B", "Gunakan 3–40 huruf kecil"),
    ("username", "x" * 41, "Maksimal 40 karakter."),
    ("username", "kader.palangan", "Nama pengguna ini sudah dipakai."),
    ("full_name", "", "Wajib diisi."),
    ("phone", "12345", "Nomor HP tidak dikenali"),
    ("phone", "081251000009", "Nomor HP ini sudah dipakai akun lain."),
    ("region_code", "99.99.99.9999", "Kode wilayah tidak dikenal."),
    ("region_code", "62.02.05.1001", "tidak berwenang"),
    ("role", "raja", "Pilihan tidak tersedia."),
    ("password", "pendek", "Kata sandi minimal 8 karakter."),
    ("nip", "1976 0309", "NIP seorang ASN terdiri dari 18 angka."),
    ("nip", "19760309A99903 1 005", "NIP seorang ASN terdiri dari 18 angka."),
    ("sex", "X", "Pilihan tidak tersedia."),
])
def test_bad_account_input_gets_a_clear_message_and_saves_nothing(demo_client, login_as, field, value, message):
    login_as(demo_client, "pokjanal.kotabesi")
    data = {"full_name": "Bidan Desa", "username": "bidan.simpur", "phone": "081299990000", "jabatan": "", "nip": "",
            "role": "anggota", "region_code": "62.02.01.2005", "posyandu_id": "", "password": "Sandi-awal-kuat-1",
            "is_asn": "y"}
    data[field] = value
    if field != "nip":
        data.pop("is_asn")
    before = db.session.scalar(select(func.count(User.id)))
    response = demo_client.post("/pengguna", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(User.id))) == before


def test_phone_of_a_new_account_is_stored_once_in_628_form(demo_client, login_as):
    login_as(demo_client, "pokjanal.kotabesi")
    _new_account(demo_client, "bidan.simpur", "anggota", "62.02.01.2005")
    demo_client.post("/pengguna", data={
        "full_name": "Bidan", "username": "bidan.kandan", "phone": "+62 812-9999-0001", "role": "anggota",
        "region_code": "62.02.01.2008", "password": "Sandi-awal-kuat-1"})
    assert db.session.scalar(select(User.phone).where(User.username == "bidan.kandan")) == "6281299990001"
    duplicate = demo_client.post("/pengguna", data={
        "full_name": "Bidan", "username": "bidan.lain", "phone": "0812 9999 0001", "role": "anggota",
        "region_code": "62.02.01.2008", "password": "Sandi-awal-kuat-1"})
    assert "Nomor HP ini sudah dipakai akun lain." in duplicate.get_data(as_text=True)


def test_account_list_shows_the_tier_below_and_nothing_sideways_or_up(demo_client, login_as):
    login_as(demo_client, "pokjanal.kotabesi")
    page = demo_client.get("/pengguna").get_data(as_text=True)
    for name in ("Marlinae", "Siti Aminah", "Nurhayati", "Bahrudin"):  # desa of Kota Besi
        assert name in page
    for name in ("Yudi Hartono", "Rina Hartati", "H. Darmawan Saputra", "Maria Goreti Taek", "Agustinus Kefi"):
        assert name not in page


def test_role_grant_is_audited_with_who_what_and_where(demo_client, login_as):
    from webapp.audit import AuditEvent

    login_as(demo_client, "camat.kotabesi")
    _new_account(demo_client, "kades.simpur", "approver", "62.02.01.2005")
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.subject == "kades.simpur")).all()
    assert [e.action for e in events] == ["user.created", "role.granted"]
    assert all(e.actor.username == "camat.kotabesi" and e.address == "127.0.0.1" for e in events)
    assert "approver 62.02.01.2005" in events[1].detail


# ---- reset codes -------------------------------------------------------------------------

def _issue_code(client, user_id) -> tuple[int, str]:
    response = client.post(f"/pengguna/{user_id}/kode-reset")
    page = response.get_data(as_text=True)
    match = re.search(r'<p class="code"[^>]*>([A-Z0-9]{8})</p>', page)
    return response.status_code, match.group(1) if match else ""


def test_reset_code_is_shown_once_works_once_and_ends_sessions(demo_app, demo_client, login_as, demo_user):
    kader = demo_user("kader.palangan")
    device = demo_app.test_client()
    sign_in(device, "kader.palangan")
    login_as(demo_client, "pokja.palangan")
    status, code = _issue_code(demo_client, kader.id)
    assert status == 200 and code
    assert code not in demo_client.get("/pengguna").get_data(as_text=True)
    assert demo_user("kader.palangan").reset_code_hash != code  # stored hashed only

    anon = demo_app.test_client()
    used = anon.post("/reset", data={"login": "081251000009", "code": code.lower(), "new_password": "Sandi-dari-kode-1"})
    assert used.status_code == 302
    assert device.get("/").status_code == 302  # old sessions ended
    again = anon.post("/reset", data={"login": "kader.palangan", "code": code, "new_password": "Sandi-lagi-kuat-2"})
    assert again.status_code == 422
    assert "Kode reset salah atau sudah kedaluwarsa." in again.get_data(as_text=True)
    assert sign_in(anon, "kader.palangan", "Sandi-dari-kode-1").status_code == 302
    assert "password.reset" in audit_actions("kader.palangan")


def test_reset_code_expires(demo_client, login_as, demo_user):
    kader = demo_user("kader.palangan")
    login_as(demo_client, "pokja.palangan")
    _, code = _issue_code(demo_client, kader.id)
    db.session.expire_all()
    kader = demo_user("kader.palangan")
    kader.reset_expires_at = utcnow() - dt.timedelta(minutes=1)  # the app's clock, as the check reads it
    db.session.commit()
    response = demo_client.application.test_client().post(
        "/reset", data={"login": "kader.palangan", "code": code, "new_password": "Sandi-dari-kode-1"})
    assert "Kode reset salah atau sudah kedaluwarsa." in response.get_data(as_text=True)


def test_reset_code_only_from_one_tier_up(demo_client, login_as, demo_user):
    login_as(demo_client, "kader.hanjalipan")  # no account rights at all: another desa's account does not exist
    assert _issue_code(demo_client, demo_user("kader.palangan").id)[0] == 404
    login_as(demo_client, "kades.hanjalipan")   # a sibling desa: the account does not exist for it
    assert _issue_code(demo_client, demo_user("kader.palangan").id)[0] == 404
    login_as(demo_client, "pokja.palangan")     # same tier: not one tier down
    assert _issue_code(demo_client, demo_user("kades.palangan").id)[0] == 403
    assert demo_user("kades.palangan").reset_code_hash is None


def test_sex_and_civil_servant_status_are_kept_for_printing(demo_client, login_as):
    login_as(demo_client, "pokjanal.kotabesi")
    response = demo_client.post("/pengguna", data={
        "full_name": "Bidan Desa Simpur", "username": "bidan.simpur", "phone": "", "jabatan": "Bidan Desa",
        "nip": "19900101 201503 2 004", "is_asn": "y", "sex": "P", "role": "anggota", "region_code": "62.02.01.2005",
        "posyandu_id": "", "password": "Sandi-awal-kuat-1"})
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.username == "bidan.simpur"))
    assert (user.sex, user.is_asn, user.nip) == ("P", True, "19900101 201503 2 004")


def test_a_valid_reset_code_works_even_while_sign_ins_wait(demo_app, demo_client, login_as, demo_user, monkeypatch):
    from webapp.auth import throttle

    now = throttle.utcnow()
    monkeypatch.setattr(throttle, "utcnow", lambda: now)  # a slow machine must not let the waits run out
    owner = demo_app.test_client()
    for _ in range(12):  # a hostile neighbour behind the same address guesses away
        sign_in(owner, "kader.palangan", "salah-sandi-123")
    assert "Coba lagi dalam" in sign_in(owner, "kader.palangan").get_data(as_text=True)
    for _ in range(5):
        owner.post("/reset", data={"login": "kader.palangan", "code": "AAAAAAAA", "new_password": "Sandi-dari-kode-1"})
    login_as(demo_client, "pokja.palangan")
    _, code = _issue_code(demo_client, demo_user("kader.palangan").id)
    used = owner.post("/reset", data={"login": "kader.palangan", "code": code, "new_password": "Sandi-dari-kode-1"})
    assert used.status_code == 302
    assert audit_actions("kader.palangan").count("password.reset_failed") == 5
