"""A fresh demo prints sensibly (issue 12): approvals and submissions dated in the past and in their period,
nothing late before its deadline, plan lines in the right SPM field, fictitious officials, and the pilot
events filed as numbered activity reports with their narasumber."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from webapp.auth.models import User
from webapp.clock import local_time, utcnow
from webapp.documents.models import SignedDocument
from webapp.extensions import db
from webapp.lembaga.models import Member
from webapp.meetings.models import Meeting, Participant, Speaker
from webapp.regions.queries import setting_for
from webapp.reports.models import MonthlyReport, ReportEvent
from webapp.reports.periods import due_at
from webapp.workplans.models import Plan, PlanLine, PlanStep

# Officials of the two pilot kabupaten whose names must not be printed as demo people.
REAL_OFFICIALS = ("Halikinnor", "Irawati", "Fajrurrahman", "Khairiah", "Umar Kaderi", "Yuendri", "Kebo", "Juandi David",
                  "Kamilus Elu", "Eusabius")


@pytest.fixture
def demo(full_demo):
    return full_demo


def test_nothing_is_dated_in_the_future_or_late_before_its_deadline(demo):
    now = utcnow()
    reports = db.session.scalars(select(MonthlyReport).where(MonthlyReport.submitted_at.is_not(None))).all()
    assert reports
    for report in reports:
        setting = setting_for(report.region_code)
        due = due_at(report.year, report.month, setting.report_due_day, setting.timezone)
        assert report.submitted_at <= now and (report.verified_at or report.submitted_at) <= now
        assert report.submitted_at >= dt.datetime(report.year, report.month, 1)  # after the month began
        assert report.submitted_at <= due or due < now  # "terlambat" only once the deadline has passed
    assert db.session.scalar(select(ReportEvent.id).where(ReportEvent.at > now)) is None
    assert db.session.scalar(select(PlanStep.id).where(PlanStep.at > now)) is None
    assert db.session.scalar(select(Meeting.id).where(Meeting.finalized_at > now)) is None
    assert db.session.scalar(select(SignedDocument.id).where(SignedDocument.signed_at > now)) is None


def test_a_past_years_plan_was_approved_in_its_year_and_prints_those_dates(demo):
    past = db.session.scalars(select(Plan).where(Plan.year < utcnow().year, Plan.status.in_(("disetujui", "diketahui")))).all()
    assert len(past) >= 3
    for plan in past:
        timezone = setting_for(plan.region_code).timezone
        assert {local_time(step.at, timezone).year for step in plan.steps} == {plan.year}
        document = db.session.scalar(select(SignedDocument).where(SignedDocument.kind == "rencana_kerja",
                                                                  SignedDocument.subject_id == plan.id))
        assert document.number.endswith(f"/{plan.year}")
        printed = json.dumps(json.loads(document.content)["signers"], ensure_ascii=False)
        assert f"Januari {plan.year}" in printed and "Desember 2026" not in printed


def test_plan_lines_are_in_the_right_spm_field_and_officials_are_fictitious(demo):
    lines = db.session.scalars(select(PlanLine)).all()
    jamban = [line.spm_field for line in lines if "jamban" in line.activity.lower()]
    rakor = [line.spm_field for line in lines if "rapat koordinasi" in line.activity.lower()]
    assert jamban and set(jamban) == {"pekerjaan_umum"}
    assert rakor and set(rakor) == {"kelembagaan"}
    names = [*db.session.scalars(select(User.full_name)), *db.session.scalars(select(Member.name)),
             *db.session.scalars(select(Participant.guest_name)), *db.session.scalars(select(Speaker.name))]
    assert [n for n in names if any(real in n for real in REAL_OFFICIALS)] == []


def test_the_pilot_events_are_numbered_activity_reports_with_their_narasumber(demo):
    reports = {m.title: m for m in db.session.scalars(select(Meeting).where(Meeting.kind.in_(("bimtek", "advokasi"))))}
    ttu = next(m for t, m in reports.items() if "Ariesta" in m.place)
    assert local_time(ttu.starts_at, "Asia/Makassar") == dt.datetime(2025, 12, 5, 9, 35, tzinfo=local_time(
        ttu.starts_at, "Asia/Makassar").tzinfo)
    assert any("Dinas Kesehatan Provinsi" in s.jabatan for s in ttu.speakers)
    kinds = {(m.region_code[:5], m.kind) for m in reports.values()}
    assert {("53.03", "bimtek"), ("62.02", "advokasi"), ("62.02", "bimtek")} <= kinds
    for meeting in reports.values():
        document = db.session.scalar(select(SignedDocument).where(SignedDocument.kind == "notulen",
                                                                  SignedDocument.subject_id == meeting.id))
        content = json.loads(document.content)
        assert meeting.speakers and content["activity"]["speakers"] and content["agenda"]
        year = local_time(meeting.finalized_at, "Asia/Jakarta").year
        assert document.number and document.number == content["number"] and document.number.endswith(f"/{year}")
