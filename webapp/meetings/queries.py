"""Reading meetings, participants and action items, always within what the actor may see."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import abort
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import joinedload, lazyload

from webapp.access import Actor, load_in_scope
from webapp.auth.models import Role, RoleAssignment, User
from webapp.clock import utcnow
from webapp.extensions import db
from webapp.meetings.models import ActionItem, ActionStatus, ActionUpdate, Meeting, MinutesComment, MinutesRevision, Participant
from webapp.meetings.rules import BODY_ROLES, is_participant, is_responsible
from webapp.lembaga.models import Member
from webapp.mitra.models import Mitra
from webapp.regions.models import Region, kabupaten_code_of


def _visible(actor: Actor):
    """Meetings in the actor's subtree, or ones the actor is invited to."""
    invited = exists().where(Participant.meeting_id == Meeting.id, Participant.user_id == actor.id)
    return or_(actor.where_region("meeting.view", Meeting.region_code), invited)


def meetings_for(actor: Actor, limit: int = 100) -> list[Meeting]:
    """Newest first."""
    return list(db.session.scalars(
        select(Meeting).where(_visible(actor)).order_by(Meeting.starts_at.desc()).limit(limit)).unique())


def get_meeting_or_404(actor: Actor, meeting_id: int, rule: str | None = None, refused: int = 403) -> Meeting:
    """The meeting if the actor may see it; otherwise 404 (a sibling region never learns it exists). With
    `rule`, `refused` (403) when the rule says no."""
    return load_in_scope(actor, Meeting, meeting_id, "meeting.view", rule=rule, also=is_participant, refused=refused)


def get_participant_or_404(meeting: Meeting, participant_id: int) -> Participant:
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.meeting_id != meeting.id:
        abort(404)
    return participant


def get_agenda_item_or_404(meeting: Meeting, item_id: int):
    item = next((a for a in meeting.agenda_items if a.id == item_id), None)
    if item is None:
        abort(404)
    return item


# What a list row prints: a meeting's region; an action item's meeting title and who carries it. The
# rest of their joined relationships (chair, note-taker, members, a mitra's kabupaten) wait until used.
LISTED_MEETING = (lazyload("*"), joinedload(Meeting.region))
LISTED_ACTION = (joinedload(ActionItem.meeting).lazyload("*"), joinedload(ActionItem.responsible_mitra).lazyload("*"))


def participants_with_roles(meeting: Meeting) -> list[Participant]:
    """The meeting's participants, their accounts and those accounts' roles (unsur) in two statements."""
    return list(db.session.scalars(
        select(Participant).where(Participant.meeting_id == meeting.id).order_by(Participant.id)
        .options(joinedload(Participant.user).selectinload(User.roles))).unique())


def upcoming_for(actor: Actor, now: dt.datetime | None = None) -> list[Meeting]:
    """Meetings the actor is invited to that have not ended (from twelve hours ago on)."""
    since = (now or utcnow()) - dt.timedelta(hours=12)
    invited = exists().where(Participant.meeting_id == Meeting.id, Participant.user_id == actor.id)
    return list(db.session.scalars(
        select(Meeting).where(invited, Meeting.starts_at >= since).options(*LISTED_MEETING)
        .order_by(Meeting.starts_at).limit(10)).unique())


def _responsible_clause(actor: Actor):
    codes = sorted({g.region_code for g in actor.grants if g.role in BODY_ROLES})
    own = actor.mitra_ids
    family = select(Mitra.id).where(or_(Mitra.id.in_(own), Mitra.parent_id.in_(own)))
    as_member = select(Member.id).where(Member.user_id == actor.id)
    return or_(ActionItem.responsible_user_id == actor.id, ActionItem.responsible_region_code.in_(codes),
               ActionItem.responsible_mitra_id.in_(family), ActionItem.responsible_member_id.in_(as_member))


def open_actions_for(actor: Actor) -> list[ActionItem]:
    """Open action items the actor (or the actor's body) is responsible for, soonest due first."""
    return list(db.session.scalars(
        select(ActionItem).where(_responsible_clause(actor), ActionItem.status != ActionStatus.SELESAI)
        .options(*LISTED_ACTION).order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)).unique())


def get_action_or_404(actor: Actor, item_id: int, rule: str | None = None) -> ActionItem:
    """An action item for those responsible or those who see its meeting; otherwise 404. With `rule`, 403
    when the rule says no."""
    return load_in_scope(actor, ActionItem, item_id, "meeting.view", rule=rule,
                         also=lambda who, item: is_responsible(who, item) or is_participant(who, item.meeting))


@dataclass(frozen=True)
class FollowUp:
    """An earlier action item as this meeting sees it: the report made here (if any) and the status shown."""
    item: ActionItem
    report: ActionUpdate | None
    status_label: str


def followups_for(actor: Actor, meeting: Meeting) -> list[FollowUp]:
    """Action items of the body's earlier meetings that are still open, or were reported at this meeting.
    Once the minutes are final only what was recorded here counts, with its status as reported then,
    so the signed text never changes. The meeting was loaded within the actor's scope."""
    reported_here = exists().where(ActionUpdate.action_item_id == ActionItem.id, ActionUpdate.meeting_id == meeting.id)
    wanted = reported_here if meeting.text_is_frozen else or_(ActionItem.status != ActionStatus.SELESAI, reported_here)
    items = db.session.scalars(
        select(ActionItem).join(Meeting, ActionItem.meeting_id == Meeting.id)
        .where(Meeting.region_code == meeting.region_code, Meeting.starts_at < meeting.starts_at,
               Meeting.id != meeting.id, wanted)
        .order_by(Meeting.starts_at, ActionItem.id)).unique()
    result = []
    for item in items:
        report = next((u for u in reversed(item.updates) if u.meeting_id == meeting.id), None)
        label = item.status_label
        if meeting.text_is_frozen and report is not None:
            late = report.status != ActionStatus.SELESAI and item.due_on is not None and item.due_on < meeting.starts_at.date()
            label = "Terlambat" if late else report.status_label
        result.append(FollowUp(item, report, label))
    return result


def body_accounts(region_codes: list[str]) -> list[tuple[User, str]]:
    """Enabled accounts holding a role at exactly these regions, with the region code, by region and name."""
    rows = db.session.execute(
        select(User, RoleAssignment.region_code).join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.region_code.in_(region_codes), User.is_enabled.is_(True))
        .order_by(RoleAssignment.region_code, User.full_name)).all()
    seen, result = set(), []
    for user, code in rows:
        if user.id not in seen:
            seen.add(user.id)
            result.append((user, code))
    return result


def invitable_regions(meeting_region: Region) -> list[Region]:
    """The body itself and the bodies one tier below."""
    children = db.session.scalars(select(Region).where(Region.parent_code == meeting_region.code).order_by(Region.code))
    return [meeting_region, *children]


def invitable_codes(meeting: Meeting) -> list[str]:
    """Codes of the meeting's body and the bodies one tier below: whose members it invites and names."""
    return [r.code for r in invitable_regions(meeting.region)]


def partners_of(region_code: str) -> list[Mitra]:
    """The active mitra of the meeting's kabupaten, who may be given an action item."""
    return list(db.session.scalars(select(Mitra).where(Mitra.kabupaten_code == kabupaten_code_of(region_code),
                                                       Mitra.is_active.is_(True)).order_by(Mitra.short_name)))


def managed_bodies(actor: Actor) -> list[Region]:
    """Regions whose body the actor runs (own tier only)."""
    codes = sorted({g.region_code for g in actor.grants_for("meeting.manage")})
    return list(db.session.scalars(select(Region).where(Region.code.in_(codes)).order_by(Region.code)))


def people_of_body(region_codes: list[str], roles: tuple[Role, ...]) -> list[tuple[User, str]]:
    """Accounts with one of these roles at exactly these regions (chair and note-taker choices)."""
    return list(db.session.execute(
        select(User, RoleAssignment.region_code).join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.region_code.in_(region_codes), RoleAssignment.role.in_([r.value for r in roles]),
               User.is_enabled.is_(True))
        .order_by(RoleAssignment.region_code, User.full_name)).all())


def revisions(meeting: Meeting) -> list[MinutesRevision]:
    return list(db.session.scalars(
        select(MinutesRevision).where(MinutesRevision.meeting_id == meeting.id).order_by(MinutesRevision.number.desc())))


def comments(meeting: Meeting) -> list[MinutesComment]:
    return list(db.session.scalars(
        select(MinutesComment).where(MinutesComment.meeting_id == meeting.id).order_by(MinutesComment.id)))


def meeting_by_code(code: str) -> Meeting | None:
    """For self check-in: the code is the key the participant holds (services check the invitation)."""
    return db.session.scalar(select(Meeting).where(Meeting.checkin_code == code.strip().upper()))
