"""Whose turn it is: one approval chain for every tier, the plan's flow as a table, and its object rules.

A plan at region R is approved by the approver of R, then (below the kabupaten) endorsed
("mengetahui") by the approver of R's parent: desa → camat, kecamatan → kabupaten. Either may
return it to its drafter with a note. Drafting happens at one's own region only. Scope (404)
is checked before these rules (403).
"""
from __future__ import annotations

from dataclasses import dataclass

from webapp import access
from webapp.regions.models import Level, level_of, parent_code_of
from webapp.workflow import Entry, Flow, Step
from webapp.workplans.models import Decision, Plan, PlanStatus, PlanStep

PLAN_LEVELS = {Level.DESA, Level.KECAMATAN, Level.KABUPATEN}


@dataclass(frozen=True)
class Stage:
    decision: Decision        # what acting on this step records
    region_code: str          # the region whose approver acts
    waiting: PlanStatus       # the plan's status while this step waits
    done: PlanStatus          # the plan's status once this step is taken


def chain(region_code: str) -> list[Stage]:
    """The steps a plan at this region goes through after it is submitted."""
    steps = [Stage(Decision.APPROVED, region_code, PlanStatus.SUBMITTED, PlanStatus.APPROVED)]
    if level_of(region_code) != Level.KABUPATEN:
        steps.append(Stage(Decision.ENDORSED, parent_code_of(region_code), PlanStatus.APPROVED, PlanStatus.ENDORSED))
    return steps


def current_step(plan: Plan) -> Stage | None:
    """The step waiting now, or None for a draft, a returned plan or a finished one."""
    return next((s for s in chain(plan.region_code) if s.waiting == plan.status), None)


def is_final(plan: Plan) -> bool:
    """Approved through the whole chain: locked for good; changes need a new revision."""
    return plan.status == chain(plan.region_code)[-1].done


def is_approved(plan: Plan) -> bool:
    return plan.status in (PlanStatus.APPROVED, PlanStatus.ENDORSED)


def _holds(actor: access.Actor, permission: str, region_code: str) -> bool:
    return any(g.region_code == region_code and g.posyandu_id is None for g in actor.grants_for(permission))


def may_draft(actor: access.Actor, obj) -> bool:
    """Anggota/approver of exactly this region (a plan, or a region for a new plan); the tier's own work."""
    if obj is None:
        return actor.has("plan.draft")
    code = getattr(obj, "region_code", None) or getattr(obj, "code", None)
    return code is not None and level_of(code) in PLAN_LEVELS and _holds(actor, "plan.draft", code)


def may_decide(actor: access.Actor, obj) -> bool:
    """Only the approver of the region whose step is waiting may approve (or endorse) or return."""
    if obj is None:
        return actor.has("plan.approve")
    return any(PLAN_FLOW.may(actor, obj, name) for name in DECIDE)


def approver_regions(actor: access.Actor) -> list[str]:
    """Regions whose approver the actor is."""
    return sorted({g.region_code for g in actor.grants_for("plan.approve") if g.posyandu_id is None})


def step_title(plan: Plan, step: Stage) -> str:
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


# ---- the flow ------------------------------------------------------------------------------

def drafts_here(actor: access.Actor, plan: Plan) -> bool:
    """Anggota or approver of exactly the plan's region."""
    return may_draft(actor, plan)


def approves_here(actor: access.Actor, plan: Plan) -> bool:
    """The approver of the plan's own region (kepala desa, camat, bupati)."""
    return _holds(actor, "plan.approve", plan.region_code)


def endorses_here(actor: access.Actor, plan: Plan) -> bool:
    """The approver one tier up, for plans below the kabupaten."""
    return level_of(plan.region_code) != Level.KABUPATEN and _holds(actor, "plan.approve",
                                                                   parent_code_of(plan.region_code))


DECISION_OF_STEP = {"submit": Decision.SUBMITTED, "approve": Decision.APPROVED, "endorse": Decision.ENDORSED,
                    "return": Decision.RETURNED, "return_above": Decision.RETURNED}
DECIDE = ("approve", "endorse")
RETURN = ("return", "return_above")


def office(plan: Plan, step: Step) -> str:
    """"Penyusun, Desa Palangan", "Kepala Desa Palangan", "Camat Kota Besi": who takes this step."""
    if step.name == "submit":
        return f"Penyusun, {plan.region.label}"
    region = plan.region if step.name in ("approve", "return") else plan.region.parent
    return f"{region.approver_title} {region.bare_name}"


def _record(plan: Plan, entry: Entry) -> None:
    plan.steps.append(PlanStep(user_id=entry.actor_id, name=entry.name, role=entry.role, jabatan=entry.jabatan,
                               nip=entry.nip, decision=DECISION_OF_STEP[entry.step.name], note=entry.note,
                               at=entry.at))


RETURN_NOTE = "Tulis catatan: apa yang perlu diperbaiki penyusun."
PLAN_FLOW = Flow(
    name="plan", noun="Rencana kerja ini",
    state_labels={PlanStatus.DRAFT: "Draf", PlanStatus.SUBMITTED: "Diajukan", PlanStatus.APPROVED: "Disetujui",
                  PlanStatus.ENDORSED: "Diketahui", PlanStatus.RETURNED: "Dikembalikan"},
    record=_record, role_of=lambda actor, plan, step: office(plan, step),
    stale=("Rencana kerja ini sudah diputuskan atau diubah sejak halaman Anda dibuka. Muat ulang halaman untuk "
           "melihat keadaannya sekarang."),
    steps=(
        Step("submit", frozenset({PlanStatus.DRAFT, PlanStatus.RETURNED}), PlanStatus.SUBMITTED, drafts_here,
             "Ajukan", "Rencana kerja sudah diajukan."),
        Step("approve", frozenset({PlanStatus.SUBMITTED}), PlanStatus.APPROVED, approves_here, "Setujui",
             "Rencana kerja sudah disetujui."),
        Step("endorse", frozenset({PlanStatus.APPROVED}), PlanStatus.ENDORSED, endorses_here, "Mengetahui",
             "Rencana kerja sudah diketahui."),
        Step("return", frozenset({PlanStatus.SUBMITTED}), PlanStatus.RETURNED, approves_here, "Kembalikan",
             "Rencana kerja sudah dikembalikan kepada penyusun.", note_required=RETURN_NOTE),
        Step("return_above", frozenset({PlanStatus.APPROVED}), PlanStatus.RETURNED, endorses_here, "Kembalikan",
             "Rencana kerja sudah dikembalikan kepada penyusun.", note_required=RETURN_NOTE),
    ),
)

# "plan.approve" asks for either decision (approve or endorse), so it overrides the single step of that name.
RULES = {**PLAN_FLOW.rules(), "plan.draft": may_draft, "plan.approve": may_decide}
