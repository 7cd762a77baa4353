"""Reading work plans within the actor's subtree: lists, the approver's queue, the roll-up."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import abort, url_for
from sqlalchemy import and_, func, or_, select

from webapp.access import Actor, load_in_scope
from webapp.auth.models import Role
from webapp.extensions import db
from webapp.regions.models import Level, Posyandu, Region, region_label
from webapp.workplans import rules
from webapp.workplans.models import Decision, Plan, PlanLine, PlanStatus, PlanStep


def get_plan_or_404(actor: Actor, plan_id: int, rule: str | None = None) -> Plan:
    """A plan in the actor's subtree (plan.view); outside it, 404. With `rule`, 403 when the rule says no."""
    return load_in_scope(actor, Plan, plan_id, "plan.view", rule=rule)


def get_line_or_404(plan: Plan, line_id: int) -> PlanLine:
    line = next((item for item in plan.lines if item.id == line_id), None)
    if line is None:
        abort(404)
    return line


def _mitra_carries(actor: Actor, line: PlanLine) -> bool:
    owners = {line.mitra_id, line.mitra.parent_id} if line.mitra is not None else set()
    return any(g.role == Role.MITRA and g.mitra_id in owners for g in actor.grants)


def get_line_for_progress_or_404(actor: Actor, line_id: int) -> PlanLine:
    """A line whose realisation the actor may update: 404 outside the actor's area, 403 when it is not the
    actor's body's or mitra's line, or its plan is not approved."""
    return load_in_scope(actor, PlanLine, line_id, "plan.view", rule="plan.realise", also=_mitra_in_area)


def _mitra_in_area(actor: Actor, line: PlanLine) -> bool:
    return actor.covers("plan.realise", line.plan.region_code) and _mitra_carries(actor, line)


def after_progress_url(actor: Actor, line: PlanLine) -> str:
    """Back to the plan for its body; back to the mitra page for a partner's staff."""
    if actor.has("plan.view"):
        return url_for("workplans.detail", plan_id=line.plan_id) + f"#line-{line.id}"
    own = line.mitra_id if line.mitra_id in actor.mitra_ids else line.mitra.parent_id
    return url_for("mitra.show", mitra_id=own, tahun=line.plan.year) + f"#line-{line.id}"


def plans_for_year(actor: Actor, year: int) -> list[Plan]:
    """Every plan of the year in the actor's subtree, own tier first."""
    return list(db.session.scalars(
        select(Plan).join(Region, Region.code == Plan.region_code)
        .where(actor.where_region("plan.view", Plan.region_code), Plan.year == year)
        .order_by(func.length(Plan.region_code), Plan.region_code, Plan.semester, Plan.revision.desc())
    ))


def newer_revision(plan: Plan) -> Plan | None:
    return db.session.scalar(select(Plan).where(Plan.previous_id == plan.id))


def draft_regions(actor: Actor) -> list[Region]:
    """Regions where the actor writes plans: its own desa, kecamatan or kabupaten."""
    codes = [g.region_code for g in actor.grants_for("plan.draft") if g.posyandu_id is None]
    regions = db.session.scalars(select(Region).where(Region.code.in_(codes)).order_by(Region.code))
    return [r for r in regions if r.level in rules.PLAN_LEVELS]


def _waiting_for(codes: list[str]):
    """Plans whose waiting step belongs to the approver of one of these regions."""
    return or_(
        and_(Plan.status == PlanStatus.SUBMITTED, Plan.region_code.in_(codes)),
        and_(Plan.status == PlanStatus.APPROVED, Region.parent_code.in_(codes), Region.level != Level.KABUPATEN),
    )


@dataclass(frozen=True)
class QueueItem:
    """A plan as the home panel lists it: columns only, no lines or steps loaded."""

    id: int
    region_code: str
    region_label: str
    title: str
    status: str
    status_changed_at: dt.datetime
    total: int
    return_name: str | None = None
    return_note: str | None = None


def _queue_items(where, order) -> list[QueueItem]:
    """Plans as QueueItem rows: the total summed and the latest return's note picked in SQL."""
    total = (select(func.coalesce(func.sum(PlanLine.budget), 0)).where(PlanLine.plan_id == Plan.id)
             .correlate(Plan).scalar_subquery())
    last_return = (select(PlanStep.id).where(PlanStep.plan_id == Plan.id, PlanStep.decision == Decision.RETURNED)
                   .correlate(Plan).order_by(PlanStep.id.desc()).limit(1).scalar_subquery())
    rows = db.session.execute(
        select(Plan.id, Plan.region_code, Region.name, Region.level, Plan.title, Plan.status, Plan.status_changed_at,
               total, PlanStep.name, PlanStep.note)
        .join(Region, Region.code == Plan.region_code)
        .outerjoin(PlanStep, and_(Plan.status == PlanStatus.RETURNED, PlanStep.id == last_return))
        .where(where).order_by(*order))
    return [QueueItem(id_, code, region_label(code, name, level), title, status, changed, total_, step_name, note)
            for id_, code, name, level, title, status, changed, total_, step_name, note in rows]


def queue(actor: Actor) -> list[QueueItem]:
    """What waits for this approver, oldest first."""
    codes = rules.approver_regions(actor)
    if not codes:
        return []
    return _queue_items(and_(_waiting_for(codes), actor.where_region("plan.view", Plan.region_code)),
                        (Plan.status_changed_at, Plan.id))


def queue_count(actor: Actor) -> int:
    codes = rules.approver_regions(actor)
    if not codes:
        return 0
    return db.session.scalar(
        select(func.count(Plan.id)).join(Region, Region.code == Plan.region_code)
        .where(_waiting_for(codes), actor.where_region("plan.view", Plan.region_code))
    )


def returned_to(actor: Actor) -> list[QueueItem]:
    """Returned plans of the regions the actor drafts for, with the return's note: the drafter's to-do."""
    codes = [r.code for r in draft_regions(actor)]
    if not codes:
        return []
    return _queue_items(and_(Plan.status == PlanStatus.RETURNED, Plan.region_code.in_(codes)),
                        (Plan.status_changed_at,))


def location_choices(actor: Actor, plan: Plan) -> list[tuple[str, str]]:
    """The plan's region, the regions below it and their Posyandu, as (key, label)."""
    regions = db.session.scalars(
        select(Region).where(or_(Region.code == plan.region_code,
                                 Region.code.startswith(plan.region_code + ".", autoescape=True)),
                             actor.where_region("plan.view", Region.code))
        .order_by(Region.code)
    )
    posyandu = db.session.scalars(
        select(Posyandu).where(or_(Posyandu.region_code == plan.region_code,
                                   Posyandu.region_code.startswith(plan.region_code + ".", autoescape=True)),
                               actor.where_posyandu("plan.view", Posyandu.id, Posyandu.region_code))
        .order_by(Posyandu.region_code, Posyandu.name)
    )
    return ([(f"r:{r.code}", r.label) for r in regions]
            + [(f"p:{p.id}", f"{p.name} ({p.region.name})") for p in posyandu])
