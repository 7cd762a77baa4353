"""One partner's page within the reader's reach: what it pays for and carries out in the plans, the
action items given to it and the meetings its staff were invited to.

Plan lines on a mitra page are those of plans in the reader's subtree (`mitra.read`): a desa sees its own
plan's lines, the agency its whole area. Which mitra the reader may open is the registry's rule
(`webapp.mitra.queries.visible`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from webapp.access import Actor
from webapp.auth.models import RoleAssignment
from webapp.clock import today_in
from webapp.extensions import db
from webapp.meetings.models import ActionItem, ActionStatus, Meeting, Participant
from webapp.meetings.queries import LISTED_ACTION, LISTED_MEETING
from webapp.mitra.models import Mitra
from webapp.regions.models import Level
from webapp.regions.queries import setting_for
from webapp.spm import SOURCE_LABELS, SPM_LABELS
from webapp.workplans import rules
from webapp.workplans.models import Plan, PlanLine, Progress


@dataclass
class Sums:
    """Approved and not-yet-approved budget, and what was spent on approved lines, per key."""

    rows: dict[str, list[int]] = field(default_factory=dict)

    def add(self, key: str, line: PlanLine, approved: bool) -> None:
        row = self.rows.setdefault(key, [0, 0, 0])
        row[0 if approved else 1] += line.budget
        if approved and line.progress != Progress.CANCELLED:
            row[2] += line.spent

    def items(self) -> list[tuple[str, int, int, int]]:
        return [(key, *values) for key, values in self.rows.items()]


@dataclass
class Part:
    """One set of lines of a mitra page with its totals by field, source and kecamatan."""

    lines: list[PlanLine] = field(default_factory=list)
    by_field: Sums = field(default_factory=Sums)
    by_source: Sums = field(default_factory=Sums)
    by_kecamatan: Sums = field(default_factory=Sums)
    total: Sums = field(default_factory=Sums)

    @property
    def approved(self) -> int:
        return self.total.rows.get("", [0, 0, 0])[0]

    @property
    def pending(self) -> int:
        return self.total.rows.get("", [0, 0, 0])[1]

    @property
    def spent(self) -> int:
        return self.total.rows.get("", [0, 0, 0])[2]


@dataclass
class MitraPage:
    """`own`: lines whose budget this mitra holds (its Renja/RKA: "Anggaran Anda"); `carried`: lines it
    carries out whoever pays ("Anda sebagai pelaksana"). A Dana Desa line a puskesmas carries is in
    `carried` only: it is the desa's money."""
    mitra: Mitra
    year: int
    own: Part
    carried: Part
    actions: list[ActionItem] = field(default_factory=list)    # open, soonest due first
    meetings: list[Meeting] = field(default_factory=list)      # invited through the mitra's staff
    today: object = None

    @property
    def overdue(self) -> list[ActionItem]:
        return [a for a in self.actions if a.due_on and a.due_on < self.today]


def kecamatan_label(plan: Plan) -> str:
    region = plan.region
    if region.level == Level.KABUPATEN:
        return "Tingkat kabupaten"
    return (region if region.level == Level.KECAMATAN else region.parent).label


def lines_of(actor: Actor, mitra: Mitra, year: int, column=PlanLine.mitra_id) -> list[PlanLine]:
    """Lines carried by this mitra or its units (or, with `column` the budget holder, paid by them) in the
    current revision of the year's plans the actor reads."""
    newer = select(Plan.previous_id).where(Plan.previous_id.is_not(None))
    return list(db.session.scalars(
        select(PlanLine).join(Plan, Plan.id == PlanLine.plan_id)
        .where(column.in_(mitra.family_ids), actor.where_region("mitra.read", Plan.region_code),
               Plan.year == year, Plan.id.not_in(newer))
        .options(contains_eager(PlanLine.plan))  # the plans from the join, not one statement each
        .order_by(Plan.region_code, Plan.id, PlanLine.position)))


def _part(lines: list[PlanLine]) -> Part:
    part = Part(lines)
    for line in lines:
        approved = rules.is_approved(line.plan)
        part.by_field.add(SPM_LABELS[line.spm_field], line, approved)
        part.by_source.add(SOURCE_LABELS[line.funding_source], line, approved)
        part.by_kecamatan.add(kecamatan_label(line.plan), line, approved)
        part.total.add("", line, approved)
    return part


def page(actor: Actor, mitra: Mitra, year: int) -> MitraPage:
    """What this mitra pays for (its Renja/RKA) and what it carries out, at every tier below, with totals."""
    own = lines_of(actor, mitra, year, PlanLine.budget_holder_mitra_id)
    today = today_in(setting_for(mitra.kabupaten_code).timezone)
    return MitraPage(mitra, year, _part(own), _part(lines_of(actor, mitra, year)),
                     actions=open_actions(actor, mitra), meetings=invited_meetings(actor, mitra), today=today)


def open_actions(actor: Actor, mitra: Mitra) -> list[ActionItem]:
    """Open action items given to this mitra (or its units) by meetings in the reader's area."""
    return list(db.session.scalars(
        select(ActionItem).join(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(ActionItem.responsible_mitra_id.in_(mitra.family_ids), ActionItem.status != ActionStatus.SELESAI,
               actor.where_region("mitra.read", Meeting.region_code))
        .options(*LISTED_ACTION).order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)).unique())


def invited_meetings(actor: Actor, mitra: Mitra, limit: int = 20) -> list[Meeting]:
    """Meetings in the reader's area to which an account of this mitra (or its units) was invited, newest first."""
    invited = (select(Participant.meeting_id).join(RoleAssignment, RoleAssignment.user_id == Participant.user_id)
               .where(RoleAssignment.mitra_id.in_(mitra.family_ids)))
    return list(db.session.scalars(
        select(Meeting).where(Meeting.id.in_(invited), actor.where_region("mitra.read", Meeting.region_code))
        .options(*LISTED_MEETING).order_by(Meeting.starts_at.desc()).limit(limit)))
