"""Need against allocation: desa whose Posyandu reported high stunting or low D/S in the last six months
but whose plan of the year puts nothing on a Posyandu. Read within the actor's plan.view subtree."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from webapp.access import Actor
from webapp.clock import shift_month, today_in
from webapp.extensions import db
from webapp.regions.models import Level, Region
from webapp.regions.queries import setting_for
from webapp.reports.models import MonthlyReport, Status
from webapp.workplans.models import Plan, PlanLine

LOW_DS = 0.5         # D/S below the 50% coverage of the Posyandu-aktif definition (domain.md §9.5)
HIGH_STUNTING = 0.2  # stunting per measured at or above 20%, WHO's "high" prevalence band
MONTHS = 6


@dataclass(frozen=True)
class Need:
    region: Region
    ds: float | None
    stunting: float | None
    allocated: int

    @property
    def reasons(self) -> list[str]:
        found = []
        if self.ds is not None and self.ds < LOW_DS:
            found.append(f"D/S {round(self.ds * 100)}%")
        if self.stunting is not None and self.stunting >= HIGH_STUNTING:
            found.append(f"stunting {round(self.stunting * 100)}% dari yang diukur")
        return found


def window(timezone: str) -> tuple[int, int]:
    """The last six complete months as (first, last) month indexes year × 12 + month − 1."""
    today = today_in(timezone)
    last = shift_month(today.year, today.month, -1)
    first = shift_month(*last, -(MONTHS - 1))
    return first[0] * 12 + first[1] - 1, last[0] * 12 + last[1] - 1


def needs(actor: Actor, region: Region, year: int) -> list[Need]:
    """Desa below `region` with a need signal and no Posyandu allocation in the year's plans, worst D/S first."""
    first, last = window(setting_for(region.code).timezone)
    index = MonthlyReport.year * 12 + MonthlyReport.month - 1
    below = MonthlyReport.region_code.startswith(region.code + ".", autoescape=True)
    signals = db.session.execute(
        select(MonthlyReport.region_code, func.sum(MonthlyReport.balita_d), func.sum(MonthlyReport.balita_s),
               func.sum(MonthlyReport.stunted), func.sum(MonthlyReport.measured))
        .where(below, actor.where_region("plan.view", MonthlyReport.region_code), index.between(first, last),
               MonthlyReport.status.in_((Status.SUBMITTED, Status.VERIFIED)))
        .group_by(MonthlyReport.region_code)).all()
    allocated = dict(db.session.execute(
        select(Plan.region_code, func.sum(PlanLine.budget)).join(PlanLine, PlanLine.plan_id == Plan.id)
        .where(Plan.region_code.startswith(region.code + ".", autoescape=True), Plan.year == year,
               PlanLine.posyandu_id.is_not(None), actor.where_region("plan.view", Plan.region_code))
        .group_by(Plan.region_code)).all())
    found = []
    for code, d, s, stunted, measured in signals:
        need = Need(db.session.get(Region, code), d / s if s else None, stunted / measured if measured else None,
                    allocated.get(code) or 0)
        if need.reasons and not need.allocated and need.region.level == Level.DESA:
            found.append(need)
    return sorted(found, key=lambda n: (n.ds if n.ds is not None else 1, n.region.code))
