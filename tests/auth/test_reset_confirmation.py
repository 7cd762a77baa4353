"""A manager-issued reset never lets the manager approve or sign as the owner (issue 23).

The manager who issues a reset code can set the password himself. Until a second person (an approver
above the account's tier, or another kabupaten admin) confirms, the account's approve, sign and finalise
steps stay locked in every flow; the owner's old sessions end on a page that says who reset the password
and when; a document signed within a week after such a reset says so on its verification page.
"""
import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from tests.auth.helpers import audit_actions, sign_in
from tests.factories import make_user
from tests.meetings.helpers import make_meeting
from tests.workplans.helpers import make_plan
from webapp.auth import resets
from webapp.auth.models import PasswordReset
from webapp.documents.models import SignedDocument
from webapp.extensions import db
from webapp.meetings.models import Meeting, MinutesStatus
from webapp.meetings.rules import MINUTES_FLOW
from webapp.pembinaan.rules import VISIT_FLOW
from webapp.reports.rules import REPORT_FLOW
from webapp.workflow import SIGNING_STEPS, Flow, ResetLocked, Step, take
from webapp.workplans.models import Plan, PlanStatus
from webapp.workplans.rules import PLAN_FLOW

NEW_PASSWORD = "Sandi-baru-dari-kode-7"


def _take_over(app, manager_client, owner) -> object:
    """The manager issues a code for `owner`, sets the password with it and signs in as the owner."""
    page = manager_client.post(f"/pengguna/{owner.id}/kode-reset").get_data(as_text=True)
    code = re.search(r'<p class="code"[^>]*>([A-Z0-9]{8})</p>', page).group(1)
    used = app.test_client().post("/reset", data={"login": owner.username, "code": code, "new_password": NEW_PASSWORD})
    assert used.status_code == 302
    as_owner = app.test_client()
    assert sign_in(as_owner, owner.username, NEW_PASSWORD).status_code == 302
    return as_owner


def _document(kind: str, subject_id: int) -> SignedDocument:
    return db.session.scalars(select(SignedDocument).where(SignedDocument.kind == kind, SignedDocument.subject_id ==
                                                           subject_id).order_by(SignedDocument.version.desc())).first()


def test_a_camat_who_resets_the_kades_cannot_approve_her_plan_until_a_second_person_confirms(
        demo_app, demo_client, login_as, demo_user):
    plan = make_plan(submit=True)
    db.session.commit()
    kades = demo_user("kades.palangan")
    login_as(demo_client, "camat.kotabesi")
    as_kades = _take_over(demo_app, demo_client, kades)

    home = as_kades.get("/", follow_redirects=True).get_data(as_text=True)
    assert "belum bisa menyetujui" in home  # said at sign-in
    assert "Setujui" not in as_kades.get(f"/rencana-kerja/{plan.id}").get_data(as_text=True)
    refused = as_kades.post(f"/rencana-kerja/{plan.id}/setujui")
    assert refused.status_code == 403 and "orang kedua" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).status == PlanStatus.SUBMITTED

    assert demo_client.post(f"/pengguna/{kades.id}/konfirmasi-reset").status_code == 403  # the camat issued it
    login_as(demo_client, "bupati.kotim")  # the approver above
    listed = demo_client.get("/pengguna").get_data(as_text=True)
    assert "menunggu konfirmasi" in listed and "Diatur ulang oleh Ahmad Yani, S.Sos" in listed
    assert demo_client.post(f"/pengguna/{kades.id}/konfirmasi-reset").status_code == 302
    assert {"password.reset", "password.reset_confirmed"} <= set(audit_actions(kades.username))

    assert as_kades.post(f"/rencana-kerja/{plan.id}/setujui").status_code == 302
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).status == PlanStatus.APPROVED
    document = _document("rencana_kerja", plan.id)
    page = demo_app.test_client().get(f"/verifikasi/{document.code}").get_data(as_text=True)
    assert 'id="atur-ulang-sandi"' in page
    assert "Ditandatangani dari akun Marlinae" in page and "diatur ulang oleh Ahmad Yani, S.Sos" in page
    assert "dikonfirmasi oleh H. Darmawan Saputra" in page


def test_an_admin_who_resets_the_chair_cannot_sign_the_minutes(demo_app, demo_client, login_as, demo_user):
    meeting = make_meeting()
    db.session.commit()
    camat = demo_user("camat.kotabesi")
    login_as(demo_client, "admin.kotim")
    as_camat = _take_over(demo_app, demo_client, camat)
    assert as_camat.post(f"/rapat/{meeting.id}/edarkan").status_code == 302  # not a signing step
    refused = as_camat.post(f"/rapat/{meeting.id}/finalkan")
    assert refused.status_code == 403
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).status == MinutesStatus.CIRCULATED
    assert _document("notulen", meeting.id) is None

    second_admin = make_user("admin", "62.02", full_name="Admin Kedua Kotim")
    db.session.commit()
    login_as(demo_client, second_admin)
    assert demo_client.post(f"/pengguna/{camat.id}/konfirmasi-reset").status_code == 302
    assert as_camat.post(f"/rapat/{meeting.id}/finalkan").status_code == 302
    page = demo_app.test_client().get(f"/verifikasi/{_document('notulen', meeting.id).code}").get_data(as_text=True)
    assert "Ditandatangani dari akun Ahmad Yani, S.Sos" in page and "diatur ulang oleh Rina Hartati" in page


@pytest.mark.parametrize(("confirmer", "status"), [
    ("admin.kotim", 403),        # the manager who issued the code
    ("camat.kotabesi", 403),     # the owner himself
    ("pokjanal.kotabesi", 403),  # a lower role that sees the account
    ("camat.baamang", 404),      # another kecamatan
    ("admin.ttu", 404),          # another kabupaten
    ("kader.palangan", 404),     # no account pages at all
])
def test_only_a_second_person_above_confirms(demo_app, demo_client, login_as, demo_user, confirmer, status):
    camat = demo_user("camat.kotabesi")
    login_as(demo_client, "admin.kotim")
    _take_over(demo_app, demo_client, camat)
    login_as(demo_client, confirmer)
    assert confirmer == "camat.kotabesi" or "konfirmasi-reset" not in demo_client.get("/pengguna").get_data(as_text=True)
    assert demo_client.post(f"/pengguna/{camat.id}/konfirmasi-reset").status_code == status
    db.session.expire_all()
    assert resets.pending(camat.id) is not None


def test_the_owners_old_session_ends_on_a_page_naming_who_reset_and_when(demo_app, demo_client, login_as, demo_user):
    owner_phone = demo_app.test_client()
    sign_in(owner_phone, "kades.palangan")
    login_as(demo_client, "camat.kotabesi")
    _take_over(demo_app, demo_client, demo_user("kades.palangan"))
    ended = owner_phone.get("/rencana-kerja", follow_redirects=True).get_data(as_text=True)
    assert 'id="sesi-berakhir"' in ended
    assert re.search(r"diatur ulang oleh Ahmad Yani, S\.Sos pada \w+, \d+ \w+ 20\d\d", ended), ended[:2000]
    again = owner_phone.get("/masuk").get_data(as_text=True)
    assert 'id="sesi-berakhir"' not in again  # said once


def test_a_kader_reset_locks_nothing(demo_app, demo_client, login_as, demo_user):
    kader = demo_user("kader.palangan")
    login_as(demo_client, "pokja.palangan")
    _take_over(demo_app, demo_client, kader)
    assert resets.pending(kader.id) is None
    assert db.session.scalar(select(PasswordReset).where(PasswordReset.user_id == kader.id)).confirmed_at is not None


def test_every_signing_step_of_every_flow_is_locked_and_no_other():
    locked_actor = SimpleNamespace(reset_lock=object(), user=None)
    free_actor = SimpleNamespace(reset_lock=None, user=None)
    flow = Flow(name="uji", noun="Uji", state_labels={"a": "A", "b": "B"}, record=lambda obj, entry: None,
                steps=(Step("approve", frozenset({"a"}), "b", lambda actor, obj: True, "Setujui", "Disetujui."),
                       Step("submit", frozenset({"a"}), "b", lambda actor, obj: True, "Kirim", "Terkirim.")))
    obj = SimpleNamespace(status="a", id=1)
    assert flow.may(free_actor, obj, "approve") and not flow.may(locked_actor, obj, "approve")
    assert flow.may(locked_actor, obj, "submit")
    with pytest.raises(ResetLocked) as refused:
        take(locked_actor, obj, flow, "approve")
    assert refused.value.status == 403 and obj.status == "a"

    signing = {(f.name, s.name) for f in (PLAN_FLOW, MINUTES_FLOW, REPORT_FLOW, VISIT_FLOW) for s in f.steps
               if s.name in SIGNING_STEPS}
    assert signing == {("plan", "approve"), ("plan", "endorse"), ("minutes", "finalize"), ("report", "verify"),
                       ("visit", "finalize")}


def test_a_document_signed_without_a_reset_says_nothing(demo_app, demo_client, login_as):
    meeting = make_meeting()
    db.session.commit()
    login_as(demo_client, "camat.kotabesi")
    assert demo_client.post(f"/rapat/{meeting.id}/edarkan").status_code == 302
    assert demo_client.post(f"/rapat/{meeting.id}/finalkan").status_code == 302
    document = _document("notulen", meeting.id)
    assert document.signed_by_id == meeting.chair_id
    page = demo_app.test_client().get(f"/verifikasi/{document.code}").get_data(as_text=True)
    assert "Dokumen terverifikasi" in page and 'id="atur-ulang-sandi"' not in page


def test_a_reset_used_before_the_upgrade_and_not_yet_announced_waits_for_confirmation(tmp_path):
    from flask_migrate import upgrade
    from sqlalchemy import text

    from tests.conftest import database_at

    with database_at(tmp_path / "old.sqlite3", "1901_data_stamp"):
        db.session.execute(text("INSERT INTO region (code, name, level) VALUES ('62', 'Kalteng', 'provinsi'), "
                                "('62.02', 'Kotim', 'kabupaten')"))
        for n, (role, notice) in enumerate([("approver", "2026-12-01 08:00:00"), ("kader", "2026-12-01 08:00:00"),
                                            ("approver", None)], start=1):
            db.session.execute(text(
                "INSERT INTO user (id, username, full_name, jabatan, nip, is_asn, sex, password_hash, is_enabled, "
                "session_version, reset_by_id, reset_notice_at, created_at) VALUES (:id, :name, :name, '', '', 0, "
                "'', 'x', 1, 1, NULL, :notice, '2026-01-01 00:00:00')"), {"id": n, "name": f"akun{n}", "notice": notice})
            db.session.execute(text("INSERT INTO role_assignment (user_id, role, region_code) VALUES (:id, :role, "
                                    "'62.02')"), {"id": n, "role": role})
        db.session.commit()
        upgrade(revision="head")
        assert [r.user_id for r in db.session.scalars(select(PasswordReset))] == [1]
        assert resets.pending(1) is not None
