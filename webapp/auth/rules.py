"""Least privilege for accounts: which roles a manager may grant, and so which accounts it may
create, disable or reset.

A role is grantable when it gives nothing the manager lacks at that tier: an anggota makes
anggota (and, in its desa, kader) but never an approver; an approver is made by the approver
one tier up (the camat for a kepala desa, the bupati for a camat). The kabupaten admin is the
kabupaten's account office and may make any member, approver or admin of its kabupaten.
A kader's duty to file its Posyandu's report is no power over anyone, so members make kader.
"""
from __future__ import annotations

from webapp.access import PERMISSIONS, Actor, Grant
from webapp.auth.models import Role
from webapp.regions.models import Level, is_within, level_of

KADER_DUTIES = frozenset({"report.file"})
TIERS_BELOW = {
    Level.KABUPATEN: {Level.KECAMATAN, Level.DESA},
    Level.KECAMATAN: {Level.DESA},
}
ONE_TIER_BELOW = {Level.KABUPATEN: {Level.KECAMATAN}, Level.KECAMATAN: {Level.DESA}}


def grant_allows(grant: Grant, role: Role, region_code: str) -> bool:
    """May a manager holding this grant give `role` in `region_code`?"""
    if not is_within(region_code, grant.region_code) or grant.posyandu_id is not None:
        return False
    target = level_of(region_code)
    if role == Role.MITRA:  # a partner's staff, linked to a mitra of the kabupaten: the account office's work
        return grant.role == Role.ADMIN and grant.level == Level.KABUPATEN and target in (
            Level.KABUPATEN, Level.KECAMATAN)  # an agency, or a unit such as a puskesmas
    if grant.role == Role.ADMIN:
        return grant.level == Level.KABUPATEN and role != Role.KADER and (
            role != Role.ADMIN or target == Level.KABUPATEN)
    if not PERMISSIONS[role] - KADER_DUTIES <= PERMISSIONS[grant.role]:
        return False  # never more than the manager holds: an anggota makes no approver
    if role == Role.KADER:
        return grant.level == Level.DESA and target == Level.DESA
    reach = ONE_TIER_BELOW if role == Role.APPROVER else TIERS_BELOW
    return target in reach.get(grant.level, set())


def grantable(actor: Actor, role: Role, region_code: str) -> bool:
    """May the actor create an account with this role in this region?"""
    return any(grant_allows(grant, role, region_code) for grant in actor.grants_for("user.manage"))


def manages(actor: Actor, user) -> bool:
    """The actor may edit, disable or reset an account only if it could grant every one of its roles."""
    return bool(user.roles) and user.id != actor.id and all(
        grantable(actor, Role(r.role), r.region_code) for r in user.roles
    )


def confirms_reset(actor: Actor, reset) -> bool:
    """May the actor confirm a manager-issued reset of `reset.user`? A second person: never the owner nor
    the manager who issued the code, not an account itself waiting for confirmation, and either the
    kabupaten admin or an approver of a tier above every role of the account (the bupati for a kepala
    desa reset by its camat). Lower roles (anggota, kader, mitra) never confirm."""
    if reset.confirmed_at is not None or actor.id in (reset.user_id, reset.issued_by_id) or actor.reset_lock:
        return False
    roles = reset.user.roles
    return bool(roles) and all(any(_above(grant, r.region_code) for grant in actor.grants) for r in roles)


def _above(grant: Grant, region_code: str) -> bool:
    if grant.posyandu_id is not None or not is_within(region_code, grant.region_code):
        return False
    if grant.role == Role.ADMIN:
        return grant.level == Level.KABUPATEN
    return grant.role == Role.APPROVER and region_code != grant.region_code
