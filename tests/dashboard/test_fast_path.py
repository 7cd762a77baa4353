"""The summary tables give exactly what a plain recomputation from the reports gives, and stay so."""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from tests.dashboard.helpers import board
from webapp.access import Actor
from webapp.auth.models import User
from webapp.dashboard import summary
from webapp.dashboard.models import DashboardMonth, DashboardRegistry
from webapp.dashboard.periods import last_complete
from webapp.extensions import db
from webapp.regions.models import Posyandu
from webapp.reports.models import MonthlyReport, Status


def _figures(board_) -> list:
    """Every figure text and explanation of every row and the total, plus the trend points."""
    rows = [(r.code, {k: (f.text, f.numbers) for k, f in r.figures.items()}) for r in (*board_.rows, board_.total)]
    return [rows, [dataclasses.astuple(t) for t in board_.trends]]


def _summary_rows() -> list:
    return [sorted(tuple(r) for r in db.session.execute(select(table)))
            for table in (DashboardMonth.__table__, DashboardRegistry.__table__)]


@pytest.fixture
def demo(full_demo):
    return full_demo


def _actor(username: str) -> Actor:
    return Actor(db.session.scalar(select(User).where(User.username == username)))


def test_fast_path_equals_recomputation_on_the_demo_data(demo):
    end = last_complete("Asia/Pontianak")
    assert db.session.scalar(select(DashboardMonth.period).limit(1)) is not None
    checked = 0
    for username, code in (("bupati.kotim", "62.02"), ("admin.ttu", "53.03"), ("camat.kotabesi", "62.02.01"),
                           ("camat.kefamenanu", "53.03.05"), ("kades.palangan", "62.02.01.2003")):
        actor = _actor(username)
        for months in (1, 12):
            for period in range(end - 12, end + 1):
                fast, plain = board(actor, code, period, months, True), board(actor, code, period, months, False)
                assert _figures(fast) == _figures(plain), (code, period, months)
                checked += 1
    assert checked == 130


def test_the_summary_written_on_each_change_equals_a_full_rebuild(demo):
    kept = _summary_rows()
    report = db.session.scalars(select(MonthlyReport).where(MonthlyReport.status == Status.SUBMITTED)).first()
    report.status = Status.VERIFIED
    report.balita_d = (report.balita_s or 0)  # every balita weighed this month
    db.session.commit()
    changed = _summary_rows()
    assert changed != kept
    summary.rebuild(db.session.connection())
    db.session.commit()
    assert _summary_rows() == changed

    actor = _actor("bupati.kotim")
    assert _figures(board(actor, "62.02", report.year * 12 + report.month - 1)) == _figures(
        board(actor, "62.02", report.year * 12 + report.month - 1, fast=False))


def test_a_draft_save_leaves_the_summary_alone(demo):
    kept = _summary_rows()
    draft = db.session.scalars(select(MonthlyReport).where(MonthlyReport.status == Status.DRAFT)).first()
    draft.balita_d = 1
    db.session.commit()
    assert _summary_rows() == kept


def test_a_registry_change_reaches_the_summary(demo):
    """Kader with an SK and a Posyandu closed in the registry change the aktif share at once."""
    actor, end = _actor("bupati.kotim"), last_complete("Asia/Pontianak")
    before = board(actor, "62.02", end).total.figures["aktif"].numbers
    posyandu = db.session.scalars(select(Posyandu).where(Posyandu.region_code.startswith("62.02.01."),
                                                         Posyandu.kader_with_sk >= 5)).first()
    posyandu.kader_with_sk = 2
    other = db.session.scalars(select(Posyandu).where(Posyandu.region_code.startswith("62.02.05."))).first()
    other.is_active = False
    db.session.commit()
    changed = _summary_rows()
    assert board(actor, "62.02", end).total.figures["aktif"].numbers != before
    assert _figures(board(actor, "62.02", end)) == _figures(board(actor, "62.02", end, fast=False))
    summary.rebuild(db.session.connection())
    assert _summary_rows() == changed
