"""The data-quality sentinel: each flag on fixtures (≥ 95 % of injected anomalies flagged, ≤ 5 % of clean
reports flagged), and on the report page: shown to the verifier, verifying over a flag needs a note."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from tests.reports.helpers import actor, fill, last_month, new_id, palangan_posyandu
from webapp.extensions import db
from webapp.reports import sentinel, services
from webapp.reports.fields import COUNT_NAMES, GROUPS
from webapp.reports.models import Status

YEAR, MONTH = 2026, 5


def _clean(rng: random.Random, size: int) -> dict:
    """One plausible month of a Posyandu of `size` balita: D/S 70–90 %, every group served below target."""
    s = round(size * rng.uniform(0.97, 1.03))
    d = round(s * rng.uniform(0.72, 0.88))
    measured = round(d * rng.uniform(0.85, 1.0))
    values = {"kader_on_duty": rng.randint(4, 7), "home_visits": rng.randint(0, 9), "referrals": rng.randint(0, 3),
              "balita_s": s, "balita_k": s - rng.randint(0, 4), "balita_d": d, "balita_n": round(d * rng.uniform(.7, .8)),
              "balita_o": rng.randint(0, 3), "balita_b": rng.randint(0, 2), "balita_bgm": rng.randint(0, 2),
              "measured": measured, "stunted": round(measured * rng.uniform(.1, .25)),
              "wasted": rng.randint(0, 3), "underweight": rng.randint(1, 5), "balita_referred": rng.randint(0, 2),
              "ibu_hamil_examined": rng.randint(3, 9), "ibu_hamil_kek": rng.randint(0, 2),
              "pus_target": rng.randint(40, 120), "kb_participants": rng.randint(20, 39)}
    for group in GROUPS:
        target = rng.randint(5, 60)
        values[f"{group.key}_target"], values[f"{group.key}_served"] = target, round(target * rng.uniform(.5, .95))
    values = {name: values.get(name) for name in COUNT_NAMES}
    values.update(open_dates=[dt.date(YEAR, MONTH, rng.randint(1, 28))], closed=False)
    return values


def _fixtures(n: int = 200):
    rng = random.Random(15)
    for _ in range(n):
        size = rng.randint(25, 80)
        yield _clean(rng, size), [_clean(rng, size) for _ in range(3)], rng


def _identical(values, history, rng):
    return {**history[0], "open_dates": values["open_dates"], "closed": False}


def _even(values, history, rng):
    return {**values, **{n: (v // 2) * 2 + 2 * rng.randint(0, 1) for n, v in values.items()
                         if n in COUNT_NAMES and v}}


def _fives(values, history, rng):
    return {**values, **{n: max(5, round(v / 5) * 5) for n, v in values.items() if n in COUNT_NAMES and v}}


def _jump(values, history, rng):
    return {**values, "balita_d": values["balita_d"] * 2 + 5}


def _date(values, history, rng):
    return {**values, "open_dates": [dt.date(YEAR, MONTH + 1, rng.randint(1, 28))]}


def _no_kader(values, history, rng):
    return {**values, "kader_on_duty": 0}


INJECTIONS = {"sama": _identical, "genap": _even, "bulat": _fives, "lonjak_balita_d": _jump, "tanggal": _date,
              "kader": _no_kader}


def test_clean_fixture_reports_are_rarely_flagged():
    flagged = [sentinel.flags(v, h, YEAR, MONTH) for v, h, _ in _fixtures()]
    assert sum(1 for f in flagged if f) / len(flagged) <= 0.05


@pytest.mark.parametrize("key", sorted(INJECTIONS))
def test_injected_anomalies_are_flagged_with_their_reason(key):
    hits = 0
    for values, history, rng in _fixtures():
        found = {f.key for f in sentinel.flags(INJECTIONS[key](values, history, rng), history, YEAR, MONTH)}
        hits += key in found
    assert hits / 200 >= 0.95


def test_a_closed_month_has_no_flags():
    values, history, _ = next(_fixtures())
    assert sentinel.flags({**dict.fromkeys(COUNT_NAMES), "closed": True, "open_dates": []}, history, YEAR, MONTH) == []


def _submitted_twice_the_same(demo_app):
    """Palangan files the same values two months running: the second is flagged "identical"."""
    kader, posyandu = actor("kader.palangan"), palangan_posyandu()
    year, month = last_month()
    for y, m in ((year, month - 1) if month > 1 else (year - 1, 12), (year, month)):
        fill(kader, posyandu, y, m)
        services.submit(kader, posyandu, y, m, new_id(), confirmed=True)
    first = services.queries.find_report(posyandu, *((year, month - 1) if month > 1 else (year - 1, 12)))
    services.verify(actor("pokja.palangan"), first, "cek")
    return services.queries.find_report(posyandu, year, month)


def test_the_verifier_sees_the_flags_and_verifying_over_one_needs_a_note(demo_app, demo_client, login_as):
    report = _submitted_twice_the_same(demo_app)
    login_as(demo_client, "pokja.palangan")
    month = f"{report.year:04d}-{report.month:02d}"
    page = demo_client.get(f"/laporan/posyandu/{report.posyandu_id}/{month}").get_data(as_text=True)
    assert "Tanda data (1)" in page and "Semua angka sama persis dengan laporan sebelumnya." in page
    refused = demo_client.post(f"/laporan/{report.id}/verifikasi", data={"note": " "})
    assert refused.status_code == 422 and "Tulis catatan mengapa tetap diverifikasi" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert report.status == Status.SUBMITTED
    done = demo_client.post(f"/laporan/{report.id}/verifikasi", data={"note": "Dicek di buku register: memang sama."})
    assert done.status_code == 302
    db.session.expire_all()
    assert report.status == Status.VERIFIED and report.events[-1].note == "Dicek di buku register: memang sama."
