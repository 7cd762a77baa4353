"""Posyandu strength: each of the five aktif criteria on its own (met / not met / not known), the 80 % KPI,
the ILP measure, the perlu-pembinaan reasons, and the area figures against a plain recomputation."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from tests.dashboard.helpers import OCTOBER, add_report, covered_month
from tests.factories import make_posyandu, make_region, make_user
from webapp.access import Actor
from webapp.dashboard.strength import MET, NOT_MET, UNKNOWN
from webapp.dashboard.strength_queries import area_strength
from webapp.extensions import db
from webapp.kader.models import Kader, KaderSkill
from webapp.kader.skills import GROUP_BY_KEY, LIFE_CYCLE
from webapp.kit import KIT
from webapp.pembinaan.models import Equipment
from webapp.regions.models import Region

KEC, KEC2 = "62.02.01", "62.02.05"
DESA_A, DESA_B, DESA_C = "62.02.01.2003", "62.02.01.2004", "62.02.05.2006"
SERVED = {f"{g}_served": 3 for g in ("ibu_hamil", "bayi", "balita", "remaja", "dewasa", "lansia")}


@pytest.fixture
def kabupaten_actor(app):
    for code in (DESA_A, DESA_B, DESA_C):
        make_region(code)
    return Actor(make_user("anggota", "62.02"))


def kit(posyandu, *, growth=True, rest=True) -> None:
    for item in KIT:
        good = growth if item.growth else rest
        db.session.add(Equipment(posyandu_id=posyandu.id, region_code=posyandu.region_code, item=item.key,
                                 available=good, condition="baik" if good else ""))


def trained_kader(posyandu, groups=LIFE_CYCLE) -> None:
    kader = Kader(posyandu_id=posyandu.id, region_code=posyandu.region_code, name="Kader Terlatih", sex="P")
    user = make_user("anggota", "62.02.01")
    for key in groups:
        for code, _ in GROUP_BY_KEY[key].skills:
            kader.skills.append(KaderSkill(code=code, marked_on=dt.date(2026, 1, 5), marked_by_id=user.id))
    db.session.add(kader)


def strong(region=DESA_A, months=8, extra=1, kader=5, equipment=True, **last):
    """A Posyandu meeting all five criteria by default; each keyword takes one away."""
    posyandu = make_posyandu(region, kader_with_sk=kader)
    for month in range(11 - months, 11):
        counts = covered_month(kegiatan_tambahan=extra if month == 10 else (0 if extra is not None else None))
        if month == 10:
            counts |= SERVED | {"home_visits": 2} | last
        add_report(posyandu, month=month, **counts)
    if equipment:
        kit(posyandu, growth=equipment != "no-growth")
    return posyandu


def states(actor, region_code, posyandu) -> list[str]:
    found = area_strength(actor, db.session.get(Region, region_code), OCTOBER)
    return [c.state for c in next(s for s in found.standings if s.posyandu_id == posyandu.id).aktif]


@pytest.mark.parametrize("kwargs, expected", [
    ({}, [MET] * 5),
    ({"months": 7}, [NOT_MET, MET, NOT_MET, MET, MET]),  # 7 months: service and coverage both short
    ({"kader": 4}, [MET, NOT_MET, MET, MET, MET]),
    ({"equipment": "no-growth"}, [MET, MET, MET, NOT_MET, MET]),
    ({"equipment": False}, [MET, MET, MET, UNKNOWN, MET]),  # sarpras never recorded
    ({"extra": 0}, [MET, MET, MET, MET, NOT_MET]),
    ({"extra": None}, [MET, MET, MET, MET, UNKNOWN]),  # kegiatan tambahan never filled: not 0
])
def test_each_aktif_criterion_on_its_own(kabupaten_actor, kwargs, expected):
    posyandu = strong(**kwargs)
    db.session.commit()
    assert states(kabupaten_actor, DESA_A, posyandu) == expected


def test_coverage_alone_short(kabupaten_actor):
    posyandu = strong()
    add_report(posyandu, month=2, **covered_month(kb_participants=1, bayi_immunised=1))  # 9 months, 8 covered
    low = make_posyandu(DESA_A)
    for month in range(3, 11):
        add_report(low, month=month, kegiatan_tambahan=1,
                   **covered_month(kb_participants=1, bayi_immunised=1))  # service yes, coverage on 2 of 4
    kit(low)
    db.session.commit()
    assert states(kabupaten_actor, DESA_A, posyandu) == [MET] * 5
    assert states(kabupaten_actor, DESA_A, low) == [MET, MET, NOT_MET, MET, MET]


def test_without_reports_service_and_coverage_are_not_known(kabupaten_actor):
    silent = make_posyandu(DESA_A)
    kit(silent)
    db.session.commit()
    found = area_strength(kabupaten_actor, db.session.get(Region, DESA_A), OCTOBER)
    standing = found.standings[0]
    assert [c.state for c in standing.aktif] == [UNKNOWN, MET, UNKNOWN, MET, UNKNOWN]
    assert standing.reasons[0] == "2 bulan tanpa laporan" and not standing.is_aktif


def test_the_80_percent_kpi_per_kabupaten_and_per_kecamatan(kabupaten_actor):
    for _ in range(4):
        strong(DESA_A)
    strong(DESA_B, kader=3)  # Kota Besi: 4 of 5 aktif = 80 % → reaches the target
    strong(DESA_C)
    strong(DESA_C, months=5)  # Baamang: 1 of 2 = 50 %
    db.session.commit()
    kab = area_strength(kabupaten_actor, db.session.get(Region, "62.02"), OCTOBER)
    assert {c.code: (c.posyandu, c.aktif, c.reaches_target) for c in kab.children} == {
        KEC: (5, 4, True), KEC2: (2, 1, False)}
    assert kab.kpi == (1, 2) and (kab.total.aktif, kab.total.posyandu) == (5, 7)
    kec = area_strength(kabupaten_actor, db.session.get(Region, KEC), OCTOBER)
    assert {c.code: c.reaches_target for c in kec.children} == {DESA_A: True, DESA_B: False}
    assert kec.kpi == (1, 2)


def test_ilp_needs_all_groups_home_visits_trained_kader_and_the_kit(kabupaten_actor):
    ilp = strong()
    trained_kader(ilp)
    no_lansia = strong(lansia_served=0)
    trained_kader(no_lansia)
    untrained = strong()
    trained_kader(untrained, groups=LIFE_CYCLE[:3])
    no_visits = strong(home_visits=0)
    trained_kader(no_visits)
    db.session.commit()
    found = {s.posyandu_id: s for s in area_strength(kabupaten_actor, db.session.get(Region, DESA_A), OCTOBER).standings}
    assert found[ilp.id].is_ilp and not found[ilp.id].reasons
    assert not found[no_lansia.id].is_ilp and "belum: lansia" in found[no_lansia.id].ilp[0].detail
    assert [c.met for c in found[untrained.id].ilp] == [True, True, False, True]
    assert [c.met for c in found[no_visits.id].ilp] == [True, False, True, True]


def test_area_figures_equal_a_plain_recomputation_on_random_data(kabupaten_actor):
    rng = random.Random(13)
    made = []
    for index in range(24):
        desa = (DESA_A, DESA_B, DESA_C)[index % 3]
        posyandu = make_posyandu(desa, kader_with_sk=rng.randint(3, 7))
        months = rng.sample(range(1, 11), rng.randint(4, 10))
        covered = extra = 0
        for month in months:
            good = rng.random() < 0.8
            covered += good
            tambahan = rng.choice((None, 0, 1))
            extra += bool(tambahan)
            add_report(posyandu, month=month, kegiatan_tambahan=tambahan,
                       **covered_month(**({} if good else {"kb_participants": 1, "bayi_immunised": 1})))
        growth = rng.random() < 0.7
        kit(posyandu, growth=growth)
        made.append((desa, len(months) >= 8 and covered >= 8 and posyandu.kader_with_sk >= 5 and growth and extra >= 1))
    db.session.commit()
    kab = area_strength(kabupaten_actor, db.session.get(Region, "62.02"), OCTOBER)
    assert kab.total.posyandu == 24 and kab.total.aktif == sum(ok for _, ok in made)
    for child in kab.children:
        assert child.aktif == sum(ok for desa, ok in made if desa.startswith(child.code))
    per_desa = {}
    for desa, ok in made:
        count, aktif = per_desa.get(desa, (0, 0))
        per_desa[desa] = (count + 1, aktif + ok)
    kec = area_strength(kabupaten_actor, db.session.get(Region, KEC), OCTOBER)
    assert kec.kpi == (sum(a * 5 >= c * 4 for d, (c, a) in per_desa.items() if d.startswith(KEC)), 2)


def test_visits_in_the_quarter_are_counted_once_per_posyandu(kabupaten_actor):
    from webapp.pembinaan.models import Visit

    visited, other = strong(), strong()
    for day in (dt.date(2026, 10, 3), dt.date(2026, 10, 20), dt.date(2026, 9, 30)):  # September: last quarter
        db.session.add(Visit(posyandu_id=visited.id, region_code=DESA_A, visited_on=day,
                             visitor_id=kabupaten_actor.id))
    db.session.add(Visit(posyandu_id=other.id, region_code=DESA_A, visited_on=dt.date(2026, 9, 1),
                         visitor_id=kabupaten_actor.id))
    db.session.commit()
    assert area_strength(kabupaten_actor, db.session.get(Region, "62.02"), OCTOBER).visited == 1


def test_strength_page_scope_and_rights(kabupaten_actor, client, login_as):
    strong()
    db.session.commit()
    login_as(client, make_user("anggota", DESA_B))
    assert client.get(f"/pemantauan/kekuatan/{DESA_A}").status_code == 404
    login_as(client, kabupaten_actor.user)
    page = client.get("/pemantauan/kekuatan/62.02?bulan=2026-10").get_data(as_text=True)
    assert "% kecamatan dengan ≥ 80 % Posyandu aktif" in page and "Kec." in page
    assert '<dd id="aktif-share"><strong>100,0 %</strong>' in page
    login_as(client, make_user("kader", DESA_A))
    assert client.get(f"/pemantauan/kekuatan/{DESA_A}").status_code == 404  # a kader cannot see a dashboard: the region does not exist for her
