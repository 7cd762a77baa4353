"""Reading accounts within the actor's reach."""
from sqlalchemy import select

from webapp.access import Actor
from webapp.auth.models import Role, RoleAssignment, User
from webapp.auth.rules import grantable
from webapp.extensions import db
from webapp.regions.models import Level, Region


def users_in_scope(actor: Actor) -> list[User]:
    """Accounts holding a role in one of the subtrees the actor manages (never above or sideways)."""
    role_ids = select(RoleAssignment.user_id).where(
        actor.where_region("user.manage", RoleAssignment.region_code)
    )
    return list(db.session.scalars(
        select(User).where(User.id.in_(role_ids), User.id != actor.id).order_by(User.full_name)
    ))


def get_user_in_scope_or_404(actor: Actor, user_id: int) -> User:
    """404 unless the account holds a role inside the actor's managed subtree."""
    from flask import abort

    user = db.session.get(User, user_id)
    if user is None or not any(actor.covers("user.manage", r.region_code) for r in user.roles):
        abort(404)
    return user


def manageable_regions(actor: Actor) -> list[Region]:
    """Regions where the actor may create accounts: its own kabupaten or the tiers below it."""
    regions = db.session.scalars(
        select(Region).where(actor.where_region("user.manage", Region.code), Region.level != Level.PROVINSI)
        .order_by(Region.code)
    )
    return [r for r in regions if any(grantable(actor, role, r.code) for role in Role)]
