"""Shared pieces for report tests: actors, a complete valid report, and the month to file."""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from webapp.access import Actor
from webapp.auth.models import User
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.reports import services
from webapp.reports.fields import SECTION_BY_KEY, SECTIONS
from webapp.clock import month_key, shift_month, today_in

PALANGAN = "62.02.01.2003"
HANJALIPAN = "62.02.01.2004"


def actor(username: str) -> Actor:
    return Actor(db.session.scalar(select(User).where(User.username == username)))


def last_month() -> tuple[int, int]:
    today = today_in("Asia/Pontianak")
    return shift_month(today.year, today.month, -1)


def month_text() -> str:
    return month_key(*last_month())


def palangan_posyandu():
    return first_posyandu(PALANGAN)


GOOD = {
    "kader_on_duty": 5, "home_visits": 3, "referrals": 1,
    "ibu_hamil_target": 6, "ibu_hamil_served": 5, "ibu_nifas_target": 3, "ibu_nifas_served": 3,
    "bayi_target": 8, "bayi_served": 7, "balita_target": 40, "balita_served": 35, "remaja_target": 30,
    "remaja_served": 20, "dewasa_target": 80, "dewasa_served": 50, "lansia_target": 25, "lansia_served": 20,
    "balita_s": 48, "balita_k": 45, "balita_d": 40, "balita_n": 30, "balita_o": 2, "balita_b": 1, "balita_bgm": 0,
    "measured": 38, "stunted": 7, "wasted": 2, "underweight": 4, "balita_referred": 1,
    "ibu_hamil_examined": 5, "ibu_hamil_kek": 1, "ibu_hamil_anemia": 0, "ibu_hamil_ttd": 5, "remaja_putri_ttd": 9,
    "dewasa_screened": 50, "dewasa_at_risk": 6, "lansia_screened": 20, "lansia_at_risk": 5,
    "pus_target": 70, "kb_participants": 45, "bayi_immunised": 7,
    "kegiatan_tambahan": 1, "ibu_bersalin_target": 2, "ibu_bersalin_served": 1, "apras_target": 10, "apras_served": 8,
    "balita_t": 5, "balita_2t": 1, "vitamin_a": 0, "kpsp_screened": 12,
}


def section_values(key: str, year: int, month: int, **overrides) -> dict:
    section = next(s for s in SECTIONS if s.key == key)
    values = {name: GOOD[name] for name in section.names}
    if section.has_open_days:
        values.update(open_dates=[dt.date(year, month, 14)], closed=False, closed_reason="")
    values.update({k: v for k, v in overrides.items() if k in values})
    return values


def fill(who: Actor, posyandu, year: int, month: int, **overrides):
    """Save every section of a valid report; returns the report."""
    outcome = None
    for section in SECTIONS:
        outcome = services.save_section(who, posyandu, year, month, section.key,
                                        section_values(section.key, year, month, **overrides), "", new_id())
    return outcome.report


def new_id() -> str:
    return uuid.uuid4().hex


def form_data(key: str, year: int, month: int, **overrides) -> dict:
    """What the browser posts for a section (strings; dates in the open_date_N inputs)."""
    values = section_values(key, year, month, **overrides)
    data = {}
    for name, value in values.items():
        if name == "open_dates":
            for index, date in enumerate(value, start=1):
                data[f"open_date_{index}"] = date.isoformat()
        elif name == "closed":
            if value:
                data["closed"] = "y"
        else:
            data[name] = "" if value is None else str(value)
    data.update({k: v for k, v in overrides.items() if isinstance(v, str)})
    return data


def asked(key: str, month: int) -> tuple[str, ...]:
    """The counts a section's screen asks this month (vitamin A only in February and August)."""
    return tuple(f.name for f in SECTION_BY_KEY[key].fields if f.asked(month))


def walk_steps(page, year: int, month: int, **overrides) -> None:
    """In a browser, from step 1: fill each section of the form and tap Lanjut (it saves, or the outbox keeps
    it offline), up to the summary."""
    page.fill("#bagian-buka input[name=open_date_1]", f"{year:04d}-{month:02d}-14")
    for section in SECTIONS:
        page.wait_for_selector(f"#bagian-{section.key}:not([hidden])")
        for name in asked(section.key, month):
            page.fill(f"#bagian-{section.key} input[name={name}]", str(overrides.get(name, GOOD[name])))
        page.click(f"#bagian-{section.key} button[value=next]")
    page.wait_for_selector("#ringkasan:not([hidden])")
