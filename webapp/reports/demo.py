"""Demo reports: twelve months for every demo Posyandu, some missing, some late, one returned, one draft.

Sasaran stay the same month to month, S is the bayi + balita target, served stays below target, and
every count passes the report's checks (tests/reports/test_demo.py runs them on every demo month)."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select

from webapp.auth.models import User
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.regions.models import Posyandu
from webapp.regions.queries import setting_for
from webapp.reports import checks
from webapp.reports.fields import COUNT_NAMES
from webapp.reports.models import MonthlyReport, ReportEvent, Status
from webapp.reports.periods import due_at, last_months
from webapp.clock import to_utc, today_in, utcnow

PALANGAN = "62.02.01.2003"


TARGET_RANGES = (("ibu_hamil", 3, 10), ("ibu_bersalin", 1, 3), ("ibu_nifas", 2, 6), ("bayi", 5, 15),
                 ("balita", 20, 50), ("apras", 4, 12), ("remaja", 20, 60), ("dewasa", 50, 150), ("lansia", 15, 50))


def _targets(posyandu_id: int) -> dict:
    """A Posyandu's sasaran: the same every month (a register of names), drawn once per Posyandu."""
    rng = random.Random(posyandu_id * 31337)
    return {group: rng.randint(low, high) for group, low, high in TARGET_RANGES} | {
        "pus": rng.randint(40, 120), "extra": rng.choice((0.0, 0.0, 0.3, 0.6))}  # some never run extra activities


def _skdn(rng: random.Random, bayi: int, balita: int) -> dict:
    """SKDN that passes every check: S = bayi + balita targets, D ≤ served, N + T ≤ D − O − B, 2T ≤ T."""
    s = bayi + balita
    d = round(s * rng.uniform(0.7, 0.9))
    o, b = rng.randint(0, min(3, d // 4)), rng.randint(0, min(2, d // 4))
    weighed_twice = d - o - b
    n = round(weighed_twice * rng.uniform(0.7, 0.85))
    t = rng.randint(0, weighed_twice - n)
    measured = round(d * rng.uniform(0.8, 1.0))
    return {"balita_s": s, "balita_k": s - rng.randint(0, min(5, s)), "balita_d": d, "balita_n": n, "balita_o": o,
            "balita_b": b, "balita_t": t, "balita_2t": rng.randint(0, min(t, 2)), "balita_bgm": rng.randint(0, 2),
            "measured": measured, "stunted": round(measured * rng.uniform(0.1, 0.25)),
            "wasted": round(measured * rng.uniform(0.02, 0.08)),
            "underweight": round(measured * rng.uniform(0.05, 0.12)), "kpsp_screened": round(d * rng.uniform(0.2, 0.6))}


def _counts(rng: random.Random, targets: dict, month: int) -> dict:
    """Plausible, consistent counts for one Posyandu month: stable sasaran, served below it, checks all pass."""
    counts = {"kader_on_duty": rng.randint(4, 7), "home_visits": rng.randint(0, 10), "referrals": rng.randint(0, 4),
              "kegiatan_tambahan": rng.randint(1, 2) if rng.random() < targets["extra"] else 0, "balita_referred": rng.randint(0, 3),
              "pus_target": targets["pus"]}
    for group, _, _ in TARGET_RANGES:
        target = targets[group]
        counts[f"{group}_target"], counts[f"{group}_served"] = target, round(target * rng.uniform(0.5, 1.0))
    counts |= _skdn(rng, targets["bayi"], targets["balita"])
    # Those weighed were served: the bayi and balita served cover D.
    counts["bayi_served"] = min(targets["bayi"], max(counts["bayi_served"], counts["balita_d"] - targets["balita"]))
    counts["balita_served"] = min(targets["balita"], max(counts["balita_served"],
                                                         counts["balita_d"] - counts["bayi_served"]))
    counts["vitamin_a"] = round(counts["balita_d"] * rng.uniform(0.8, 1.0)) if month in (2, 8) else None
    counts.update({
        "ibu_hamil_examined": counts["ibu_hamil_served"], "ibu_hamil_kek": rng.randint(0, 2),
        "ibu_hamil_anemia": rng.randint(0, 2), "ibu_hamil_ttd": counts["ibu_hamil_served"],
        "remaja_putri_ttd": rng.randint(5, 20), "dewasa_screened": counts["dewasa_served"],
        "dewasa_at_risk": rng.randint(2, 15), "lansia_screened": counts["lansia_served"],
        "lansia_at_risk": rng.randint(2, 12), "kb_participants": round(counts["pus_target"] * rng.uniform(0.5, 0.75)),
        "bayi_immunised": round(counts["bayi_served"] * rng.uniform(0.6, 1.0)),
    })
    if rng.random() < 0.2:  # dewasa not reported this month: blank, not 0
        for name in ("dewasa_target", "dewasa_served", "dewasa_screened", "dewasa_at_risk"):
            counts[name] = None
    return counts


def _user_id(username: str) -> int | None:
    return db.session.scalar(select(User.id).where(User.username == username))


def _sent_at(rng: random.Random, due: dt.datetime, late: bool, opened: dt.datetime) -> dt.datetime:
    """When a demo report was sent: a few days before its due date, or some after it for the late ones; never
    in the future (last month's report is still coming in) and never before its hari buka."""
    sent = due + dt.timedelta(days=rng.randint(2, 9)) if late else due - dt.timedelta(days=rng.randint(1, 5),
                                                                                         hours=rng.randint(1, 9))
    return max(min(sent, utcnow() - dt.timedelta(hours=rng.randint(2, 30))), opened + dt.timedelta(hours=3))


def checked_at(sent: dt.datetime, days: int) -> dt.datetime:
    """The pokja's check `days` after sending, but not later than an hour ago (nor before the sending)."""
    return max(sent + dt.timedelta(minutes=20), min(sent + dt.timedelta(days=days), utcnow() - dt.timedelta(hours=1)))


def seed_reports() -> None:
    """Twelve months before the current one; idempotent (skips when any report exists)."""
    if db.session.scalar(select(MonthlyReport.id).limit(1)) is not None:
        return
    kader, pokja = _user_id("kader.palangan"), _user_id("pokja.palangan")
    special = first_posyandu(PALANGAN)
    reports, plans = [], []
    for posyandu in db.session.scalars(select(Posyandu).order_by(Posyandu.id)):
        setting = setting_for(posyandu.region_code)
        periods = last_months(today_in(setting.timezone), 13)[1:]
        targets = _targets(posyandu.id)
        for index, (year, month) in enumerate(periods):
            rng = random.Random(posyandu.id * 10000 + year * 12 + month)
            if index > 0 and rng.random() < 0.08 and posyandu.id != special.id:
                continue  # missing
            status, late = Status.VERIFIED if index > 1 else Status.SUBMITTED, rng.random() < 0.15
            if posyandu.id == special.id and index == 0:
                status = Status.DRAFT
            elif posyandu.id == special.id and index == 2:
                status = Status.RETURNED
            due = due_at(year, month, setting.report_due_day, setting.timezone)
            day = min(5 + posyandu.id % 20, 28)
            sent = _sent_at(rng, due, late, to_utc(dt.date(year, month, day), dt.time(12), setting.timezone))
            row = {name: None for name in COUNT_NAMES} | _counts(rng, targets, month)
            closed = rng.random() < 0.04 and status == Status.VERIFIED
            if closed:
                row = dict.fromkeys(COUNT_NAMES)
            row.update(posyandu_id=posyandu.id, region_code=posyandu.region_code, year=year, month=month,
                       status=status, version=1, closed=closed, closed_reason="Banjir, balai desa tergenang" if closed else "",
                       open_dates="" if closed else dt.date(year, month, day).isoformat(),
                       created_at=sent - dt.timedelta(days=2), updated_at=sent,
                       first_submitted_at=None if status == Status.DRAFT else sent,
                       submitted_at=None if status == Status.DRAFT else sent,
                       verified_at=checked_at(sent, 2) if status == Status.VERIFIED else None,
                       updated_by_id=kader if posyandu.id == special.id else None,
                       submitted_by_id=kader if posyandu.id == special.id and status != Status.DRAFT else None,
                       verified_by_id=pokja if posyandu.id == special.id and status == Status.VERIFIED else None)
            reports.append(row)
            plans.append((posyandu.id, year, month, status, sent, posyandu.id == special.id,
                          register_count(row) if status == Status.RETURNED else None))
    db.session.execute(insert(MonthlyReport), reports)
    ids = {(p, y, m): i for i, p, y, m in db.session.execute(
        select(MonthlyReport.id, MonthlyReport.posyandu_id, MonthlyReport.year, MonthlyReport.month))}
    events = []
    for posyandu_id, year, month, status, sent, is_special, register_d in plans:
        who, checker = (kader, pokja) if is_special else (None, None)
        events += _history(ids[(posyandu_id, year, month)], status, sent, who, checker, register_d)
    db.session.execute(insert(ReportEvent), [{"field": None} | e for e in events])


def register_count(row: dict) -> int:
    """The D the pokja's note says the register holds: one fewer than reported, or one more when fewer would break
    N + T ≤ D − O − B; a value the form's checks accept, so the kader can enter what the note asks."""
    for d in (row["balita_d"] - 1, row["balita_d"] + 1):
        values = {name: row.get(name) for name in COUNT_NAMES} | {"balita_d": d}
        if not checks.errors(values, row["year"], row["month"], dt.date(9999, 12, 31)):
            return d
    return row["balita_d"]


def _history(report_id: int, status: Status, sent: dt.datetime, who: int | None, checker: int | None,
             register_d: int | None = None) -> list[dict]:
    """The events a demo report went through to reach its status."""
    events = [{"report_id": report_id, "actor_id": who, "action": "created", "note": "",
               "at": sent - dt.timedelta(days=2)}]
    if status != Status.DRAFT:
        events.append({"report_id": report_id, "actor_id": who, "action": "submitted", "note": "", "at": sent})
    if status == Status.VERIFIED:
        events.append({"report_id": report_id, "actor_id": checker, "action": "verified", "note": "",
                       "at": checked_at(sent, 2)})
    if status == Status.RETURNED:
        events.append({"report_id": report_id, "actor_id": checker, "action": "returned", "field": "balita_d",
                       "note": f"D tidak cocok dengan buku register (tercatat {register_d} balita ditimbang). "
                               "Mohon dicek.", "at": checked_at(sent, 1)})
    return events
