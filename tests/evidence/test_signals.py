"""Each signal rule fires past its threshold and not at it; the pack's window follows the body's meetings."""
from __future__ import annotations

import datetime as dt

from tests.evidence.helpers import (
    HANJALIPAN, LATEST, MEETING_DAY, PALANGAN, SIMPUR, fill_area, june_meeting, posyandu_of, put_report,
)
from webapp.evidence import pack
from webapp.signals.keys import period_of
from webapp.extensions import db
from webapp.meetings.models import ActionItem, ActionStatus

MONTHS = range(LATEST - 6, LATEST + 1)


def _signals(meeting, kind: str) -> dict:
    ctx = pack.meeting_context(meeting, MEETING_DAY)
    return {s.unit_code: s for source, signals in pack.collect(ctx) if source.key == kind for s in signals}


def test_window_is_three_months_before_the_due_date_and_starts_after_the_previous_meeting(demo_app):
    fill_area(MONTHS)
    meeting = june_meeting()
    ctx = pack.meeting_context(meeting, MEETING_DAY)
    assert ctx.latest == LATEST and ctx.window == [LATEST - 2, LATEST - 1, LATEST]
    assert pack.latest_month(dt.date(2026, 6, 5), 5) == period_of(2026, 4)  # May's report is due on 5 June
    june_meeting(day=dt.date(2026, 5, 12), title="Rakor Mei")  # read up to April: June's pack starts in May
    assert pack.meeting_context(meeting, MEETING_DAY).window == [LATEST]


def test_late_reports_fire_below_80_percent_on_time(demo_app):
    fill_area(MONTHS)
    first, *_ = posyandu_of(HANJALIPAN)
    expected = 3 * len(posyandu_of(HANJALIPAN))
    put_report(first, LATEST, late_days=3)
    db.session.commit()
    assert (expected - 1) / expected >= 0.8 and HANJALIPAN not in _signals(june_meeting(), "lapor")
    put_report(first, LATEST - 1, late_days=1)
    db.session.delete(_report(posyandu_of(HANJALIPAN)[1], LATEST))  # never sent
    db.session.commit()
    signal = _signals(june_meeting(title="Rakor Juni 2"), "lapor")[HANJALIPAN]
    assert signal.title == "Desa Hanjalipan: 1 laporan belum masuk, 2 terlambat"
    assert signal.id == f"lapor:{HANJALIPAN}:2026-05" and signal.values["share"] == (expected - 3) / expected


def _report(posyandu, period):
    from sqlalchemy import select

    from webapp.signals.keys import year_month
    from webapp.reports.models import MonthlyReport

    year, month = year_month(period)
    return db.session.scalar(select(MonthlyReport).where(MonthlyReport.posyandu_id == posyandu.id,
                                                         MonthlyReport.year == year, MonthlyReport.month == month))


def test_a_report_sent_after_the_meeting_day_counts_as_missing(demo_app):
    fill_area(MONTHS)
    for posyandu in posyandu_of(HANJALIPAN)[:2]:
        put_report(posyandu, LATEST, late_days=40)  # sent in July: unknown on 20 June
    db.session.commit()
    assert "2 laporan belum masuk, 0 terlambat" in _signals(june_meeting(), "lapor")[HANJALIPAN].title


def _set_ds(region_code: str, period: int, d: int) -> None:
    for posyandu in posyandu_of(region_code):
        put_report(posyandu, period, balita_d=d, balita_n=min(30, d))
    db.session.commit()


def test_ds_drop_fires_past_ten_points_and_not_at_ten(demo_app):
    fill_area(MONTHS)  # D/S 80 % every month
    _set_ds(SIMPUR, LATEST, 35)  # 70 %: exactly 10 points
    assert SIMPUR not in _signals(june_meeting(), "ds")
    _set_ds(SIMPUR, LATEST, 34)  # 68 %
    signal = _signals(june_meeting(title="Rakor Juni 2"), "ds")[SIMPUR]
    assert signal.title == "Desa Simpur: D/S turun ke 68,0 % dari rata-rata 80,0 %"
    assert signal.trend[-1] == 0.68 and signal.area_trend[-1] < 0.8 and len(signal.trend) == 6


def test_stunting_fires_above_the_area_median_with_a_margin(demo_app):
    fill_area(MONTHS)  # stunting 6 of 40 everywhere: median 15 %
    for posyandu in posyandu_of(PALANGAN):
        put_report(posyandu, LATEST, stunted=7)  # (6+6+7)/120 = 15.8 %: above the median, within 25 %
    db.session.commit()
    assert PALANGAN not in _signals(june_meeting(), "stunting")
    for posyandu in posyandu_of(PALANGAN):
        put_report(posyandu, LATEST, stunted=12)  # (6+6+12)/120 = 20 % > 15 % × 1.25
    db.session.commit()
    signal = _signals(june_meeting(title="Rakor Juni 2"), "stunting")[PALANGAN]
    assert signal.values["median"] == 0.15 and "di atas median wilayah 15,0 %" in signal.title


def test_kek_needs_two_cases(demo_app):
    fill_area(MONTHS)  # no KEK anywhere: any case is above the median
    first = posyandu_of(PALANGAN)[0]
    put_report(first, LATEST, ibu_hamil_kek=1)
    db.session.commit()
    assert PALANGAN not in _signals(june_meeting(), "kek")
    put_report(first, LATEST, ibu_hamil_kek=2)
    db.session.commit()
    assert _signals(june_meeting(title="Rakor Juni 2"), "kek")[PALANGAN].values["count"] == 2


def test_overdue_action_items_fire_per_party_once_past_due(demo_app):
    fill_area(MONTHS)
    earlier = june_meeting(day=dt.date(2026, 4, 10), title="Rakor April")
    earlier.action_items += [
        ActionItem(what="Pelatihan kader", responsible_agency="Dinas Kesehatan", due_on=MEETING_DAY - dt.timedelta(days=1)),
        ActionItem(what="Timbangan baru", responsible_agency="Dinas  kesehatan", due_on=dt.date(2026, 5, 1)),
        ActionItem(what="Rekap", responsible_agency="Dinas Kesehatan", due_on=MEETING_DAY),  # due today: not late
        ActionItem(what="Sudah", responsible_agency="Dinas Kesehatan", due_on=dt.date(2026, 5, 1),
                   status=ActionStatus.SELESAI)]
    db.session.commit()
    signals = _signals(june_meeting(), "tl")
    assert list(signals) == ["a-dinas-kesehatan"]
    assert signals["a-dinas-kesehatan"].values["count"] == 2


def test_sources_are_registered_and_missing_data_is_named(demo_app):
    from webapp.signals.sources import pending, sources

    assert [s.key for s in sources()] == ["lapor", "ds", "stunting", "bgm", "kek", "2t", "aktif", "rencana", "tl", "temuan",
                                         "mitra", "tanda"]
    assert {p.key for p in pending()} == {"rujukan"}


def test_flagged_reports_fire_from_a_quarter_of_the_units_latest_reports(demo_app):
    fill_area(MONTHS)
    assert not _signals(june_meeting(), "tanda")  # clean data: nothing flagged anywhere
    posyandu = posyandu_of(PALANGAN)
    put_report(posyandu[0], LATEST, kader_on_duty=0)  # one flagged report: a share, but a single case
    db.session.commit()
    assert PALANGAN not in _signals(june_meeting(title="Rakor Juni 2"), "tanda")
    put_report(posyandu[1], LATEST, kader_on_duty=0)
    put_report(posyandu[1], LATEST - 1, kader_on_duty=0)  # an earlier month does not count
    db.session.commit()
    signal = _signals(june_meeting(title="Rakor Juni 3"), "tanda")[PALANGAN]
    assert signal.title.startswith(f"Desa Palangan: 2 dari {len(posyandu)} laporan bertanda data")
    assert ("Tanda", "layanan tanpa kader (2×)") in signal.figures


def test_a_desa_body_sees_its_posyandu_as_units(demo_app):
    from tests.meetings.helpers import actor, user_id
    from webapp.meetings import services

    fill_area(MONTHS)
    first = posyandu_of(PALANGAN)[0]
    put_report(first, LATEST, balita_d=20, balita_n=20)
    db.session.commit()
    meeting = services.create_meeting(actor("pokja.palangan"), {
        "region_code": PALANGAN, "kind": "koordinasi", "title": "Rapat Pokja Desa", "day": MEETING_DAY,
        "starts": dt.time(9), "ends": None, "place": "Balai Desa", "chair_id": user_id("kades.palangan"),
        "notulis_id": user_id("pokja.palangan"), "agenda": []})
    signal = _signals(meeting, "ds")[str(first.id)]
    assert signal.id == f"ds:{first.id}:2026-05" and signal.unit_label == first.name
    assert signal.link == ("dashboard.posyandu", {"posyandu_id": first.id, "bulan": "2026-05"})
