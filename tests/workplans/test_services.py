"""The approval chain as use cases: whose turn, at which tier, what is recorded, what stays locked."""
import pytest
from werkzeug.exceptions import Forbidden

from tests.workplans.helpers import actor, line_data, make_plan
from webapp.extensions import db
from webapp.refusal import Conflict, Refused
from webapp.workplans import rules, services
from webapp.workplans.models import Decision, Plan, PlanStatus


def test_desa_plan_goes_kades_then_camat_and_every_step_is_kept(demo_app):
    plan = make_plan(submit=True)
    assert rules.status_label(plan) == "Menunggu Kepala Desa Palangan"
    services.approve(actor("kades.palangan"), plan, "", plan.version)
    assert plan.status == PlanStatus.APPROVED
    assert rules.status_label(plan) == "Disetujui, menunggu Camat Kota Besi"
    services.approve(actor("camat.kotabesi"), plan, "Mengetahui", plan.version)
    assert plan.status == PlanStatus.ENDORSED and rules.is_final(plan)
    assert [(s.decision, s.name) for s in plan.steps] == [
        (Decision.SUBMITTED, "Siti Aminah"), (Decision.APPROVED, "Marlinae"), (Decision.ENDORSED, "Ahmad Yani, S.Sos")]
    assert plan.steps[1].role == "Kepala Desa Palangan" and plan.steps[2].note == "Mengetahui"


@pytest.mark.parametrize("who, refusal", [("camat.kotabesi", Conflict), ("bupati.kotim", Forbidden),
                                          ("pokja.palangan", Forbidden), ("kades.hanjalipan", Forbidden)])
def test_only_the_kades_takes_the_first_step_of_a_desa_plan(demo_app, who, refusal):
    """The camat's step comes later (409, wrong state); no step is the others' (403)."""
    plan = make_plan(submit=True)
    with pytest.raises(refusal):
        services.approve(actor(who), plan, "", None)
    with pytest.raises(refusal):
        services.return_plan(actor(who), plan, "catatan", None)
    db.session.refresh(plan)
    assert plan.status == PlanStatus.SUBMITTED and len(plan.steps) == 1


@pytest.mark.parametrize("who", ["kades.palangan", "bupati.kotim", "camat.baamang", "pokjanal.kotabesi"])
def test_only_the_camat_endorses_an_approved_desa_plan(demo_app, who):
    plan = make_plan(submit=True)
    services.approve(actor("kades.palangan"), plan, "", None)
    if who == "kades.palangan":  # the kades's own step is done: a second tap changes nothing and says so
        assert services.approve(actor(who), plan, "", None).changed is False
    else:
        with pytest.raises(Forbidden):
            services.approve(actor(who), plan, "", None)
    assert plan.status == PlanStatus.APPROVED and len(plan.steps) == 2


def test_kecamatan_plan_goes_camat_then_kabupaten_approver(demo_app):
    plan = make_plan("pokjanal.kotabesi", "62.02.01", submit=True)
    with pytest.raises(Conflict, match="berstatus Diajukan"):  # the bupati's turn comes after the camat's
        services.approve(actor("bupati.kotim"), plan, "", None)
    services.approve(actor("camat.kotabesi"), plan, "", None)
    assert rules.status_label(plan) == "Disetujui, menunggu Bupati Kotawaringin Timur"
    assert services.approve(actor("camat.kotabesi"), plan, "", None).changed is False  # a double tap
    services.approve(actor("bupati.kotim"), plan, "", None)
    assert plan.status == PlanStatus.ENDORSED and rules.is_final(plan)


def test_kabupaten_plan_is_final_once_its_approver_approves(demo_app):
    plan = make_plan("pokjanal.kotim", "62.02", submit=True)
    assert [s.decision for s in rules.chain(plan.region_code)] == [Decision.APPROVED]
    services.approve(actor("bupati.kotim"), plan, "", None)
    assert plan.status == PlanStatus.APPROVED and rules.is_final(plan) and rules.current_step(plan) is None


def test_drafting_happens_only_at_ones_own_region(demo_app):
    with pytest.raises(Refused) as refused:
        make_plan("pokjanal.kotabesi", "62.02.01.2003")
    assert refused.value.field == "region_code"
    plan = make_plan()
    with pytest.raises(Forbidden):
        services.save_line(actor("pokjanal.kotabesi"), plan, None, line_data(plan.region_code), None)
    with pytest.raises(Forbidden):
        services.submit(actor("kader.palangan"), plan, None)


def test_return_needs_a_note_and_puts_the_plan_back_to_its_drafter(demo_app):
    plan = make_plan(submit=True)
    with pytest.raises(Refused) as refused:
        services.return_plan(actor("kades.palangan"), plan, "  ", None)
    assert refused.value.field == "note" and plan.status == PlanStatus.SUBMITTED
    services.return_plan(actor("kades.palangan"), plan, "Lengkapi lokasi", None)
    assert plan.status == PlanStatus.RETURNED and plan.is_editable
    assert plan.last_return.note == "Lengkapi lokasi"
    services.save_line(actor("pokja.palangan"), plan, plan.lines[0], line_data(plan.region_code, activity="Diperbaiki"), None)
    services.submit(actor("pokja.palangan"), plan, None)
    assert plan.status == PlanStatus.SUBMITTED and plan.last_return is None


def test_a_submitted_or_approved_plan_is_locked(demo_app):
    plan = make_plan(submit=True)
    for attempt in (lambda: services.save_line(actor("pokja.palangan"), plan, None, line_data(plan.region_code), None),
                    lambda: services.delete_line(actor("pokja.palangan"), plan, plan.lines[0], None)):
        with pytest.raises(Conflict, match="terkunci"):
            attempt()
    assert services.submit(actor("pokja.palangan"), plan, None).changed is False  # already submitted: a no-op
    services.approve(actor("kades.palangan"), plan, "", None)
    with pytest.raises(Refused, match="terkunci"):
        services.update_plan(actor("pokja.palangan"), plan, {"year": 2026, "semester": None, "title": "Baru"}, None)
    db.session.refresh(plan)
    assert len(plan.lines) == 2 and plan.title.startswith("Rencana uji")


def test_a_revision_copies_the_lines_and_leaves_the_approved_plan_intact(demo_app):
    plan = make_plan(submit=True)
    with pytest.raises(Refused):
        services.new_revision(actor("pokja.palangan"), plan)
    services.approve(actor("kades.palangan"), plan, "", None)
    services.approve(actor("camat.kotabesi"), plan, "", None)
    revision = services.new_revision(actor("pokja.palangan"), plan)
    assert (revision.revision, revision.previous_id, revision.status) == (2, plan.id, PlanStatus.DRAFT)
    assert [l.activity for l in revision.lines] == [l.activity for l in plan.lines]
    services.save_line(actor("pokja.palangan"), revision, revision.lines[0],
                       line_data(plan.region_code, activity="Diubah di revisi", budget=9), None)
    db.session.expire_all()
    old = db.session.get(Plan, plan.id)
    assert old.status == PlanStatus.ENDORSED and old.lines[0].activity == "Kegiatan 1" and old.lines[0].budget == 1_500_000
    with pytest.raises(Refused, match="sudah ada"):
        services.new_revision(actor("pokja.palangan"), old)


def test_a_stale_version_is_a_conflict_and_overwrites_nothing(demo_app):
    plan = make_plan()
    seen = plan.version
    services.save_line(actor("pokja.palangan"), plan, plan.lines[0], line_data(plan.region_code, activity="Pertama"), seen)
    with pytest.raises(Refused, match="baru saja diubah"):
        services.save_line(actor("pokja.palangan"), plan, plan.lines[0], line_data(plan.region_code, activity="Kedua"), seen)
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).lines[0].activity == "Pertama"


@pytest.mark.parametrize("override, field, message", [
    ({"budget": -5}, "budget", "tidak boleh negatif"),
    ({"activity": "  "}, "activity", "wajib diisi"),
    ({"funding_source": "hibah-asing"}, "funding_source", "Sumber dana tidak dikenal"),
    ({"spm_field": "olahraga"}, "spm_field", "bidang SPM"),
    ({"location": "r:62.02.01.2004"}, "location", "di dalam Desa Palangan"),
    ({"months": []}, "months", "minimal satu bulan"),
])
def test_bad_line_input_is_refused_with_a_clear_message(demo_app, override, field, message):
    plan = make_plan(lines=0)
    with pytest.raises(Refused, match=message) as refused:
        services.save_line(actor("pokja.palangan"), plan, None, line_data(plan.region_code, **override), None)
    assert refused.value.field == field
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).lines == []


def test_another_desas_posyandu_is_not_a_location(demo_app):
    from webapp.demo import first_posyandu

    plan = make_plan(lines=0)
    other = first_posyandu("62.02.01.2004")
    with pytest.raises(Refused, match="Lokasi"):
        services.save_line(actor("pokja.palangan"), plan, None, line_data(plan.region_code, location=f"p:{other.id}"), None)


def test_demo_seeder_is_idempotent_and_fills_each_queue(demo_app):
    from sqlalchemy import func, select

    from webapp.workplans.demo import seed_workplans
    from webapp.workplans.queries import queue

    seed_workplans()
    seed_workplans()
    assert db.session.scalar(select(func.count(Plan.id))) == 6  # five in Kotim, one in TTU
    assert [p.region_code for p in queue(actor("kades.palangan"))] == ["62.02.01.2003"]
    assert [p.region_code for p in queue(actor("camat.kotabesi"))] == ["62.02.01.2004"]
    assert queue(actor("bupati.kotim")) == []
