"""Whose turn it is: one approval chain for every tier, and the object rules built on it.

A plan at region R is approved by the approver of R, then (below the kabupaten) endorsed
("mengetahui") by the approver of R's parent: desa → camat, kecamatan → kabupaten. Drafting
happens at one's own region only. Scope (404) is checked before these rules (403).
"""
from __future__ import annotations

from dataclasses import dataclass

from webapp import access
from webapp.regions.models import Level, level_of, parent_code_of
from webapp.workplans.models import Decision, Plan, PlanStatus

PLAN_LEVELS = {Level.DESA, Level.KECAMATAN, Level.KABUPATEN}


@dataclass(frozen=True)
class Step:
    decision: Decision        # what acting on this step records
    region_code: str          # the region whose approver acts
    waiting: PlanStatus       # the plan's status while this step waits
    done: PlanStatus          # the plan's status once this step is taken


def chain(region_code: str) -> list[Step]:
    """The steps a plan at this region goes through after it is submitted."""
    steps = [Step(Decision.APPROVED, region_code, PlanStatus.SUBMITTED, PlanStatus.APPROVED)]
    if level_of(region_code) != Level.KABUPATEN:
        steps.append(Step(Decision.ENDORSED, parent_code_of(region_code), PlanStatus.APPROVED, PlanStatus.ENDORSED))
    return steps


def current_step(plan: Plan) -> Step | None:
    """The step waiting now, or None for a draft, a returned plan or a finished one."""
    return next((s for s in chain(plan.region_code) if s.waiting == plan.status), None)


def is_final(plan: Plan) -> bool:
    """Approved through the whole chain: locked for good; changes need a new revision."""
    return plan.status == chain(plan.region_code)[-1].done


def is_approved(plan: Plan) -> bool:
    return plan.status in (PlanStatus.APPROVED, PlanStatus.ENDORSED)


def _holds(actor: access.Actor, permission: str, region_code: str) -> bool:
    return any(g.region_code == region_code and g.posyandu_id is None for g in actor.grants_for(permission))


@access.object_rule("plan.draft")
def may_draft(actor: access.Actor, obj) -> bool:
    """Anggota/approver of exactly this region (a plan, or a region for a new plan); the tier's own work."""
    if obj is None:
        return actor.has("plan.draft")
    code = getattr(obj, "region_code", None) or getattr(obj, "code", None)
    return code is not None and level_of(code) in PLAN_LEVELS and _holds(actor, "plan.draft", code)


@access.object_rule("plan.approve")
def may_decide(actor: access.Actor, obj) -> bool:
    """Only the approver of the region whose step is waiting may approve or return."""
    if obj is None:
        return actor.has("plan.approve")
    step = current_step(obj)
    return step is not None and _holds(actor, "plan.approve", step.region_code)


def approver_regions(actor: access.Actor) -> list[str]:
    """Regions whose approver the actor is."""
    return sorted({g.region_code for g in actor.grants_for("plan.approve") if g.posyandu_id is None})


def step_title(plan: Plan, step: Step) -> str:
    """"Kepala Desa Palangan", "Camat Kota Besi": the office that takes this step."""
    region = plan.region if step.region_code == plan.region_code else plan.region.parent
    return f"{region.approver_title} {region.bare_name}"


def waiting_for(plan: Plan) -> str | None:
    """Who must act now, or None."""
    step = current_step(plan)
    return step_title(plan, step) if step else None


def status_label(plan: Plan | None) -> str:
    """The status as the roll-up and the lists say it: none, draft, waiting for whom, returned, approved."""
    if plan is None:
        return "Belum ada"
    if plan.status == PlanStatus.DRAFT:
        return "Draf"
    if plan.status == PlanStatus.RETURNED:
        return "Dikembalikan"
    who = waiting_for(plan)
    if who is None:
        return "Disetujui"
    return f"Disetujui, menunggu {who}" if plan.status == PlanStatus.APPROVED else f"Menunggu {who}"
