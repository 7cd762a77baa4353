"""The dashboard's decision and data-quality figures (/pemantauan/keputusan/<code>, loaded into the region's
dashboard): each equals a plain recomputation; outside one's area it does not exist."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import select

from tests.evidence.helpers import (
    KOTA_BESI, LATEST, MEETING_DAY, PALANGAN, SIMPUR, fill_area, june_meeting, kota_besi_notulis, posyandu_of, put_report,
)
from webapp.evidence import pack, services
from webapp.signals.keys import unit_of, year_month
from webapp.evidence.models import AgendaSignal
from webapp.evidence.outcomes import body_rates, flag_rates
from webapp.extensions import db
from webapp.meetings import services as meetings
from webapp.meetings.models import ActionItem
from webapp.regions.models import Region
from webapp.reports.models import MonthlyReport, Status
from webapp.reports.sentinel import flags_for

MONTHS = list(range(LATEST - 6, LATEST + 1))


def _region(code: str) -> Region:
    return db.session.get(Region, code)


def _decide(meeting, signal_id: str, today: dt.date) -> None:
    picked, _ = services.pick(kota_besi_notulis(), meeting, signal_id, today=today)
    meetings.add_action_item(kota_besi_notulis(), meeting, picked.agenda_item,
                             {"what": "Pendampingan", "responsible": f"r:{SIMPUR}"})


@pytest.fixture
def decided(demo_app):
    """Two Kota Besi decisions: Simpur's D/S drop (clears in July) and Hanjalipan's late reports (does not)."""
    fill_area(MONTHS)
    for posyandu in posyandu_of(SIMPUR):
        put_report(posyandu, LATEST, balita_d=20, balita_n=20)
    for posyandu in posyandu_of("62.02.01.2004"):
        put_report(posyandu, LATEST, late_days=3)
    db.session.commit()
    _decide(june_meeting(), f"ds:{SIMPUR}:2026-05", MEETING_DAY)
    _decide(june_meeting(day=dt.date(2026, 6, 22), title="Rakor Juni 2"), "lapor:62.02.01.2004:2026-05",
            dt.date(2026, 6, 22))
    fill_area([LATEST + 1])
    return demo_app


def _plain_rate(code: str, today: dt.date) -> tuple[int, int, int]:
    """Each decision of the body judged on its own, as of 60 days after its meeting (or today)."""
    cleared = judged = waiting = 0
    rows = db.session.execute(select(ActionItem, AgendaSignal).join(
        AgendaSignal, AgendaSignal.agenda_item_id == ActionItem.agenda_item_id)).all()
    for item, signal in rows:
        if item.meeting.region_code != code:
            continue
        deadline = item.meeting.starts_at.date() + dt.timedelta(days=60)
        status = pack.judge(signal, pack.build_context(_region(code), min(deadline, today), since=LATEST)).status
        if status == "tuntas":
            cleared, judged = cleared + 1, judged + 1
        elif deadline <= today:
            judged += 1
        else:
            waiting += 1
    return cleared, judged, waiting


@pytest.mark.parametrize("today", [dt.date(2026, 7, 1), dt.date(2026, 8, 25)])
def test_the_60_day_rate_per_body_equals_a_recomputation(decided, today):
    rows = body_rates(_region("62.02"), today)
    assert [(r.region.code, r.decisions, r.name) for r in rows] == [(KOTA_BESI, 2, "Pokjanal Posyandu Kec. Kota Besi")]
    rate = rows[0].rate
    assert (rate.cleared, rate.judged, rate.waiting) == _plain_rate(KOTA_BESI, today)
    assert body_rates(_region(PALANGAN), today) == []  # a desa body with no data-born decisions


def _plain_flags(code: str, periods: list[int]) -> dict[str, tuple[int, int]]:
    found: dict[str, Counter] = {}
    for report in db.session.scalars(select(MonthlyReport).where(MonthlyReport.region_code.startswith(code + "."))):
        period = report.year * 12 + report.month - 1
        if period not in periods or report.status not in (Status.SUBMITTED, Status.RETURNED, Status.VERIFIED):
            continue
        unit = found.setdefault(unit_of(code, report.region_code, report.posyandu_id), Counter())
        unit["received"] += 1
        unit["flagged"] += bool(flags_for(report))
    return {u: (c["flagged"], c["received"]) for u, c in found.items()}


def test_the_flag_rate_per_desa_equals_a_recomputation(demo_app):
    fill_area(MONTHS)
    palangan, simpur = posyandu_of(PALANGAN), posyandu_of(SIMPUR)
    put_report(palangan[0], LATEST, kader_on_duty=0)                       # services with no kader
    put_report(palangan[1], LATEST - 1, balita_s=60, balita_d=40, balita_n=30, measured=40, stunted=6,
               balita_bgm=2, ibu_hamil_examined=10, ibu_hamil_kek=2, home_visits=4)  # all even
    put_report(simpur[0], LATEST, balita_d=5)                              # D falls beyond the warning rule
    draft = put_report(simpur[1], LATEST, kader_on_duty=0)
    draft.status = Status.DRAFT                                            # not received: not counted
    db.session.commit()
    periods = [LATEST - 1, LATEST]
    rows, total = flag_rates(_region(KOTA_BESI), periods)
    plain = _plain_flags(KOTA_BESI, periods)
    assert {r.code: (r.flagged, r.received) for r in rows if r.received} == plain
    assert (total.flagged, total.received) == (sum(f for f, _ in plain.values()), sum(n for _, n in plain.values()))
    assert {r.code: r.flagged for r in rows if r.flagged} == {PALANGAN: 2, SIMPUR: 1}


def test_the_page_shows_both_figures_and_the_dashboard_loads_it(decided, demo_client, login_as):
    login_as(demo_client, "camat.kotabesi")
    month = "%04d-%02d" % year_month(LATEST)
    page = demo_client.get(f"/pemantauan/keputusan/{KOTA_BESI}?bulan={month}").get_data(as_text=True)
    rate = body_rates(_region(KOTA_BESI))[0].rate
    assert f'<td class="num">{rate.cleared} dari {rate.judged}<br>' in page and "Pokjanal Posyandu Kec. Kota Besi" in page
    rows, total = flag_rates(_region(KOTA_BESI), [LATEST])
    simpur = next(r for r in rows if r.code == SIMPUR)
    assert (f'<tr data-code="{SIMPUR}"><th scope="row">Desa Simpur</th>'
            f'<td class="num">{simpur.flagged} dari {simpur.received}<br>') in page
    fragment = demo_client.get(f"/pemantauan/keputusan/{KOTA_BESI}", headers={"HX-Request": "true"})
    assert "<html" not in fragment.get_data(as_text=True) and 'id="tanda-per-wilayah"' in fragment.get_data(as_text=True)
    board = demo_client.get(f"/pemantauan/{KOTA_BESI}").get_data(as_text=True)
    assert f'hx-get="/pemantauan/keputusan/{KOTA_BESI}?bulan=' in board and 'hx-trigger="load"' in board


@pytest.mark.parametrize("username, code, status", [
    ("camat.baamang", KOTA_BESI, 404),       # another kecamatan
    ("kader.palangan", KOTA_BESI, 404),      # above a kader's own desa
    ("camat.kotabesi", "62.02", 404),        # above one's own area
    ("bupati.kotim", "62", 404),             # a province has no body figures
    ("camat.kotabesi", "62.02.01.9999", 404),
])
def test_outside_ones_area_it_does_not_exist(demo_app, demo_client, login_as, username, code, status):
    login_as(demo_client, username)
    assert demo_client.get(f"/pemantauan/keputusan/{code}").status_code == status


def test_a_bad_month_is_said_and_the_page_still_answers(demo_app, demo_client, login_as):
    login_as(demo_client, "camat.kotabesi")
    response = demo_client.get(f"/pemantauan/keputusan/{KOTA_BESI}?bulan=2019-13")
    assert response.status_code == 422 and "Bulan tidak dikenal" in response.get_data(as_text=True)


@pytest.mark.parametrize("username, code, most", [("bupati.kotim", "62.02", 10), ("camat.kotabesi", KOTA_BESI, 10)])
def test_the_figures_cost_a_bounded_number_of_statements(full_demo, demo_client, login_as, username, code, most):
    from tests.test_request_cost import statements

    login_as(demo_client, username)
    demo_client.get(f"/pemantauan/keputusan/{code}")
    with statements() as seen:
        assert demo_client.get(f"/pemantauan/keputusan/{code}").status_code == 200
    assert len(seen) <= most, "\n".join(s[:120] for s in seen)
