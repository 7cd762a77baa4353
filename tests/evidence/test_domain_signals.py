"""The signals other domains register (2T, Posyandu aktif/ILP, plan lines not started, late supervision
findings, the mitra with the most late items): each fires at its threshold and not below it, clears when
its items are settled, and gives nothing when the data is absent."""
from __future__ import annotations

import datetime as dt

from tests.evidence.helpers import KOTA_BESI, LATEST, MEETING_DAY, PALANGAN, fill_area, june_meeting, posyandu_of, put_report
from webapp.dashboard import strength_signals
from webapp.dashboard.strength import MET, NOT_MET, Criterion, Standing
from webapp.evidence import pack
from webapp.signals.sources import MEMBURUK, TUNTAS, source_for
from webapp.extensions import db
from webapp.meetings.models import ActionItem
from webapp.regions.models import Region
from webapp.workplans.models import Progress

MONTHS = range(LATEST - 6, LATEST + 1)


def _signals(kind: str, as_of: dt.date = MEETING_DAY, code: str = KOTA_BESI) -> dict:
    ctx = pack.build_context(db.session.get(Region, code), as_of)
    return {s.unit_code: s for s in source_for(kind).collect(ctx)}


def _outcome(kind: str, signal, as_of: dt.date):
    ctx = pack.build_context(db.session.get(Region, KOTA_BESI), as_of)
    return source_for(kind).outcome(signal.payload(), ctx)


def test_nothing_recorded_gives_no_signal(demo_app):
    for kind in ("2t", "rencana", "temuan", "mitra"):
        assert _signals(kind) == {}, kind


def test_2t_fires_above_the_area_median_with_a_margin_and_two_children(demo_app):
    fill_area(MONTHS)
    from sqlalchemy import select

    from webapp.regions.models import Posyandu
    everyone = db.session.scalars(select(Posyandu).where(Posyandu.region_code.startswith(KOTA_BESI + "."))).all()
    for posyandu in everyone:
        for period in (LATEST - 2, LATEST - 1, LATEST):
            put_report(posyandu, period, balita_2t=2)  # 2 of 40 ditimbang everywhere: median 5 %
    db.session.commit()
    assert _signals("2t") == {}
    first = posyandu_of(PALANGAN)[0]
    put_report(first, LATEST, balita_2t=4)  # Palangan: a little above the median, within 25 %
    db.session.commit()
    assert PALANGAN not in _signals("2t")
    put_report(first, LATEST, balita_2t=12)
    db.session.commit()
    signal = _signals("2t")[PALANGAN]
    assert signal.values["median"] == 0.05 and signal.title.startswith("Desa Palangan: balita 2T")
    assert signal.trend_label == "2T per ditimbang" and signal.trend[-1] > 0.05


def _standing(i: int, aktif: bool, ilp: bool = False) -> Standing:
    crit = [Criterion("Layanan ≥ 8 bulan berbeda", MET if aktif else NOT_MET, "6 dari 12 bulan")]
    return Standing(i, f"Posyandu {i}", PALANGAN, crit, [Criterion("Kit ILP lengkap", MET if ilp else NOT_MET, "-")], 2)


def test_aktif_fires_below_80_percent_and_says_why(demo_app, monkeypatch):
    fill_area(MONTHS)
    four_of_five = strength_signals.Unit([_standing(i, aktif=i < 4) for i in range(5)])
    monkeypatch.setattr(strength_signals, "units", lambda ctx: {PALANGAN: four_of_five})
    assert _signals("aktif") == {}  # exactly 80 %: the target is met
    three_of_five = strength_signals.Unit([_standing(i, aktif=i < 3, ilp=i == 0) for i in range(5)])
    monkeypatch.setattr(strength_signals, "units", lambda ctx: {PALANGAN: three_of_five})
    signal = _signals("aktif")[PALANGAN]
    assert signal.title == "Desa Palangan: 3 dari 5 Posyandu aktif (60,0 %), 1 sudah ILP"
    assert ("Alasan", "belum ILP: Kit ILP lengkap (4 Posyandu)") in signal.figures
    assert ("Alasan", "belum aktif: Layanan ≥ 8 bulan berbeda (2 Posyandu)") in signal.figures
    assert signal.link == ("strength.area", {"code": PALANGAN, "bulan": "2026-05"})
    monkeypatch.setattr(strength_signals, "units", lambda ctx: {PALANGAN: four_of_five})
    assert _outcome("aktif", signal, MEETING_DAY).status == TUNTAS


def test_aktif_counts_agree_with_the_strength_page(demo_app):
    from webapp.dashboard.strength_queries import area_strength

    fill_area(MONTHS)
    signals = _signals("aktif")
    strength = area_strength(None, db.session.get(Region, KOTA_BESI), LATEST)
    for child in strength.children:
        share = child.aktif / child.posyandu
        assert (child.code in signals) == (share < 0.8), child.code
        if child.code in signals:
            assert signals[child.code].values["aktif"] == child.aktif
            assert signals[child.code].values["posyandu"] == child.posyandu
    assert signals and all(("Alasan", f"belum aktif: Layanan ≥ 8 bulan berbeda ({s.values['posyandu']} Posyandu)")
                           in s.figures for s in signals.values())  # 7 months of reports: too few


def _approved_plan():
    from tests.workplans.helpers import actor, make_plan
    from webapp.workplans import services

    plan = make_plan(submit=True)  # two lines, January–March 2026
    services.approve(actor("kades.palangan"), plan, "", None)
    db.session.refresh(plan)
    return plan


def test_plan_lines_fire_once_their_first_month_has_ended(demo_app):
    from tests.workplans.helpers import make_plan

    make_plan(lines=1, year=2025)  # a draft, long past its months: never counted
    plan = _approved_plan()
    assert _signals("rencana", dt.date(2026, 1, 31)) == {}  # January not over yet
    signal = _signals("rencana", dt.date(2026, 2, 1))[str(plan.id)]
    assert signal.values["count"] == 2 and signal.link == ("workplans.detail", {"plan_id": plan.id})
    assert signal.figures[2] == ("Butir", "Kegiatan 1 (Jan–Mar) (terlambat sejak 1 Februari 2026)"), signal.figures
    plan.lines[0].progress = Progress.RUNNING
    db.session.commit()
    assert _outcome("rencana", signal, dt.date(2026, 2, 10)).status == "belum tuntas"
    plan.lines[1].progress = Progress.CANCELLED
    db.session.commit()
    assert _outcome("rencana", signal, dt.date(2026, 2, 10)).status == TUNTAS
    assert _signals("rencana", dt.date(2026, 2, 10)) == {}


def _finding(due: dt.date, final: bool = True):
    from tests.pembinaan.helpers import make_finding, make_visit
    from tests.workplans.helpers import actor
    from webapp.pembinaan import visit_services

    visit = make_visit(visited_on=dt.date(2026, 5, 2))
    finding = make_finding(visit, due_on=due)
    if final:
        visit_services.advance_visit(actor("pokjanal.kotabesi"), visit, "finalize")
    return finding


def test_supervision_findings_fire_once_past_due_and_clear_when_finished(demo_app):
    from tests.workplans.helpers import actor
    from webapp.pembinaan import visit_services

    _finding(dt.date(2026, 6, 1), final=False)  # a draft visit's finding is not issued yet
    finding = _finding(dt.date(2026, 6, 1))
    assert _signals("temuan", dt.date(2026, 6, 1)) == {}  # due today: not late
    signal = _signals("temuan", dt.date(2026, 6, 2))[PALANGAN]
    assert signal.values == {"items": [f"tm{finding.id}"], "count": 1, "latest": signal.values["latest"]}
    assert signal.title == "Desa Palangan: 1 temuan supervisi lewat batas waktu"
    _finding(dt.date(2026, 6, 5))
    assert _outcome("temuan", signal, dt.date(2026, 6, 20)).status == MEMBURUK
    visit_services.advance_finding(actor("puskesmas.kotabesi"), finding, "finish", "Sudah divalidasi")
    assert _outcome("temuan", signal, dt.date(2026, 6, 20)).status == TUNTAS
    desa = _signals("temuan", dt.date(2026, 6, 20), PALANGAN)  # a desa body sees the Posyandu
    assert list(desa) == [str(finding.posyandu_id)]


def test_the_mitra_with_the_most_late_items_from_two_up(demo_app):
    from tests.workplans.helpers import make_carried_line
    from webapp.mitra.demo import find

    line = make_carried_line()  # PKM Kota Besi carries a January–March line of an approved Palangan plan
    pkm, dinkes = find("62.02", "PKM Kota Besi"), find("62.02", "Dinkes")
    assert _signals("mitra", dt.date(2026, 2, 1)) == {}  # one late item is not a pattern
    meeting = june_meeting(day=dt.date(2026, 1, 10), title="Rakor Januari")
    meeting.action_items += [ActionItem(what="Pelatihan kader", responsible_mitra_id=pkm.id, due_on=dt.date(2026, 1, 20)),
                             ActionItem(what="Timbangan", responsible_mitra_id=dinkes.id, due_on=dt.date(2026, 1, 20)),
                             ActionItem(what="Rekap", responsible_mitra_id=dinkes.id, due_on=dt.date(2026, 1, 25))]
    db.session.commit()
    signals = _signals("mitra", dt.date(2026, 2, 1))
    assert set(signals) == {f"m{pkm.id}", f"m{dinkes.id}"}  # a tie: both have two
    meeting.action_items.append(ActionItem(what="Data", responsible_mitra_id=pkm.id, due_on=dt.date(2026, 1, 26)))
    db.session.commit()
    signal = _signals("mitra", dt.date(2026, 2, 1))
    assert list(signal) == [f"m{pkm.id}"] and signal[f"m{pkm.id}"].values["count"] == 3
    assert f"rk{line.id}" in signal[f"m{pkm.id}"].values["items"]
    overdue_tl = {s.unit_code for s in _signals("tl", dt.date(2026, 2, 1)).values()}
    assert f"m{pkm.id}" in overdue_tl  # the action-item signal keys a mitra of the register too
