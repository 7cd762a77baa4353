"""The strength summary (window rows per Posyandu and window end, a profile per Posyandu) gives exactly the
figures of a plain recomputation from reports, roster and equipment: on random data, after every kind of edit
(reports, a moved or closed Posyandu, equipment, kader, skills, trainings, a bimtek check-in), and after a full
rebuild; the province and national counts in SQL equal the per-Posyandu standings summed by hand."""
from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pytest
from sqlalchemy import select

from tests.dashboard.helpers import OCTOBER, add_report, covered_month
from tests.factories import make_posyandu, make_region, make_user
from webapp.access import Actor
from webapp.auth.models import RoleAssignment
from webapp.dashboard.services import rebuild_summary
from webapp.dashboard.models import StrengthProfile, StrengthWindow
from webapp.dashboard.strength_queries import area_strength
from webapp.dashboard.strength_wide import wide_strength
from webapp.extensions import db
from webapp.kader.models import Kader, KaderSkill, KaderTraining
from webapp.kader.skills import GROUP_BY_KEY, LIFE_CYCLE
from webapp.meetings.models import Attendance, Meeting, MeetingKind, Participant
from webapp.kit import KIT
from webapp.pembinaan.models import Equipment
from webapp.regions.models import Posyandu, Region
from webapp.reports.models import MonthlyReport

DESA = ("62.02.01.2003", "62.02.01.2004", "62.02.05.2006", "62.01.01.2001", "63.01.01.2001")
GROUPS = ("ibu_hamil", "ibu_bersalin", "bayi", "balita", "apras", "remaja", "dewasa", "lansia")
STATUSES = ("verified", "verified", "submitted", "returned", "draft")


@pytest.fixture
def nation(app):
    """Random Posyandu in two provinces, and an actor holding both (the only kind who sees the nation)."""
    for code in DESA:
        make_region(code)
    user = make_user("anggota", "62")
    user.roles.append(RoleAssignment(role="anggota", region_code="63", posyandu_id=None))
    db.session.commit()
    rng = random.Random(1307)
    trainer = make_user("anggota", "62.02")
    for index in range(30):
        _random_posyandu(rng, DESA[index % len(DESA)], trainer)
    db.session.commit()
    return Actor(user)


def _random_counts(rng) -> dict:
    counts = covered_month(**({} if rng.random() < 0.8 else {"kb_participants": 1, "bayi_immunised": 1}))
    for group in GROUPS:
        counts[f"{group}_served"] = rng.choice((None, 0, 2, 3, 3, 3))
    return counts | {"kegiatan_tambahan": rng.choice((None, 0, 1)), "home_visits": rng.choice((None, 0, 2, 2))}


def _random_posyandu(rng, desa: str, trainer) -> Posyandu:
    posyandu = make_posyandu(desa, kader_with_sk=rng.randint(3, 7))
    for month in rng.sample(range(1, 12), rng.randint(0, 11)):
        add_report(posyandu, month=month, status=rng.choice(STATUSES), opened=rng.random() < 0.9,
                   **_random_counts(rng))
    kit = rng.choice(("none", "growth", "all", "broken"))
    if kit != "none":
        for item in KIT:
            good = item.growth or kit in ("all", "broken")
            if kit == "broken" and item.key == "tensimeter":
                good = False
            db.session.add(Equipment(posyandu_id=posyandu.id, region_code=desa, item=item.key, available=good,
                                     condition="baik" if good else ""))
    for k in range(rng.randint(0, 3)):
        kader = Kader(posyandu_id=posyandu.id, region_code=desa, name=f"Kader {k}", sex="P",
                      sk_number="141/SK" if rng.random() < 0.7 else "", sk_on=dt.date(2025, 1, 1))
        for key in rng.sample(sorted(GROUP_BY_KEY), rng.randint(0, 5)):
            for code, _ in GROUP_BY_KEY[key].skills:
                kader.skills.append(KaderSkill(code=code, marked_on=dt.date(2026, 1, 5), marked_by_id=trainer.id))
        db.session.add(kader)
    return posyandu


def _same_as_plain(actor, codes=("62.02", "62.02.01", "62.02.01.2003", "63.01"), ends=(OCTOBER, OCTOBER - 1)):
    for code in codes:
        region = db.session.get(Region, code)
        for end in ends:
            fast, plain = area_strength(actor, region, end), area_strength(actor, region, end, fast=False)
            assert fast.standings == plain.standings, (code, end)
            assert (fast.total, fast.children, fast.kader, fast.kit_complete, fast.needing) == \
                   (plain.total, plain.children, plain.kader, plain.kit_complete, plain.needing), (code, end)


def _wide_equals_standings(actor, end=OCTOBER):
    """Province and nation counted in SQL = the plain standings of every Posyandu summed per child region."""
    for code, length in (("62", 5), (None, 2)):
        region = db.session.get(Region, code) if code else None
        wide = wide_strength(actor, region, end)
        plains = [area_strength(actor, db.session.get(Region, p), end, fast=False) for p in ("62", "63")
                  if code is None or p == code]
        standings = [s for p in plains for s in p.standings]
        per_child = defaultdict(lambda: [0, 0, 0])
        for s in standings:
            per_child[s.region_code[:length]] = [a + b for a, b in zip(per_child[s.region_code[:length]],
                                                                          (1, s.is_aktif, s.is_ilp), strict=True)]
        assert {c.code: [c.posyandu, c.aktif, c.ilp] for c in wide.children} == dict(per_child)
        assert wide.total.criteria_met == [sum(s.aktif[i].met for s in standings) for i in range(5)]
        per_kecamatan = defaultdict(lambda: [0, 0])
        for s in standings:
            per_kecamatan[s.region_code[:8]][0] += 1
            per_kecamatan[s.region_code[:8]][1] += s.is_aktif
        reaching = {k for k, (n, a) in per_kecamatan.items() if a * 100 >= 80 * n}
        assert (wide.total.kecamatan_reaching, wide.total.kecamatan_counted) == (len(reaching), len(per_kecamatan))
        assert {c.code: c.kecamatan_reaching for c in wide.children} == {
            child: sum(k.startswith(child) for k in reaching) for child in per_child}
        assert wide.needing == sum(bool(s.reasons) for s in standings)
        assert wide.kit_complete == sum(p.kit_complete for p in plains)
        assert wide.kader.kader == sum(p.kader.kader for p in plains) and wide.kader.levels == {
            level: sum(p.kader.levels[level] for p in plains) for level in wide.kader.levels}


def _summary_rows():
    return (sorted(tuple(r) for r in db.session.execute(select(StrengthWindow.__table__)).all()),
            sorted(tuple(r) for r in db.session.execute(select(StrengthProfile.__table__)).all()))


def test_summary_equals_plain_recomputation_on_random_data(nation):
    assert db.session.scalar(select(StrengthWindow.posyandu_id).limit(1)) is not None  # kept on commit, no rebuild
    _same_as_plain(nation)
    _wide_equals_standings(nation)


def _edit_reports(rng):
    reports = list(db.session.scalars(select(MonthlyReport).order_by(MonthlyReport.id)))
    for report in rng.sample(reports, 8):
        report.status = rng.choice(STATUSES[:4])
        report.lansia_served, report.home_visits = rng.choice((None, 0, 4)), rng.choice((None, 0, 1))
    db.session.delete(reports[0])
    db.session.commit()


def _edit_registry_and_roster(rng, trainer_id: int):
    items = list(db.session.scalars(select(Posyandu).order_by(Posyandu.id)))
    items[1].region_code = "62.02.05.2006"  # moved to another kecamatan
    items[2].is_active = False
    items[3].kader_with_sk = 9
    db.session.commit()
    rows = list(db.session.scalars(select(Equipment).order_by(Equipment.id)))
    for row in rng.sample(rows, min(10, len(rows))):
        row.condition = "rusak"
    kaders = list(db.session.scalars(select(Kader).order_by(Kader.id)))
    db.session.delete(kaders[0])
    kaders[1].posyandu_id = items[5].id  # a kader moves to another Posyandu
    held = {skill.code for skill in kaders[2].skills}
    for code in sorted(GROUP_BY_KEY[LIFE_CYCLE[0]].codes - held):
        kaders[2].skills.append(KaderSkill(code=code, marked_on=dt.date(2026, 2, 1), marked_by_id=trainer_id))
    db.session.add(KaderTraining(kader_id=kaders[3].id, name="Pelatihan", organiser="Dinkes", held_on=dt.date(2026, 3, 1)))
    db.session.commit()
    for skill in list(kaders[4].skills):
        kaders[4].skills.remove(skill)  # a passport wiped
    db.session.commit()


def _bimtek_check_in(kader: Kader, chair_id: int) -> None:
    kader.user_id = make_user("kader", kader.region_code, posyandu=kader.posyandu).id
    db.session.commit()
    meeting = Meeting(region_code=kader.region_code[:8], kind=MeetingKind.BIMTEK, title="Bimtek kader",
                      starts_at=dt.datetime(2026, 9, 1, 2), place="Aula", chair_id=chair_id, notulis_id=chair_id,
                      checkin_code="BIMTEK13")
    db.session.add(meeting)
    db.session.flush()
    db.session.add(Participant(meeting_id=meeting.id, user_id=kader.user_id, attendance=Attendance.HADIR))
    db.session.commit()


def test_summary_follows_every_edit_and_equals_a_rebuild(nation):
    rng = random.Random(7)
    trainer = make_user("anggota", "62.02")
    _edit_reports(rng)
    _same_as_plain(nation)
    _edit_registry_and_roster(rng, trainer.id)
    _same_as_plain(nation)
    kader = db.session.scalars(select(Kader).where(Kader.region_code.startswith("62.02.01"))).first()
    _bimtek_check_in(kader, trainer.id)
    _same_as_plain(nation)
    kept = _summary_rows()
    rebuild_summary()
    assert _summary_rows() == kept
    _wide_equals_standings(nation)


def test_province_and_national_pages_and_who_may_open_them(nation, client, login_as):
    province = wide_strength(nation, db.session.get(Region, "62"), OCTOBER)
    login_as(client, nation.user)
    page = client.get("/pemantauan/kekuatan/62?bulan=2026-10").get_data(as_text=True)
    assert "Per kabupaten/kota" in page and "% kabupaten/kota dengan ≥ 80 % Posyandu aktif" in page
    assert f'<span id="needing">{province.needing}</span>' in page
    assert f"<small>{province.total.aktif} dari {province.total.posyandu}</small>" in page
    assert '/pemantauan/kekuatan/nasional?bulan=2026-10">Nasional</a>' in page  # the way up
    national = client.get("/pemantauan/kekuatan/nasional?bulan=2026-10").get_data(as_text=True)
    assert "Kekuatan Posyandu Nasional" in national and "Per provinsi" in national
    assert "/pemantauan/kekuatan/62?bulan=2026-10" in national and "/pemantauan/kekuatan/63?bulan=2026-10" in national
    login_as(client, make_user("anggota", "62"))  # one province: its page, not the nation's nor the other province's
    assert client.get("/pemantauan/kekuatan/62").status_code == 200
    assert client.get("/pemantauan/kekuatan/nasional").status_code == 404
    assert client.get("/pemantauan/kekuatan/63").status_code == 404
    kabupaten = make_user("anggota", "62.02")
    login_as(client, kabupaten)
    assert client.get("/pemantauan/kekuatan/62").status_code == 404
    assert client.get("/pemantauan/kekuatan/nasional").status_code == 404
    own = client.get("/pemantauan/kekuatan/62.02.01").get_data(as_text=True)
    assert '<strong>Wilayah 62.02.01</strong>' in own or "Kec." in own
    assert "/pemantauan/kekuatan/62?" not in own and "kekuatan/nasional" not in own  # no way up past one's area
    login_as(client, make_user("approver", "62.02.01.2003"))
    assert client.get("/pemantauan/kekuatan/62.02").status_code == 404
    login_as(client, make_user("kader", "62.02.01.2003"))
    # No dashboard.view: the feature's own page is refused (403); a region it names does not exist for a kader (404).
    assert client.get("/pemantauan/kekuatan/nasional").status_code == 403
    assert client.get("/pemantauan/kekuatan/62.02.01.2003").status_code == 404
