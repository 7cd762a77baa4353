"""Jabatan, L/P and ASN with NIP are editable on existing accounts by whoever manages them, checked like
at creation (an ASN's NIP has 18 digits), and the documents print what was saved."""
from __future__ import annotations

from sqlalchemy import select

from webapp.audit import AuditEvent
from webapp.auth.models import User
from webapp.extensions import db


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _form(**overrides) -> dict:
    return {"jabatan": "Kepala Desa Palangan", "sex": "L", "nip": "", **overrides}


def test_the_admin_sets_sex_and_asn_with_nip_and_the_change_is_audited(demo_client, login_as):
    camat = _user("camat.kotabesi")
    login_as(demo_client, "admin.kotim")
    page = demo_client.get(f"/pengguna/{camat.id}/ubah").get_data(as_text=True)
    assert camat.jabatan in page and "18 angka" in page
    response = demo_client.post(f"/pengguna/{camat.id}/ubah", data=_form(
        jabatan="Camat Kota Besi", sex="P", nip="19800101 200501 2 001", is_asn="y"))
    assert response.status_code == 302
    db.session.expire_all()
    camat = _user("camat.kotabesi")
    assert (camat.sex, camat.nip, camat.is_asn) == ("P", "19800101 200501 2 001", True)
    row = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.updated"))
    assert row.subject == "camat.kotabesi" and '"sex": [' in row.detail


def test_an_asn_needs_an_18_digit_nip_and_the_form_keeps_what_was_typed(demo_client, login_as):
    kades = _user("kades.palangan")
    before = (kades.sex, kades.nip, kades.is_asn)
    login_as(demo_client, "admin.kotim")
    for nip in ("1980 0101", "19800101200501200X"):
        response = demo_client.post(f"/pengguna/{kades.id}/ubah", data=_form(nip=nip, is_asn="y", jabatan="Lurah Baru"))
        body = response.get_data(as_text=True)
        assert response.status_code == 422 and "NIP seorang ASN terdiri dari 18 angka." in body
        assert nip in body and "Lurah Baru" in body
    db.session.expire_all()
    assert (_user("kades.palangan").sex, _user("kades.palangan").nip, _user("kades.palangan").is_asn) == before


def test_an_elected_official_has_no_nip_printed_after_the_edit(demo_client, login_as):
    from webapp.documents.people import printed_person

    kades = _user("kades.palangan")
    login_as(demo_client, "admin.kotim")
    demo_client.post(f"/pengguna/{kades.id}/ubah", data=_form(nip="", sex="L"))  # is_asn unticked
    db.session.expire_all()
    person = printed_person(_user("kades.palangan"))
    assert person["nip"] == "" and person["sex"] == "L"


def test_outside_ones_area_is_404_and_an_account_one_does_not_manage_is_403(demo_client, login_as):
    login_as(demo_client, "admin.ttu")
    assert demo_client.get(f"/pengguna/{_user('camat.kotabesi').id}/ubah").status_code == 404
    login_as(demo_client, "pokja.palangan")  # anggota desa: manages kader only
    assert demo_client.get(f"/pengguna/{_user('kades.palangan').id}/ubah").status_code == 403
    login_as(demo_client, "admin.kotim")
    assert demo_client.get(f"/pengguna/{_user('admin.kotim').id}/ubah").status_code == 403  # not one's own
    login_as(demo_client, "kader.palangan")  # no account management at all: the page does not exist for a kader
    assert demo_client.get(f"/pengguna/{_user('kader.palangan').id}/ubah").status_code == 404
