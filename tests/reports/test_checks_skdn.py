"""The sharper checks of issue 13: N and T within D − O − B, 2T ≤ T ≤ D, D within those served, S against the
ILP targets, underweight and immunised within their bases, vitamin A outside February/August; blank never 0."""
import pytest

from tests.reports.test_checks import TODAY, values
from webapp.reports import checks


def _errors(**counts):
    return checks.errors(values(**counts), 2026, 10, TODAY)


@pytest.mark.parametrize("counts, field, text", [
    ({"balita_d": 30, "balita_o": 4, "balita_b": 2, "balita_n": 25}, "balita_n", "D − O − B (30 − 4 − 2 = 24)"),
    ({"balita_d": 30, "balita_o": 4, "balita_b": 2, "balita_t": 25}, "balita_t", "T (25) tidak boleh lebih"),
    ({"balita_d": 10, "balita_t": 11}, "balita_t", "T (tidak naik) tidak boleh lebih dari D"),
    ({"balita_t": 3, "balita_2t": 4}, "balita_2t", "2T (tidak naik dua kali) tidak boleh lebih dari T"),
    ({"balita_d": 30, "bayi_served": 8, "balita_served": 20}, "balita_d", "bayi + balita yang dilayani (8 + 20 = 28)"),
    ({"balita_d": 20, "underweight": 21}, "underweight", "Berat badan kurang tidak boleh lebih dari D"),
    ({"bayi_served": 5, "bayi_immunised": 6}, "bayi_immunised", "Bayi diimunisasi tidak boleh lebih"),
])
def test_each_new_rule_blocks_with_its_numbers(counts, field, text):
    found = _errors(**counts)
    assert any(text in message for message in found[field]), found


def test_the_rules_pass_at_their_limits():
    assert _errors(balita_d=30, balita_o=4, balita_b=2, balita_n=24, balita_t=24, balita_2t=24, underweight=30,
                   bayi_served=10, balita_served=20, bayi_immunised=10) == {}


def test_a_blank_part_is_not_taken_as_zero():
    # O blank: N is checked against D only (N ≤ D), not against D − 0 − B.
    assert "balita_n" not in _errors(balita_d=30, balita_b=2, balita_n=29)
    # Served blank: D is not compared with 0 served.
    assert "balita_d" not in _errors(balita_d=30, bayi_served=None, balita_served=20)
    assert "balita_2t" not in _errors(balita_2t=3)  # T not reported


def test_s_against_the_ilp_targets_warns_with_both_numbers():
    found = checks.warnings(values(balita_s=40, bayi_target=10, balita_target=25, balita_d=30), [], 10)
    assert "S (40) tidak sama dengan sasaran bayi + balita (10 + 25 = 35)" in found["balita_s"][0]
    assert "balita_s" not in checks.warnings(values(balita_s=35, bayi_target=10, balita_target=25, balita_d=30), [], 10)
    assert "balita_s" not in checks.warnings(values(balita_s=40, bayi_target=10, balita_d=30), [], 10)


def test_vitamin_a_outside_february_and_august_warns():
    assert "Februari dan Agustus" in checks.warnings(values(vitamin_a=12), [], 10)["vitamin_a"][0]
    for month in (2, 8):
        assert "vitamin_a" not in checks.warnings(values(vitamin_a=12), [], month)
    assert "vitamin_a" not in checks.warnings(values(vitamin_a=0), [], 10)


def test_every_demo_month_passes_the_new_checks_and_sasaran_stay_stable(demo_app):
    from sqlalchemy import select

    from webapp.extensions import db
    from webapp.reports import queries
    from webapp.reports.demo import seed_reports
    from webapp.reports.models import MonthlyReport

    seed_reports()
    db.session.commit()
    targets: dict[int, set] = {}
    served_below_target = 0
    for report in db.session.scalars(select(MonthlyReport)):
        values = queries.values_of(report)
        assert checks.errors(values, report.year, report.month, TODAY.replace(year=2100)) == {}, report.id
        found = checks.warnings(values, [], report.month)
        assert "balita_s" not in found and "vitamin_a" not in found, (report.id, found)
        if not report.closed:
            targets.setdefault(report.posyandu_id, set()).add((report.bayi_target, report.balita_target))
            served_below_target += report.lansia_served < report.lansia_target
    assert all(len(pairs) == 1 for pairs in targets.values())  # the same sasaran every month
    assert served_below_target > 0  # served is not always the target
