"""A Posyandu moved to another desa takes its reports and kader along, in one audited transaction:
the new desa verifies them, the old one no longer sees them."""
import json

from sqlalchemy import select

from tests.reports.helpers import HANJALIPAN, PALANGAN, actor, fill, last_month, month_text, new_id
from webapp.audit import AuditEvent
from webapp.auth.models import RoleAssignment
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.reports import services as report_services
from webapp.reports.models import MonthlyReport


def _form(posyandu, region_code):
    return {"name": posyandu.name, "region_code": region_code, "dusun_rw": "", "schedule": "", "sk_number": "",
            "sk_on": "", "registration_number": "", "kader_with_sk": "5", "is_active": "y",
            "version": posyandu.version}


def test_a_moved_posyandu_takes_its_reports_and_kader_to_the_new_desa(demo_client, login_as):
    posyandu = first_posyandu(PALANGAN)
    kader = actor("kader.palangan")
    fill(kader, posyandu, *last_month())
    report_services.submit(kader, posyandu, *last_month(), new_id(), confirmed=True)
    report = db.session.scalar(select(MonthlyReport).where(MonthlyReport.posyandu_id == posyandu.id))
    login_as(demo_client, "camat.kotabesi")  # posyandu.manage over both desa
    assert demo_client.post(f"/posyandu/{posyandu.id}", data=_form(posyandu, HANJALIPAN)).status_code == 302

    db.session.expire_all()
    assert db.session.get(MonthlyReport, report.id).region_code == HANJALIPAN
    roles = db.session.scalars(select(RoleAssignment).where(RoleAssignment.posyandu_id == posyandu.id)).all()
    assert roles and all(r.region_code == HANJALIPAN for r in roles)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "posyandu.saved")
                              .order_by(AuditEvent.id.desc()))
    detail = json.loads(event.detail)
    assert detail["region_code"] == [PALANGAN, HANJALIPAN]
    assert detail["moved"] == {"MonthlyReport": 1, "RoleAssignment": 1, "StrengthProfile": 1}  # its summary row too

    page = f"/laporan/posyandu/{posyandu.id}/{month_text()}"
    login_as(demo_client, "kades.palangan")  # the old desa: the report no longer exists for it
    assert demo_client.get(page).status_code == 404
    assert demo_client.post(f"/laporan/{report.id}/verifikasi", data={"note": ""}).status_code == 404
    login_as(demo_client, "kades.hanjalipan")  # the new desa sees and verifies it
    assert demo_client.get(page).status_code == 200
    assert demo_client.post(f"/laporan/{report.id}/verifikasi", data={"note": ""}).status_code == 302
    db.session.expire_all()
    assert db.session.get(MonthlyReport, report.id).status == "verified"


def test_an_edit_keeps_old_and_new_values_in_the_audit(demo_client, login_as):
    posyandu = first_posyandu(PALANGAN)
    old_name = posyandu.name
    login_as(demo_client, "pokja.palangan")
    form = {**_form(posyandu, PALANGAN), "name": "Posyandu Mawar Baru", "kader_with_sk": "11"}
    assert demo_client.post(f"/posyandu/{posyandu.id}", data=form).status_code == 302
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "posyandu.saved")
                              .order_by(AuditEvent.id.desc()))
    detail = json.loads(event.detail)
    assert detail["name"] == [old_name, "Posyandu Mawar Baru"] and detail["kader_with_sk"][1] == 11
    assert "region_code" not in detail and event.subject == f"posyandu {posyandu.id} Posyandu Mawar Baru"
