"""What a signed-in page costs the database, counted (never timed): bounded statements, dashboards
from the summary at every tier, one statement for the user and grants, and light dashboard HTML."""
from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from webapp.demo import first_posyandu
from webapp.extensions import db

# (user, path, most statements): the demo's main pages; a page that loads per row would pass these.
PAGES = [
    ("kader.palangan", "/", 12),
    ("kader.palangan", "/laporan/", 10),
    ("kader.palangan", "/laporan/posyandu/{posyandu}/{month}", 10),
    ("camat.kotabesi", "/", 20),  # +1 the mitra link on a role, +2 the lembaga/mitra panels, +1 findings
    ("bupati.kotim", "/", 20),  # +6 the kabupaten figures panel (issue 14), +1 the mitra link, +1 findings
    ("camat.kotabesi", "/laporan/rekap/62.02.01", 10),
    ("camat.kotabesi", "/laporan/kelengkapan/62.02.01", 10),
    ("camat.kotabesi", "/pemantauan/62.02.01", 16),
    ("bupati.kotim", "/pemantauan/62.02", 16),
    ("bupati.kotim", "/pemantauan/62.02/kelembagaan", 10),  # 5 grouped reads, the same for 17 or 300 desa
    ("pokjanal.kotim", "/lembaga", 12),
    ("camat.kotabesi", "/rencana-kerja/{plan}", 10),
    ("pokjanal.kotim", "/rapat/{meeting}", 6),
    ("pokjanal.kotim", "/rapat/{meeting}/notulen", 13),  # 15 before issue 17: every user shown brought its roles
    ("dinkes.kotim", "/mitra/{mitra}", 9),  # 13 before issue 17: one statement per plan carried
]


@pytest.fixture
def demo(full_demo):
    """The demo: these tests count what rendering a page costs."""
    return full_demo


@contextmanager
def statements():
    """The SQL statements run inside the block (BEGIN left out)."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many):
        if statement.strip().upper() != "BEGIN":
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _month() -> str:
    from tests.reports.helpers import month_text
    return month_text()


def _ids() -> dict:
    """The demo objects the pages above name: Kota Besi's first plan, Kotim's first meeting, Kotim's Dinkes."""
    from webapp.meetings.models import Meeting
    from webapp.mitra.models import Mitra
    from webapp.workplans.models import Plan

    first = {model: db.session.scalar(db.select(model.id).where(where).order_by(model.id)) for model, where in (
        (Plan, Plan.region_code == "62.02.01"), (Meeting, Meeting.region_code == "62.02"),
        (Mitra, (Mitra.kabupaten_code == "62.02") & (Mitra.short_name == "Dinkes")))}
    return {"posyandu": first_posyandu("62.02.01.2003").id, "month": _month(), "plan": first[Plan],
            "meeting": first[Meeting], "mitra": first[Mitra]}


@pytest.mark.parametrize("username, path, most", PAGES)
def test_each_page_runs_a_bounded_number_of_statements(demo, demo_client, login_as, username, path, most):
    login_as(demo_client, username)
    path = path.format(**_ids())
    demo_client.get(path)  # warm: first-use loads (e.g. settings) are not what is bounded
    with statements() as seen:
        assert demo_client.get(path).status_code == 200
    assert len(seen) <= most, "\n".join(s[:120] for s in seen)


def test_the_user_and_grants_are_one_statement(demo, demo_client, login_as):
    login_as(demo_client, "pokja.palangan")
    with statements() as seen:
        demo_client.get("/laporan/")
    first = seen[0]
    assert "FROM user" in first.replace('"', "") and "role_assignment" in first
    assert not any(s.lstrip().startswith("SELECT role_assignment") for s in seen)


@pytest.mark.parametrize("username, code", [("camat.kotabesi", "62.02.01"), ("bupati.kotim", "62.02"),
                                            ("pokjanal.ttu", "53.03"), ("kades.palangan", "62.02.01.2003")])
def test_region_dashboards_read_the_summary_not_the_reports(demo, demo_client, login_as, username, code):
    """Every tier from kecamatan up sums summary rows; a desa lists its few Posyandu from their reports."""
    login_as(demo_client, username)
    with statements() as seen:
        assert demo_client.get(f"/pemantauan/{code}?rentang=12").status_code == 200
    from_reports = [s for s in seen if "FROM monthly_report" in s]
    # desa: its Posyandu's figures in one grouped read; the first month and aktif come from indexes and summaries
    assert len(from_reports) == (1 if code.count(".") == 3 else 0), from_reports


def test_the_kabupaten_dashboard_stays_light(demo, demo_client, login_as):
    """Formulas once in a glossary, a row's worked numbers on its own page: ≤ 40 KB of HTML."""
    login_as(demo_client, "bupati.kotim")
    page = demo_client.get("/pemantauan/62.02?rentang=12").get_data(as_text=True)
    assert len(page.encode()) <= 40_000
    assert page.count("<details") <= 40  # the summary's figures and the glossary, not one per cell
    assert "Cara menghitung angka di tabel" in page and "D/S = Σ D ÷ Σ S" in page


def test_a_camat_or_bupati_verifies_nowhere_so_nothing_is_loaded(demo):
    from tests.reports.helpers import actor
    from webapp.reports import queries
    from webapp.reports.models import MonthlyReport, Status
    from webapp.reports.rules import REPORT_FLOW

    for username in ("camat.kotabesi", "bupati.kotim"):
        who = actor(username)
        with statements() as seen:
            assert queries.waiting_to_verify(who) == []
        assert seen == []
    pokja = actor("pokja.palangan")
    submitted = db.session.scalars(db.select(MonthlyReport).where(MonthlyReport.status == Status.SUBMITTED)).all()
    assert queries.waiting_to_verify(pokja) == sorted((r for r in submitted if REPORT_FLOW.may(pokja, r, "verify")),
                                                      key=lambda r: r.submitted_at)
    assert queries.waiting_to_verify(pokja)
