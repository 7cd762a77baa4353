"""Reading accounts within the actor's reach."""
import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from webapp.access import Actor
from webapp.audit import AuditEvent
from webapp.auth.models import Role, RoleAssignment, User
from webapp.auth.rules import grantable
from webapp.clock import to_utc
from webapp.extensions import db
from webapp.regions.models import Level, Region


def users_in_scope(actor: Actor) -> list[User]:
    """Accounts holding a role in one of the subtrees the actor manages (never above or sideways)."""
    role_ids = select(RoleAssignment.user_id).where(
        actor.where_region("user.manage", RoleAssignment.region_code)
    )
    return list(db.session.scalars(
        select(User).where(User.id.in_(role_ids), User.id != actor.id).order_by(User.full_name)
        .options(selectinload(User.roles))
    ))


def get_user_in_scope_or_404(actor: Actor, user_id: int) -> User:
    """404 unless the account holds a role inside the actor's managed subtree."""
    from flask import abort

    user = db.session.get(User, user_id)
    if user is None or not any(actor.covers("user.manage", r.region_code) for r in user.roles):
        abort(404)
    return user


def audit_events(actor: Actor, timezone: str, username: str = "", subject: str = "", start: dt.date | None = None,
                 end: dt.date | None = None, limit: int = 200) -> list[AuditEvent]:
    """Audit rows by accounts holding a role in the actor's subtree, newest first; dates are local days."""
    in_scope = select(RoleAssignment.user_id).where(actor.where_region("audit.view", RoleAssignment.region_code))
    query = select(AuditEvent).where(AuditEvent.actor_id.in_(in_scope))
    if username.strip():
        named = select(User.id).where(func.lower(User.username).contains(username.strip().lower(), autoescape=True))
        query = query.where(AuditEvent.actor_id.in_(named))
    if subject.strip():
        query = query.where(func.lower(AuditEvent.subject).contains(subject.strip().lower(), autoescape=True))
    if start:
        query = query.where(AuditEvent.at >= to_utc(start, dt.time(0), timezone))
    if end:
        query = query.where(AuditEvent.at < to_utc(end + dt.timedelta(days=1), dt.time(0), timezone))
    return list(db.session.scalars(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)))


def manageable_regions(actor: Actor) -> list[Region]:
    """Regions where the actor may create accounts: its own kabupaten or the tiers below it."""
    regions = db.session.scalars(
        select(Region).where(actor.where_region("user.manage", Region.code), Region.level != Level.PROVINSI)
        .order_by(Region.code)
    )
    return [r for r in regions if any(grantable(actor, role, r.code) for role in Role)]
