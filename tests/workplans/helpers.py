"""Building plans for tests through the real services."""
from __future__ import annotations

from sqlalchemy import select

from webapp.access import Actor
from webapp.auth.models import User
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.workplans import services


def actor(username: str) -> Actor:
    return Actor(db.session.scalar(select(User).where(User.username == username)))


def line_data(region_code: str, **overrides) -> dict:
    posyandu = first_posyandu(region_code) if region_code.count(".") == 3 else None
    data = {"activity": "Penimbangan balita", "spm_field": "kesehatan", "indicator": "D/S", "target_value": "90%",
            "target_group": "Balita", "location": f"p:{posyandu.id}" if posyandu else f"r:{region_code}",
            "months": ["1", "2", "3"], "person_in_charge": "Bidan desa", "budget": 1_500_000,
            "funding_source": "dd"}
    data.update(overrides)
    return data


def make_plan(drafter: str = "pokja.palangan", region_code: str = "62.02.01.2003", year: int = 2026,
              lines: int = 2, submit: bool = False, by: Actor | None = None, title: str | None = None,
              **line_overrides):
    """A plan drafted through the services by `drafter` (or the actor `by`), with `lines` lines (their fields
    as `line_data`, changed by the keywords)."""
    who = by or actor(drafter)
    plan = services.create_plan(who, {"region_code": region_code, "year": year, "semester": None,
                                      "title": title or f"Rencana uji {region_code} {year}", "background": "Latar"})
    for n in range(lines):
        fields = line_data(region_code, **{"activity": f"Kegiatan {n + 1}"} | line_overrides)
        services.save_line(who, plan, None, fields, None)
    if submit:
        services.submit(who, plan, None)
    return plan


def make_carried_line(short_name: str = "PKM Kota Besi", approve: bool = True):
    """A line of a Palangan plan carried by a Kotim mitra; the plan submitted and approved by its kades."""
    from webapp.mitra.demo import find

    plan = make_plan(submit=True)
    line = plan.lines[0]
    line.mitra = find("62.02", short_name)  # the object, so what the approval freezes names it
    db.session.flush()
    if approve:
        services.approve(actor("kades.palangan"), plan, "", None)
    db.session.refresh(line)
    return line
