"""Route-sweep samples for the plan routes: a draft plan with one line lying in the given region's
subtree, made on first use."""
from __future__ import annotations

from sqlalchemy import select

from tests.route_samples import sample, within
from webapp.auth.models import RoleAssignment
from webapp.extensions import db
from webapp.regions.models import Level, Region
from webapp.workplans.models import Plan, PlanLine


def _plan_in(region_code: str) -> Plan | None:
    plan = db.session.scalar(select(Plan).where(within(Plan.region_code, region_code)).order_by(Plan.id).limit(1))
    if plan is not None:
        return plan
    region = db.session.get(Region, region_code)
    user_id = db.session.scalar(select(RoleAssignment.user_id).where(within(RoleAssignment.region_code, region_code))
                                .order_by(RoleAssignment.region_code, RoleAssignment.user_id).limit(1))
    if region is None or region.level == Level.PROVINSI or user_id is None:
        return None
    plan = Plan(region_code=region_code, year=2026, title=f"Rencana sampel {region_code}", created_by_id=user_id)
    plan.lines.append(PlanLine(activity="Kegiatan sampel", spm_field="kesehatan", months="1", budget=1000,
                               funding_source="dd", location_code=region_code))
    db.session.add(plan)
    db.session.commit()
    return plan


@sample("plan_id")
def _plan(region_code: str):
    plan = _plan_in(region_code)
    return plan.id if plan else None


@sample("line_id")
def _line(region_code: str):
    plan = _plan_in(region_code)
    return plan.lines[0].id if plan else None
