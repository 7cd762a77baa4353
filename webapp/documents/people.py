"""How a person is printed on a document: name, jabatan, NIP (civil servants only) and sex.

The one place documents ask about a signer or an attendee. Today people are accounts; when body
members (lembaga) exist, a member is printed through here too.
"""
from __future__ import annotations

from webapp.auth.models import User


def printed_nip(user: User | None) -> str:
    """The NIP only for an ASN who has one: a bupati, wakil bupati or kepala desa is elected and has none."""
    return user.nip.strip() if user is not None and user.is_asn and user.nip else ""


def printed_person(user: User | None) -> dict:
    """{"name", "jabatan", "nip", "sex"} as the page prints them ("" when unknown)."""
    if user is None:
        return {"name": "", "jabatan": "", "nip": "", "sex": ""}
    return {"name": user.full_name, "jabatan": user.jabatan or "", "nip": printed_nip(user), "sex": user.sex or ""}
