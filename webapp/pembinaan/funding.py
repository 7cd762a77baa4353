"""Which plan line funds a missing or broken kit item: the sarpras gap list read beside the work plans.

A plan line names the kit items it buys or repairs (`PlanLine.kit_items`). It funds an item of a Posyandu
when its place is that Posyandu, or the Posyandu's desa or a region above it (a kecamatan line buying
dacin for all its Posyandu), and its plan is approved (disetujui/diketahui) or waiting for approval
(diajukan), for this year or later. Only plans the actor may read are consulted (never up the tree).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from webapp.access import Actor
from webapp.extensions import db
from webapp.kit import KIT, usable
from webapp.regions.models import Posyandu, is_within
from webapp.workplans.models import Plan, PlanLine, PlanStatus

APPROVED = (PlanStatus.APPROVED.value, PlanStatus.ENDORSED.value)
PENDING = (PlanStatus.SUBMITTED.value,)
UNFUNDED = "belum dianggarkan"


@dataclass(frozen=True)
class Gap:
    """One required kit item a Posyandu lacks (missing, broken or never checked), and the line funding it."""

    key: str
    label: str
    line: PlanLine | None

    @property
    def funding(self) -> str:
        if self.line is None:
            return UNFUNDED
        state = "disetujui" if self.line.plan.status in APPROVED else "diajukan, menunggu persetujuan"
        return f"{self.line.activity} — {self.line.plan.title} ({state})"


def funding_lines(actor: Actor, year: int) -> list[PlanLine]:
    """Lines naming kit items in approved or pending plans of `year` or later the actor may read; approved first."""
    if not actor.has("plan.view"):
        return []
    statement = (select(PlanLine).join(PlanLine.plan).options(contains_eager(PlanLine.plan))
                 .where(PlanLine.kit_items != "", Plan.status.in_(APPROVED + PENDING), Plan.year >= year,
                        actor.where_region("plan.view", Plan.region_code))
                 .order_by(Plan.year, Plan.id, PlanLine.position))
    lines = list(db.session.scalars(statement).unique())
    return sorted(lines, key=lambda line: line.plan.status not in APPROVED)


def _funds(line: PlanLine, posyandu: Posyandu) -> bool:
    if line.posyandu_id is not None:
        return line.posyandu_id == posyandu.id
    return is_within(posyandu.region_code, line.location_code or line.plan.region_code)


def gaps_with_funding(posyandu: Posyandu, rows: dict, lines: list[PlanLine]) -> list[Gap]:
    """The required items of one Posyandu not present and good, each with the first line that funds it."""
    have = usable(rows)
    mine = [line for line in lines if _funds(line, posyandu)]
    return [Gap(item.key, item.label, next((line for line in mine if item.key in line.kit_keys), None))
            for item in KIT if item.required and item.key not in have]

