"""The report's use cases without HTTP: save, submit with its client id, verify, return, reopen, conflicts."""
import pytest
from sqlalchemy import func, select
from werkzeug.exceptions import Forbidden

from webapp.extensions import db
from webapp.reports import services
from webapp.reports.models import ClientSubmission, MonthlyReport, Status
from webapp.clock import shift_month

from .helpers import actor, fill, last_month, new_id, palangan_posyandu, section_values


def _count_reports():
    return db.session.scalar(select(func.count(MonthlyReport.id)))


def test_a_replayed_submission_creates_one_report_and_answers_the_same(demo_app):
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    values = section_values("gizi", year, month)
    first = services.save_section(kader, posyandu, year, month, "gizi", values, "", "same-id-1")
    again = services.save_section(kader, posyandu, year, month, "gizi", values, "", "same-id-1")
    assert (first.replayed, again.replayed) == (False, True)
    assert again.report.id == first.report.id and _count_reports() == 1
    fill(kader, posyandu, year, month)
    sent = services.submit(kader, posyandu, year, month, "submit-1", confirmed=True)
    replay = services.submit(kader, posyandu, year, month, "submit-1", confirmed=True)
    assert replay.replayed and replay.report.id == sent.report.id and replay.report.status == Status.SUBMITTED
    submitted = [e for e in sent.report.events if e.action == "submitted"]
    assert len(submitted) == 1
    assert db.session.scalar(select(func.count()).where(ClientSubmission.kind == "submit")) == 1


def test_a_section_saved_by_someone_else_meanwhile_is_a_conflict_showing_what_changed(demo_app):
    from tests.factories import make_user
    from webapp.access import Actor

    posyandu, (year, month) = palangan_posyandu(), last_month()
    kader, other = actor("kader.palangan"), Actor(make_user("kader", posyandu.region_code, posyandu=posyandu,
                                                            full_name="Kader Kedua"))
    report = services.save_section(kader, posyandu, year, month, "gizi", section_values("gizi", year, month), "",
                                   new_id()).report
    from webapp.reports import queries
    base = queries.section_base(report, "gizi")  # both open the form now
    services.save_section(other, posyandu, year, month, "gizi", section_values("gizi", year, month, balita_d=41),
                          base, new_id())
    with pytest.raises(services.Conflict) as caught:
        services.save_section(kader, posyandu, year, month, "gizi", section_values("gizi", year, month, balita_d=39),
                              base, new_id())
    assert "Kader Kedua sudah mengubah bagian ini" in str(caught.value)
    assert [(c.field, c.yours, c.now) for c in caught.value.changes] == [("balita_d", 39, 41)]
    db.session.expire_all()
    assert db.session.get(MonthlyReport, report.id).balita_d == 41  # nothing silently overwritten
    # saving again from the conflict answer (its new base) is a deliberate overwrite
    services.save_section(kader, posyandu, year, month, "gizi", section_values("gizi", year, month, balita_d=39),
                          caught.value.base, new_id())
    db.session.expire_all()
    assert db.session.get(MonthlyReport, report.id).balita_d == 39


def test_the_same_kader_saving_twice_from_an_old_page_is_no_conflict(demo_app):
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    services.save_section(kader, posyandu, year, month, "gizi", section_values("gizi", year, month), "", new_id())
    services.save_section(kader, posyandu, year, month, "gizi", section_values("gizi", year, month, balita_n=31),
                          "stale-base", new_id())
    assert services.queries.find_report(posyandu, year, month).balita_n == 31


def test_submit_blocks_on_errors_and_asks_to_confirm_warnings(demo_app):
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    fill(kader, posyandu, year, month, balita_d=50)  # D > S
    with pytest.raises(services.CheckFailed) as caught:
        services.submit(kader, posyandu, year, month, new_id(), confirmed=True)
    assert "balita_d" in caught.value.errors
    services.save_section(kader, posyandu, year, month, "gizi", section_values("gizi", year, month, balita_d=20, balita_n=15), "",
                          new_id())  # D/S 42 % warns
    with pytest.raises(services.CheckFailed) as caught:
        services.submit(kader, posyandu, year, month, new_id(), confirmed=False)
    assert "D/S hanya" in caught.value.warnings["balita_d"][0]
    assert services.queries.find_report(posyandu, year, month).status == Status.DRAFT
    assert services.submit(kader, posyandu, year, month, new_id(), confirmed=True).report.status == Status.SUBMITTED


def test_a_future_month_cannot_be_filed(demo_app):
    kader, posyandu = actor("kader.palangan"), palangan_posyandu()
    year, month = shift_month(*last_month(), 2)
    with pytest.raises(services.Refused, match="belum tiba"):
        services.save_section(kader, posyandu, year, month, "gizi", section_values("gizi", year, month), "", new_id())
    assert _count_reports() == 0


def test_return_verify_and_reopen_follow_the_tiers_and_keep_history(demo_app):
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    fill(kader, posyandu, year, month)
    report = services.submit(kader, posyandu, year, month, new_id(), confirmed=True).report
    with pytest.raises(Forbidden):
        services.verify(kader, report)  # a kader cannot verify
    with pytest.raises(services.Refused, match="Tulis catatan"):
        services.return_report(actor("pokja.palangan"), report, "  ")
    services.return_report(actor("pokja.palangan"), report, "", "balita_n", "N terlalu tinggi, cek KMS.")
    assert report.status == Status.RETURNED
    notes = services.queries.notes(report)
    assert notes["balita_n"][0].note == "N terlalu tinggi, cek KMS."
    services.save_section(kader, posyandu, year, month, "gizi", section_values("gizi", year, month, balita_n=28), "",
                          new_id())
    services.submit(kader, posyandu, year, month, new_id(), confirmed=True)
    assert services.queries.notes(report) == {}
    services.verify(actor("kades.palangan"), report)
    assert report.status == Status.VERIFIED
    with pytest.raises(services.Locked):
        services.save_section(kader, posyandu, year, month, "gizi", section_values("gizi", year, month), "", new_id())
    with pytest.raises(Forbidden):
        services.reopen(actor("pokja.palangan"), report, "salah ketik")  # a desa cannot reopen
    with pytest.raises(services.Refused, match="alasan"):
        services.reopen(actor("pokjanal.kotabesi"), report, "")
    services.reopen(actor("pokjanal.kotabesi"), report, "Angka stunting perlu dicek ulang bersama bidan.")
    assert report.status == Status.RETURNED
    assert [e.action for e in report.events] == ["created", "submitted", "returned", "submitted", "verified",
                                                "reopened"]
    assert services.queries.notes(report)[""][0].note.startswith("Angka stunting")


def test_a_kader_of_another_desa_cannot_file_here(demo_app):
    posyandu, (year, month) = palangan_posyandu(), last_month()
    with pytest.raises(Forbidden):
        services.save_section(actor("kader.hanjalipan"), posyandu, year, month, "gizi",
                              section_values("gizi", year, month), "", new_id())
