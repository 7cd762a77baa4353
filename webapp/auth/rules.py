"""Which accounts a manager may make: one tier down, with the roles that tier holds."""
from __future__ import annotations

from webapp.access import Actor
from webapp.auth.models import Role
from webapp.regions.models import Level, is_within, level_of

NEXT_TIER_ROLES = {
    Level.KABUPATEN: {Level.KABUPATEN: set(), Level.KECAMATAN: {Role.ANGGOTA, Role.APPROVER},
                      Level.DESA: {Role.ANGGOTA, Role.APPROVER}},
    Level.KECAMATAN: {Level.DESA: {Role.ANGGOTA, Role.APPROVER}},
    Level.DESA: {Level.DESA: {Role.KADER}},
}
"""Which roles a manager at a tier may grant, by the tier of the target region."""


def grantable(actor: Actor, role: Role, region_code: str) -> bool:
    """May the actor create an account with this role in this region? One tier down only."""
    target_level = level_of(region_code)
    for grant in actor.grants_for("user.manage"):
        if not is_within(region_code, grant.region_code):
            continue
        allowed = NEXT_TIER_ROLES.get(grant.level, {}).get(target_level, set())
        if role in allowed:
            return True
        if grant.role == Role.ADMIN and grant.level == Level.KABUPATEN and role == Role.MITRA:
            return target_level in (Level.KABUPATEN, Level.KECAMATAN)  # an agency, or a unit such as a puskesmas
        if grant.role == Role.ADMIN and grant.level == Level.KABUPATEN and target_level == Level.KABUPATEN:
            return role in {Role.ANGGOTA, Role.APPROVER}
    return False
