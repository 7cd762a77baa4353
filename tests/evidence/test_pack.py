"""Picking signals (frozen figures, bad ids refused, a double tap changes nothing), decisions tied to a
signal and whether it cleared, and the body's share of signals cleared within 60 days."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.evidence.helpers import (
    HANJALIPAN, LATEST, MEETING_DAY, SIMPUR, fill_area, june_meeting, kota_besi_notulis, posyandu_of, put_report,
)
from tests.meetings.helpers import actor
from webapp.evidence import pack, services
from webapp.evidence.models import AgendaSignal
from webapp.extensions import db
from webapp.meetings import services as meetings
from webapp.meetings.models import ActionItem, AgendaItem, MinutesRevision
from webapp.refusal import Refused

DS_ID = f"ds:{SIMPUR}:2026-05"


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _drop_simpur(period: int = LATEST, d: int = 20) -> None:
    for posyandu in posyandu_of(SIMPUR):
        put_report(posyandu, period, balita_d=d, balita_n=min(d, 30))
    db.session.commit()


@pytest.fixture
def area(demo_app):
    fill_area(range(LATEST - 6, LATEST + 1))
    _drop_simpur()
    return june_meeting()


def test_a_picked_signal_becomes_an_agenda_item_with_frozen_figures(area):
    picked, new = services.pick(kota_besi_notulis(), area, DS_ID, today=MEETING_DAY)
    assert new and picked.agenda_item.title == "Desa Simpur: D/S turun ke 40,0 % dari rata-rata 80,0 %"
    assert [a.title for a in area.agenda_items][-1] == picked.agenda_item.title
    assert _count(MinutesRevision) == 1
    _drop_simpur(d=40)  # the kader corrects May: the live signal is gone, the picked one keeps its figures
    db.session.expire_all()
    again = db.session.get(AgendaSignal, picked.id)
    assert ("D/S bulan ini", "40,0 %") in [tuple(f) for f in again.frozen["figures"]]
    assert DS_ID not in {s.id for _, signals in pack.collect(pack.meeting_context(area, MEETING_DAY)) for s in signals}


def test_a_second_tap_changes_nothing(area):
    services.pick(kota_besi_notulis(), area, DS_ID, today=MEETING_DAY)
    before = _count(AgendaItem)
    picked, new = services.pick(kota_besi_notulis(), area, DS_ID, today=MEETING_DAY)
    assert not new and _count(AgendaItem) == before and _count(AgendaSignal) == 1


@pytest.mark.parametrize("signal_id", [
    "ds:62.02.05.1001:2026-05",     # another kecamatan's desa
    f"ds:{SIMPUR}:2026-04",         # another month
    f"lapor:{HANJALIPAN}:2026-05",  # a desa with no signal
    "<script>", "",
])
def test_a_signal_outside_the_meetings_area_or_period_is_refused_and_nothing_saved(area, signal_id):
    before = _count(AgendaItem)
    with pytest.raises(Refused) as refused:
        services.pick(kota_besi_notulis(), area, signal_id, today=MEETING_DAY)
    assert refused.value.field == "signal_id" and "tidak ada di bahan rapat ini" in str(refused.value)
    db.session.rollback()
    assert _count(AgendaItem) == before and _count(AgendaSignal) == 0


def test_only_who_runs_the_meeting_picks_and_not_once_final(area):
    from werkzeug.exceptions import Forbidden

    with pytest.raises(Forbidden):
        services.pick(actor("kades.palangan"), area, DS_ID, today=MEETING_DAY)
    area.status = "final"
    db.session.commit()
    with pytest.raises(Forbidden):
        services.pick(kota_besi_notulis(), area, DS_ID, today=MEETING_DAY)


def _decide(meeting, signal_id: str) -> ActionItem:
    picked, _ = services.pick(kota_besi_notulis(), meeting, signal_id, today=MEETING_DAY)
    return meetings.add_action_item(kota_besi_notulis(), meeting, picked.agenda_item,
                                    {"what": "Periksa ulang penimbangan Simpur", "responsible": f"r:{SIMPUR}"})


def _outcome_at(day: dt.date, title: str = "Rakor berikutnya"):
    later = june_meeting(day=day, title=title)
    decisions = pack.build(later, today=day).decisions
    assert len(decisions) == 1
    return decisions[0].outcome


@pytest.mark.parametrize("july_d, status", [(40, "tuntas"), (38, "tuntas"), (30, "belum tuntas"), (10, "memburuk")])
def test_the_following_meeting_says_whether_the_signal_cleared(area, july_d, status):
    _decide(area, DS_ID)
    fill_area([LATEST + 1])
    _drop_simpur(LATEST + 1, july_d)  # June: 80 % → tuntas; 76 % within 5 points; 60 %; 20 % worse than 40 %
    assert _outcome_at(dt.date(2026, 7, 20)).status == status


def test_corrected_data_for_the_same_month_clears_the_signal(area):
    _decide(area, DS_ID)
    assert _outcome_at(dt.date(2026, 6, 25), "Rakor susulan").status == "belum tuntas"
    _drop_simpur(d=40)
    db.session.expire_all()
    later = db.session.scalar(select(AgendaSignal.meeting_id))
    assert later == area.id
    assert pack.build(june_meeting(day=dt.date(2026, 6, 26), title="Rakor lagi"),
                      today=dt.date(2026, 6, 26)).decisions[0].outcome.status == "tuntas"


def test_late_reporting_clears_after_two_months_on_time(demo_app):
    fill_area(range(LATEST - 6, LATEST + 1))
    for posyandu in posyandu_of(HANJALIPAN):
        put_report(posyandu, LATEST, late_days=3)
    db.session.commit()
    meeting = june_meeting()
    picked, _ = services.pick(kota_besi_notulis(), meeting, f"lapor:{HANJALIPAN}:2026-05", today=MEETING_DAY)
    meetings.add_action_item(kota_besi_notulis(), meeting, picked.agenda_item,
                             {"what": "Pendampingan kader", "responsible": f"r:{HANJALIPAN}"})
    fill_area([LATEST + 1])
    assert _outcome_at(dt.date(2026, 7, 20), "Rakor Juli").status == "belum tuntas"  # one month on time
    fill_area([LATEST + 2])
    assert _outcome_at(dt.date(2026, 8, 20), "Rakor Agustus").status == "tuntas"


def test_the_cleared_within_60_days_rate_equals_a_recomputation(area):
    _decide(area, DS_ID)                                   # June decision: clears in July's data
    june2 = june_meeting(day=dt.date(2026, 6, 22), title="Rakor Juni 2")
    fill_area([LATEST + 1])
    _drop_simpur(LATEST + 1, 40)
    kec = area.region
    for posyandu in posyandu_of(HANJALIPAN):
        put_report(posyandu, LATEST, late_days=3)
    db.session.commit()
    picked, _ = services.pick(kota_besi_notulis(), june2, f"lapor:{HANJALIPAN}:2026-05", today=dt.date(2026, 6, 22))
    meetings.add_action_item(kota_besi_notulis(), june2, picked.agenda_item,
                             {"what": "Pendampingan kader", "responsible": f"r:{HANJALIPAN}"})
    # August: both decisions are older than 60 days. D/S cleared (July back at 80 %); Hanjalipan had one
    # month on time in July and nothing more by 21 August: not cleared.
    rate = pack.cleared_rate(kec, today=dt.date(2026, 8, 25))
    assert (rate.cleared, rate.judged, rate.waiting) == (1, 2, 0) and rate.share == 0.5
    # On 1 July neither is 60 days old and neither has cleared yet: both wait, the share is not shown.
    early = pack.cleared_rate(kec, today=dt.date(2026, 7, 1))
    assert (early.cleared, early.judged, early.waiting) == (0, 0, 2) and early.share is None
    recomputed = [pack.judge(s, pack.build_context(kec, min(s.meeting.starts_at.date() + dt.timedelta(days=60),
                                                            dt.date(2026, 8, 25)), since=LATEST)).status
                  for s in db.session.scalars(select(AgendaSignal))]
    assert recomputed.count("tuntas") == rate.cleared
