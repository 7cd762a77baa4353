"""How a person is printed on a document: name, jabatan, NIP (civil servants only) and sex.

The one place documents ask about a signer or an attendee. A person is an account, a member of a body
(lembaga), or both: a member linked to an account is that account's person, so name, L/P and NIP are
read from the account (held once) whichever document prints them.
"""
from __future__ import annotations

from sqlalchemy import select

from webapp.auth.models import Role, RoleAssignment, User
from webapp.extensions import db
from webapp.regions.models import Region

BLANK = {"name": "", "jabatan": "", "nip": "", "sex": ""}


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
    """{"name", "jabatan", "nip", "sex"} of an account as the page prints them ("" when unknown)."""
    if user is None:
        return dict(BLANK)
    return {"name": user.full_name, "jabatan": user.jabatan or "", "nip": printed_nip(user), "sex": user.sex or ""}


def printed_member(member) -> dict:
    """A body's member: jabatan in the body with its unsur; name, L/P and NIP from the member's one identity
    (the linked account's when there is one)."""
    jabatan = ", ".join(part for part in (member.jabatan_label, member.unsur) if part)
    return {"name": member.name, "jabatan": jabatan, "nip": member.nip or "", "sex": member.sex or ""}


def person(member=None, user: User | None = None) -> dict:
    """The member when one is named (no account needed), else the account."""
    return printed_member(member) if member is not None else printed_person(user)


def signer(body: str, ketua, user: User | None) -> dict:
    """Who signs for a body, as printed: the ketua the SK names signs as "Ketua <body>"; anyone else signs
    "a.n. Ketua <body>" (`behalf`) under their own jabatan, name and NIP. With no signer yet (a draft), the
    ketua is printed as the one expected to sign. A body whose ketua is not recorded gets no "a.n.": the
    signer prints as themself."""
    title = f"Ketua {body}"
    if user is None or (ketua is not None and ketua.user_id == user.id):
        own = printed_member(ketua) if ketua is not None else dict(BLANK)
        return {**own, "jabatan": title, "behalf": ""}
    return {**printed_person(user), "behalf": f"a.n. {title}" if ketua is not None else ""}


def approver_of(region: Region) -> dict:
    """Who signs "Mengetahui" for a tier: its approver's account (camat, kepala desa, bupati), or a blank
    line under the office's title when none is registered."""
    user = db.session.scalar(
        select(User).join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.region_code == region.code, RoleAssignment.role == Role.APPROVER, User.is_enabled)
        .order_by(User.id).limit(1))
    found = printed_person(user)
    return {**found, "jabatan": found["jabatan"] or f"{region.approver_title} {region.bare_name}"}
