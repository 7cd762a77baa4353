"""Two dashboard figures of an area: per body, the share of its signal-tied decisions whose signal cleared
within 60 days; and per desa/kecamatan, the share of received reports the data-quality sentinel flags.

Bodies with such decisions are found in one grouped statement, then each body's rate is judged as
`pack.cleared_rate` does. The flag rate reads the area's reports of the period in one statement (the
sentinel's rules run in Python over each report and its three months before).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from webapp.evidence.figures import units_of
from webapp.evidence.models import AgendaSignal
from webapp.evidence.pack import Rate, cleared_rate
from webapp.evidence.quality_signals import flag_counts
from webapp.extensions import db
from webapp.lembaga.queries import body_name
from webapp.meetings.models import ActionItem, Meeting
from webapp.regions.models import Region


@dataclass(frozen=True)
class BodyRate:
    region: Region
    name: str
    decisions: int
    rate: Rate


@dataclass(frozen=True)
class FlagRate:
    code: str
    label: str
    flagged: int
    received: int

    @property
    def share(self) -> float | None:
        return self.flagged / self.received if self.received else None


def body_rates(region: Region, today: dt.date | None = None) -> list[BodyRate]:
    """Every body of the area (its own and those below) with decisions tied to a signal, shallowest first."""
    area = or_(Meeting.region_code == region.code, Meeting.region_code.startswith(region.code + ".", autoescape=True))
    counts = db.session.execute(
        select(Meeting.region_code, func.count(ActionItem.id))
        .join(ActionItem, ActionItem.meeting_id == Meeting.id)
        .join(AgendaSignal, AgendaSignal.agenda_item_id == ActionItem.agenda_item_id)
        .where(area).group_by(Meeting.region_code)).all()
    bodies = {r.code: r for r in db.session.scalars(select(Region).where(Region.code.in_([c for c, _ in counts])))}
    ordered = sorted(counts, key=lambda row: (row[0].count("."), row[0]))
    return [BodyRate(bodies[code], body_name(bodies[code]), n, cleared_rate(bodies[code], today)) for code, n in ordered]


def flag_rates(region: Region, periods: list[int]) -> tuple[list[FlagRate], FlagRate]:
    """Per unit of the area (desa of a kecamatan, kecamatan of a kabupaten, Posyandu of a desa) and in total:
    received reports of `periods` and how many carry at least one sentinel flag."""
    labels, _ = units_of(region)
    counts = flag_counts(region.code, periods)
    rows = [FlagRate(code, label, *counts.get(code, (0, 0, None))[:2]) for code, label in labels.items()]
    total = FlagRate(region.code, region.label, sum(r.flagged for r in rows), sum(r.received for r in rows))
    return rows, total
