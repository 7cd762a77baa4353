"""Reading supervision visits and their findings within the actor's area; quarterly visit coverage."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select, true

from webapp.access import Actor, load_in_scope
from webapp.extensions import db
from webapp.pembinaan.models import Finding, FindingStatus, Visit
from webapp.regions.models import Posyandu, Region


def get_visit_or_404(actor: Actor, visit_id: int) -> Visit:
    return load_in_scope(actor, Visit, visit_id, "posyandu.view")


def get_finding_or_404(actor: Actor, finding_id: int) -> Finding:
    return load_in_scope(actor, Finding, finding_id, ("posyandu.view", "action.update"))


def visits_of(posyandu: Posyandu) -> list[Visit]:
    return list(db.session.scalars(select(Visit).where(Visit.posyandu_id == posyandu.id)
                                   .order_by(Visit.visited_on.desc(), Visit.id.desc())))


def recent_visits(actor: Actor, limit: int = 30) -> list[Visit]:
    return list(db.session.scalars(
        select(Visit).where(actor.where_posyandu("posyandu.view", Visit.posyandu_id, Visit.region_code))
        .order_by(Visit.visited_on.desc(), Visit.id.desc()).limit(limit)))


def open_findings(actor: Actor) -> list[Finding]:
    """Findings not yet done in the actor's area, the earliest due first."""
    return list(db.session.scalars(
        select(Finding).where(Finding.status != FindingStatus.SELESAI,
                              actor.where_posyandu("action.update", Finding.posyandu_id, Finding.region_code))
        .order_by(Finding.due_on.is_(None), Finding.due_on, Finding.id)))


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the calendar quarter holding `day`."""
    first = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    nxt = dt.date(first.year + (first.month == 10), (first.month + 3 - 1) % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


@dataclass
class Coverage:
    code: str
    label: str
    posyandu: int = 0
    visited: int = 0


def coverage_by_kecamatan(actor: Actor, day: dt.date) -> list[Coverage]:
    """Per kecamatan of the actor's area: active Posyandu, and those visited at least once in `day`'s quarter."""
    start, end = quarter_of(day)
    scoped = actor.where_posyandu("posyandu.view", Posyandu.id, Posyandu.region_code)
    kecamatan = func.substr(Posyandu.region_code, 1, 8)
    found: dict[str, Coverage] = {}
    for code, count in db.session.execute(select(kecamatan, func.count()).where(scoped, Posyandu.is_active == true())
                                          .group_by(kecamatan)):
        found[code] = Coverage(code, code, posyandu=count)
    visited = defaultdict(int)
    visit_kecamatan = func.substr(Visit.region_code, 1, 8)  # one expression: PostgreSQL matches GROUP BY by it
    for code, count in db.session.execute(
            select(visit_kecamatan, func.count(func.distinct(Visit.posyandu_id)))
            .join(Posyandu, Posyandu.id == Visit.posyandu_id)
            .where(scoped, Posyandu.is_active == true(), Visit.visited_on.between(start, end))
            .group_by(visit_kecamatan)):
        visited[code] = count
    for region in db.session.scalars(select(Region).where(Region.code.in_(list(found)))):
        found[region.code].label = region.label
    for code, row in found.items():
        row.visited = visited.get(code, 0)
    return sorted(found.values(), key=lambda c: c.code)
