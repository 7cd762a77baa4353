"""One person, one identity: a body member linked to an account is that account's person. Name, L/P and NIP
are held once (on the account), so every document prints the same NIP; a data migration merges the copies
members used to carry."""
from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select, text

from tests.conftest import database_at
from tests.meetings.helpers import actor, make_meeting
from webapp.auth import services as accounts
from webapp.auth.models import User
from webapp.documents.people import printed_nip
from webapp.extensions import db
from webapp.lembaga.demo import seed_lembaga
from webapp.lembaga.models import Member


def _member(username: str) -> Member:
    return db.session.scalar(select(Member).join(User, User.id == Member.user_id).where(User.username == username))


def _text(client, url: str) -> str:
    data = client.get(url).data
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_the_demo_people_carry_one_nip_and_l_p_whichever_record_is_read(demo_app):
    seed_lembaga()
    for username in ("pokjanal.kotim", "admin.kotim", "pokjanal.kotabesi", "pokjanal.ttu", "pokja.palangan"):
        member = _member(username)
        assert member.nip == printed_nip(member.user) and member.sex == member.user.sex, username
        assert member.own_nip == "" and member.own_sex == "", username  # held once: on the account
    assert _member("pokjanal.kotabesi").nip == "19840517 200902 2 008"


def test_a_change_on_the_account_reaches_every_document_that_prints_the_member(demo_client, login_as):
    seed_lembaga()
    meeting = make_meeting()
    sri = _member("pokjanal.kotabesi")
    meeting.notulis_member_id = sri.id
    db.session.commit()
    login_as(demo_client, "pokjanal.kotabesi")
    assert "NIP. 19840517 200902 2 008" in _text(demo_client, f"/rapat/{meeting.id}/notulen.pdf")
    accounts.update_printed_identity(actor("admin.kotim"), sri.user, jabatan=sri.user.jabatan, sex="P",
                                     nip="198405172009022099", is_asn=True, address="127.0.0.1")
    minutes = _text(demo_client, f"/rapat/{meeting.id}/notulen.pdf")
    assert "NIP. 198405172009022099" in minutes and "19840517 200902 2 008" not in minutes
    page = demo_client.get("/lembaga/62.02.01").get_data(as_text=True)
    assert "NIP 198405172009022099" in page


def test_the_member_form_refuses_a_second_nip_for_a_linked_member(demo_client, login_as):
    seed_lembaga()
    sri = _member("pokjanal.kotabesi")
    login_as(demo_client, "pokjanal.kotabesi")
    form = {"name": "Sri Wahyuni", "jabatan": "sekretaris", "bidang": "", "mitra_id": "", "unsur_text": "",
            "sex": "P", "phone": "", "nip": "19860404 201001 2 003", "user_id": str(sri.user_id)}
    refused = demo_client.post(f"/lembaga/62.02.01/anggota/{sri.id}", data=form)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Akun pokjanal.kotabesi mencatat NIP \u201c19840517 200902 2 008\u201d" in page
    assert 'value="19860404 201001 2 003"' in page  # what was typed stays in the form
    db.session.expire_all()
    assert _member("pokjanal.kotabesi").own_nip == "" and _member("pokjanal.kotabesi").nip == "19840517 200902 2 008"
    saved = demo_client.post(f"/lembaga/62.02.01/anggota/{sri.id}", data={**form, "nip": "", "name": ""})
    assert saved.status_code == 302
    db.session.expire_all()
    assert _member("pokjanal.kotabesi").jabatan == "sekretaris"


def test_the_migration_merges_a_members_copies_into_its_account(tmp_path):
    with database_at(tmp_path / "old.sqlite3", "1901_data_stamp"):
        rows = [
            "INSERT INTO region (code, name, level) VALUES ('62', 'Kalimantan Tengah', 'provinsi')",
            "INSERT INTO user (id, username, full_name, jabatan, nip, is_asn, sex, password_hash, is_enabled, "
            "session_version, created_at) VALUES (1, 'sri', 'Sri Wahyuni', '', '19840517 200902 2 008', 1, '', 'x', 1,"
            " 1, '2026-01-01'), (2, 'budi', 'Budi', '', '', 0, 'L', 'x', 1, 1, '2026-01-01')",
            "INSERT INTO body (id, region_code, sk_number, sk_signed_by, scan_name, updated_at) "
            "VALUES (1, '62', 'SK', '', '', '2026-01-01')",
            "INSERT INTO member (id, body_id, position, name, jabatan, unsur_text, bidang, sex, phone, nip, user_id) "
            "VALUES (1, 1, 1, 'Sri W.', 'sekretaris', '', '', 'P', '', '19860404 201001 2 003', 1), "
            "(2, 1, 2, 'Budi S.', 'anggota', '', '', 'L', '', '19700101 199003 1 001', 2), "
            "(3, 1, 3, 'H. Mahmud', 'anggota', '', '', 'L', '', '', NULL)",
        ]
        for row in rows:
            db.session.execute(text(row))
        db.session.commit()
        from flask_migrate import upgrade

        upgrade(revision="2211_signers_identity")
        users = {r.username: r for r in db.session.execute(text("SELECT username, nip, is_asn, sex FROM user"))}
        members = {r.id: r for r in db.session.execute(text("SELECT id, name, nip, sex FROM member"))}
    assert (users["sri"].nip, users["sri"].sex) == ("19840517 200902 2 008", "P")  # the account's NIP wins
    assert (users["budi"].nip, bool(users["budi"].is_asn)) == ("19700101 199003 1 001", True)  # filled from the member
    assert (members[1].name, members[1].nip, members[1].sex) == ("Sri Wahyuni", "", "")
    assert (members[3].name, members[3].nip, members[3].sex) == ("H. Mahmud", "", "L")  # no account: its own
