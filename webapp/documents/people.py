"""How a person is printed on a document: name, jabatan, NIP (civil servants only) and sex.

The one place documents ask about a signer or an attendee. Today people are accounts; when body
members (lembaga) exist, a member is printed through here too.
"""
from __future__ import annotations

from sqlalchemy import select

from webapp.auth.models import Role, RoleAssignment, User
from webapp.extensions import db
from webapp.regions.models import Region


def printed_nip(user: User | None) -> str:
    """The NIP only for an ASN who has one: a bupati, wakil bupati or kepala desa is elected and has none."""
    return user.nip.strip() if user is not None and user.is_asn and user.nip else ""


def unsur_of(user: User) -> str:
    """Whom the person represents in counts by unsur: kader, or the region of the account's first role."""
    roles = sorted(user.roles, key=lambda r: r.id or 0)
    if not roles:
        return "Lainnya"
    return "Kader Posyandu" if roles[0].role == "kader" else roles[0].region.formal_label


def printed_person(user: User | None) -> dict:
    """{"name", "jabatan", "nip", "sex"} as the page prints them ("" when unknown)."""
    if user is None:
        return {"name": "", "jabatan": "", "nip": "", "sex": ""}
    return {"name": user.full_name, "jabatan": user.jabatan or "", "nip": printed_nip(user), "sex": user.sex or ""}


def approver_of(region: Region) -> dict:
    """Who signs "Mengetahui" for a tier: its approver's account (camat, kepala desa, bupati), or a blank
    line under the office's title when none is registered."""
    user = db.session.scalar(
        select(User).join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.region_code == region.code, RoleAssignment.role == Role.APPROVER, User.is_enabled)
        .order_by(User.id).limit(1))
    person = printed_person(user)
    return {**person, "jabatan": person["jabatan"] or f"{region.approver_title} {region.bare_name}"}
