"""Object rules for meetings: who sees, runs, comments on and signs a meeting, and who updates an action item.

Imported by the meetings views so the rules are registered before any request.
"""
from __future__ import annotations

from webapp.access import Actor, object_rule
from webapp.auth.models import Role
from webapp.meetings.models import ActionItem, Meeting, MinutesStatus

BODY_ROLES = (Role.ANGGOTA, Role.APPROVER)


def is_participant(actor: Actor, meeting: Meeting) -> bool:
    return any(p.user_id == actor.id for p in meeting.participants)


def runs_body(actor: Actor, region_code: str) -> bool:
    """Members of the body itself (own tier only) run its meetings."""
    return any(g.region_code == region_code for g in actor.grants_for("meeting.manage"))


@object_rule("meeting.view")
def _view(actor: Actor, meeting: Meeting | None) -> bool:
    """The body's subtree sees a meeting; so does everyone invited to it."""
    if meeting is None:
        return actor.has("meeting.view")
    return actor.covers("meeting.view", meeting.region_code) or is_participant(actor, meeting)


@object_rule("meeting.manage")
def _manage(actor: Actor, meeting: Meeting | None) -> bool:
    """The body's own members and the note-taker run a meeting (invitations, attendance, minutes)."""
    if meeting is None:
        return actor.has("meeting.manage")
    return runs_body(actor, meeting.region_code) or actor.id == meeting.notulis_id


@object_rule("minutes.edit")
def _edit(actor: Actor, meeting: Meeting) -> bool:
    """Minutes text changes only while draft or circulated."""
    return not meeting.text_is_frozen and _manage(actor, meeting)


@object_rule("minutes.read")
def _read(actor: Actor, meeting: Meeting) -> bool:
    """Participants read the minutes once circulated; those who run the meeting read the draft too."""
    if _manage(actor, meeting):
        return True
    return meeting.status != MinutesStatus.DRAFT and _view(actor, meeting)


@object_rule("minutes.comment")
def _comment(actor: Actor, meeting: Meeting) -> bool:
    """Participants with accounts comment on circulated minutes."""
    return meeting.status == MinutesStatus.CIRCULATED and (is_participant(actor, meeting) or _manage(actor, meeting))


@object_rule("meeting.sign")
def _sign(actor: Actor, meeting: Meeting | None) -> bool:
    """Only the chair, an approver of the body, signs circulated minutes off as final."""
    if meeting is None:
        return actor.has("meeting.sign")
    return (meeting.status == MinutesStatus.CIRCULATED and actor.id == meeting.chair_id
            and actor.covers("meeting.sign", meeting.region_code))


def is_responsible(actor: Actor, item: ActionItem) -> bool:
    """The responsible user, or a member of the responsible region's body."""
    if item.responsible_user_id == actor.id:
        return True
    code = item.responsible_region_code
    return code is not None and any(g.role in BODY_ROLES and g.region_code == code for g in actor.grants)


@object_rule("action.update")
def _update_action(actor: Actor, item: ActionItem | None) -> bool:
    """Those responsible report progress; the body that gave the item records reports at its meetings."""
    if item is None:
        return actor.has("action.update")
    return is_responsible(actor, item) or runs_body(actor, item.meeting.region_code)
