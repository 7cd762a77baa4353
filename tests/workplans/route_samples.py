"""Route-sweep samples for the plan routes: a draft plan with one line lying in the given region's subtree,
drafted on first use through the tests' plan factory by the region's approver."""
from __future__ import annotations

from tests.route_samples import approver_of, object_samples
from tests.workplans.helpers import make_plan
from webapp.access import Actor
from webapp.regions.models import Level, level_of
from webapp.workplans.models import Plan


def _make(region_code: str) -> Plan | None:
    drafter = approver_of(region_code)
    if drafter is None or level_of(region_code) == Level.PROVINSI:
        return None
    return make_plan(region_code=region_code, lines=1, by=Actor(drafter), title=f"Rencana sampel {region_code}",
                     funding_source="apbd_kab")  # a kelurahan has no APBDes


object_samples(Plan, _make, plan_id=lambda plan: plan.id, line_id=lambda plan: plan.lines[0].id)
