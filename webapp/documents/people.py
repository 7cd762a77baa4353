"""How a person is printed on a document: name, jabatan, NIP (civil servants only) and sex.

The one place documents ask about a signer or an attendee. Today people are accounts; when body
members (lembaga) exist, a member is printed through here too.
"""
from __future__ import annotations

from webapp.auth.models import User


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
