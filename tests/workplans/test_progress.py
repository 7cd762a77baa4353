"""Lines owned by mitra, realisation with history, separation of duties, the roll-up matrix and the
funding-source migration."""
import datetime as dt
import random

import pytest
import sqlalchemy as sa
from werkzeug.exceptions import Forbidden

from tests.workplans.helpers import actor, line_data, make_carried_line, make_plan
from webapp.extensions import db
from webapp.mitra.demo import find
from webapp.refusal import Conflict, Refused
from webapp.regions.models import Region
from webapp.spm import FundingSource, SpmField
from webapp.workplans import rules, services
from webapp.workplans.rollup import rollup
from webapp.workplans.models import PlanLine, Progress


def test_the_drafter_or_submitter_never_approves_the_plan(demo_app):
    plan = make_plan(drafter="kades.palangan", submit=True)  # the kades drafted and submitted it himself
    assert not rules.PLAN_FLOW.may(actor("kades.palangan"), plan, "approve")
    with pytest.raises(Forbidden):
        services.approve(actor("kades.palangan"), plan, "", None)
    db.session.refresh(plan)
    assert plan.status == "diajukan" and len(plan.steps) == 1
    other = make_plan(year=2027, submit=True)  # drafted by pokja.palangan: the kades may approve
    services.approve(actor("kades.palangan"), other, "", None)
    assert other.status == "disetujui"


@pytest.mark.parametrize("data, field", [
    ({"mitra_id": "987654"}, "mitra_id"),
    ({"activity_code": "2.2"}, "activity_code"),
    ({"activity_code": "02-02-02"}, "activity_code"),
    ({"volume": -3, "unit_price": 1000}, "volume"),
    ({"volume": 2, "unit_price": -1}, "unit_price"),
    ({"unit_price": 1000}, "volume"),
])
def test_bad_line_input_is_refused_next_to_its_field_and_nothing_saved(demo_app, data, field):
    plan = make_plan(lines=0)
    with pytest.raises(Refused) as refused:
        services.save_line(actor("pokja.palangan"), plan, None, line_data("62.02.01.2003", **data), None)
    assert refused.value.field == field and str(refused.value)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(PlanLine.id))) == 0


def test_a_kelurahan_plan_cannot_draw_on_apbdes_sources(demo_app):
    plan = make_plan(drafter="lurah.benpasi", region_code="53.03.05.1005", lines=0)
    with pytest.raises(Refused, match="Kelurahan tidak punya APBDes") as refused:
        services.save_line(actor("lurah.benpasi"), plan, None, line_data("53.03.05.1005", funding_source="dd"), None)
    assert refused.value.field == "funding_source"
    line = services.save_line(actor("lurah.benpasi"), plan, None,
                              line_data("53.03.05.1005", funding_source="apbd_kab"), None)
    assert line.source_label == "APBD kabupaten"


def test_a_mitra_of_another_kabupaten_cannot_carry_a_line(demo_app):
    plan = make_plan(lines=0)
    ttu = find("53.03", "Dinkes")
    with pytest.raises(Refused, match="bukan mitra kabupaten ini"):
        services.save_line(actor("pokja.palangan"), plan, None, line_data("62.02.01.2003", mitra_id=str(ttu.id)), None)


def test_volume_times_price_is_the_budget_and_the_code_is_kept(demo_app):
    plan = make_plan(lines=0)
    line = services.save_line(actor("pokja.palangan"), plan, None, line_data(
        "62.02.01.2003", volume=12, unit="kali", unit_price=300_000, budget=None, activity_code="02.02.02",
        mitra_id=str(find("62.02", "PKM Kota Besi").id), output="12 hari buka"), None)
    assert (line.budget, line.pelaksana_label, line.activity_code) == (3_600_000, "PKM Kota Besi", "02.02.02")


def test_realisation_by_the_mitra_of_the_agency_is_kept_with_who_and_when(demo_app):
    line = make_carried_line()
    dinkes = actor("dinkes.kotim")
    taken = services.record_progress(dinkes, line, {"progress": "berjalan", "spent": 600_000,
                                                    "output_achieved": "PMT 10 hari", "evidence": "kuitansi"})
    assert taken.changed and line.progress == Progress.RUNNING and line.spent == 600_000
    services.record_progress(actor("pokja.palangan"), line, {"progress": "selesai", "spent": 1_400_000})
    assert [(e.action, e.name, e.spent) for e in line.progress_events] == [
        ("start", "dr. Fauziah Rahmah", 600_000), ("finish", "Siti Aminah", 1_400_000)]
    assert line.progress_events[0].role == "PKM Kota Besi"


def test_realisation_refusals(demo_app):
    line = make_carried_line()
    with pytest.raises(Forbidden):  # another mitra, and a member of another tier
        services.record_progress(actor("pokjanal.kotabesi"), line, {"progress": "berjalan", "spent": 1})
    with pytest.raises(Refused) as over:
        services.record_progress(actor("dinkes.kotim"), line, {"progress": "berjalan", "spent": 2_300_000})
    assert over.value.field == "spent" and "150%" in str(over.value)
    with pytest.raises(Refused) as reason:
        services.record_progress(actor("dinkes.kotim"), line, {"progress": "batal", "spent": 0})
    assert reason.value.field == "evidence"
    with pytest.raises(Refused):
        services.record_progress(actor("dinkes.kotim"), line, {"progress": "berjalan", "spent": None})
    db.session.rollback()
    assert line.progress == Progress.NOT_STARTED and line.progress_events == []
    services.record_progress(actor("dinkes.kotim"), line, {"progress": "berjalan", "spent": 2_300_000,
                                                           "confirm": True})
    assert line.spent == 2_300_000
    draft_line = make_plan(year=2028).lines[0]
    with pytest.raises(Conflict):
        services.record_progress(actor("pokja.palangan"), draft_line, {"progress": "berjalan", "spent": 0})


def test_rollup_matrix_equals_a_plain_recomputation_on_random_data(demo_app):
    rng = random.Random(11)
    mitra = [None, find("62.02", "Dinkes").id, find("62.02", "PKM Kota Besi").id, find("62.02", "PUPR").id]
    for drafter, code in (("pokja.palangan", "62.02.01.2003"), ("pokja.hanjalipan", "62.02.01.2004")):
        plan = make_plan(drafter=drafter, region_code=code, lines=0)
        for n in range(12):
            services.save_line(actor(drafter), plan, None, line_data(
                code, activity=f"K{n}", spm_field=rng.choice(list(SpmField)).value,
                funding_source=rng.choice(list(FundingSource)).value, budget=rng.randrange(0, 10**7),
                mitra_id=rng.choice(mitra)), None)
        services.submit(actor(drafter), plan, None)
        if code.endswith("2003"):
            services.approve(actor("kades.palangan"), plan, "", None)
            for line in plan.lines[:5]:
                services.record_progress(actor("pokja.palangan"), line, {"progress": "berjalan",
                                                                        "spent": line.budget // 2})
    data = rollup(actor("camat.kotabesi"), db.session.get(Region, "62.02.01"), 2026)
    lines = db.session.scalars(sa.select(PlanLine)).all()
    expected = {}
    for line in lines:
        who = line.mitra and (f"{line.mitra.parent.short_name} — " if line.mitra.parent else "") + line.mitra.short_name
        key = (line.field_label, line.source_label, who or "Tim/Pokja sendiri")
        ok = rules.is_approved(line.plan)
        a, e, s = expected.get(key, (0, 0, 0))
        expected[key] = (a + (line.budget if ok else 0), e + line.budget, s + (line.spent if ok else 0))
    assert {(r.field, r.source, r.pelaksana): (r.approved, r.every, r.spent) for r in data.matrix} == expected
    assert data.spent == sum(v[2] for v in expected.values()) and data.total[0] == sum(v[0] for v in expected.values())


def test_old_funding_source_values_are_migrated_without_loss(tmp_path):
    from flask_migrate import downgrade, upgrade

    from tests.conftest import database_at

    with database_at(tmp_path / "m.sqlite3", "1502_share_links"):
        with db.engine.begin() as conn:
            conn.execute(sa.text("INSERT INTO region (code, name, level, parent_code) VALUES ('62', 'Kalteng', "
                                 "'provinsi', NULL)"))
            conn.execute(sa.text("INSERT INTO user (id, username, full_name, jabatan, nip, password_hash, "
                                 "is_enabled, session_version, created_at) VALUES (1, 'u', 'U', '', '', 'x', 1, 1, "
                                 "'2026-01-01')"))
            conn.execute(sa.text("INSERT INTO plan (id, region_code, year, title, background, status, revision, "
                                 "created_by_id, created_at, updated_at, status_changed_at, version) VALUES "
                                 "(1, '62', 2025, 'T', '', 'draf', 1, 1, '2026-01-01', '2026-01-01', '2026-01-01', 1)"))
            for n, source in enumerate(["apbdes", "apbd", "add", "bok", "csr", "swadaya", "lainnya", "apbdes"]):
                conn.execute(sa.text("INSERT INTO plan_line (plan_id, position, activity, spm_field, indicator, "
                                     "target_value, target_group, months, person_in_charge, budget, funding_source) "
                                     f"VALUES (1, {n}, 'A', 'kesehatan', '', '', '', '1', '', 100, '{source}')"))
        upgrade(revision="head")
        with db.engine.connect() as conn:
            after = [r[0] for r in conn.execute(sa.text("SELECT funding_source FROM plan_line ORDER BY position"))]
        assert after == ["dd", "apbd_kab", "add", "bok", "csr", "swadaya", "lainnya", "dd"]
        assert set(after) <= set(FundingSource)
        downgrade(revision="1502_share_links")
        with db.engine.connect() as conn:
            back = [r[0] for r in conn.execute(sa.text("SELECT funding_source FROM plan_line ORDER BY position"))]
        assert back == ["apbdes", "apbd", "add", "bok", "csr", "swadaya", "lainnya", "apbdes"]


def test_need_without_allocation_lists_a_desa_until_its_plan_funds_a_posyandu(demo_app):
    from tests.reports.helpers import fill, last_month, palangan_posyandu
    from webapp.reports.models import Status

    year, month = last_month()
    report = fill(actor("kader.palangan"), palangan_posyandu(), year, month, balita_d=12, balita_n=8)  # D/S 25%
    report.status = Status.SUBMITTED
    db.session.commit()
    kota_besi = db.session.get(Region, "62.02.01")
    found = rollup(actor("camat.kotabesi"), kota_besi, year).needs
    assert [(n.region.code, n.reasons) for n in found] == [("62.02.01.2003", ["D/S 25%"])]
    assert rollup(actor("camat.baamang"), db.session.get(Region, "62.02.05"), year).needs == []
    make_plan(year=year, lines=1)  # its line is at Palangan's first Posyandu
    assert rollup(actor("camat.kotabesi"), kota_besi, year).needs == []


def test_realisation_is_its_own_report_never_an_annex_and_never_one_name_in_two_signature_blocks(demo_app):
    import io

    from pypdf import PdfReader

    from webapp import pdf
    from webapp.workplans.models import Decision
    from webapp.workplans.printing import pdf_context, realisation_context, signatures

    line = make_carried_line()
    services.record_progress(actor("dinkes.kotim"), line, {"progress": "berjalan", "spent": 750_000,
                                                           "output_achieved": "PMT 15 hari"})
    plan = line.plan
    with demo_app.test_request_context():
        data = pdf.render_pdf("pdf/workplan.html", **pdf_context(plan))
        report = pdf.render_pdf("pdf/workplan_realisation.html", **realisation_context(plan, dt.date(2026, 3, 2)))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "PKM Kota Besi" in text and "realisasi" not in text.lower() and "PMT 15 hari" not in text
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report)).pages)
    assert "LAPORAN REALISASI RENCANA KERJA" in text and "Keadaan per 2 Maret 2026" in text
    assert "PKM Kota Besi" in text and "750.000" in text and "PMT 15 hari" in text
    # a plan approved before the rule by the person who also submitted it: the name is printed once
    plan.steps[1].name = plan.steps[0].name
    assert plan.steps[1].decision == Decision.APPROVED
    blocks = signatures(plan, "Asia/Pontianak", "Palangan")  # what an approval step freezes
    names = [b["name"] for b in blocks if b["name"]]
    assert len(names) == len(set(names)) and names.count("Siti Aminah") == 1


def test_rollup_as_pdf_and_excel(demo_client, login_as):
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader

    make_carried_line()
    db.session.commit()
    login_as(demo_client, "camat.kotabesi")
    pdf = demo_client.get("/rencana-kerja/rekap.pdf?wilayah=62.02.01&tahun=2026")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Kesehatan · Dana Desa · Dinkes — PKM Kota Besi" in text and "Palangan" in text
    book = load_workbook(io.BytesIO(demo_client.get("/rencana-kerja/rekap.xlsx?wilayah=62.02.01&tahun=2026").data))
    rows = list(book["Bidang x sumber x pelaksana"].values)
    assert ("Kesehatan", "Dana Desa", "Dinkes — PKM Kota Besi", 1_500_000) in {row[:4] for row in rows}
    login_as(demo_client, "camat.baamang")
    assert demo_client.get("/rencana-kerja/rekap.pdf?wilayah=62.02.01&tahun=2026").status_code == 404
