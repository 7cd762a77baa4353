"""Recording a body's SK and members (lembaga.manage: the body's own anggota or approver, or the kabupaten
admin for the kabupaten body). All checks first; one commit."""
from __future__ import annotations

import datetime as dt
import io

from sqlalchemy import select

from webapp.access import Actor, require
from webapp.audit import audit
from webapp.auth.models import RoleAssignment, User
from webapp.clock import utcnow
from webapp.documents.people import printed_nip
from webapp.extensions import db
from webapp.inputs import posted_id
from webapp.lembaga.models import Body, Jabatan, Member
from webapp.mitra.models import Mitra
from webapp.refusal import Refused, commit_or_conflict
from webapp.regions.models import Region, kabupaten_code_of
from webapp.spm import SpmField

MAX_SCAN = 2 * 1024 * 1024
FIELD_WORDS = {"name": "nama", "sex": "L/P", "nip": "NIP"}
CONFLICT = "Data lembaga ini baru saja diubah orang lain. Muat ulang halaman lalu ulangi."


def _body(actor: Actor, region: Region) -> Body:
    body = db.session.scalar(select(Body).where(Body.region_code == region.code)) or Body(region_code=region.code)
    require(actor, "lembaga.manage", body)
    return body


def save_sk(actor: Actor, region: Region, data: dict, scan: bytes | None, scan_name: str = "") -> Body:
    """The body's SK: number, date, signer, masa bakti and an optional PDF scan (≤ 2 MB)."""
    body = _body(actor, region)
    number = (data.get("sk_number") or "").strip()
    if not number:
        raise Refused("Nomor SK wajib diisi.", "sk_number")
    if not isinstance(data.get("sk_on"), dt.date):
        raise Refused("Isi tanggal SK.", "sk_on")
    start, end = data.get("term_start"), data.get("term_end")
    if start and end and end < start:
        raise Refused("Akhir masa bakti tidak boleh sebelum awalnya.", "term_end")
    if scan is not None:
        _check_scan(scan)
        body.scan, body.scan_name = scan, (scan_name or "sk.pdf")[-120:]
    body.sk_number, body.sk_on = number[:100], data["sk_on"]
    body.sk_signed_by = (data.get("sk_signed_by") or "").strip()[:120]
    body.term_start, body.term_end, body.updated_at = start, end, utcnow()
    db.session.add(body)
    db.session.flush()
    audit(actor.id, "lembaga.sk_saved", f"{body.id} {region.code}", number[:200])
    commit_or_conflict(CONFLICT)
    return body


def _check_scan(scan: bytes) -> None:
    """At most 2 MB, and a PDF that opens with at least one page: a file that only starts with "%PDF-" is not
    kept (it is served to every member's browser)."""
    if len(scan) > MAX_SCAN:
        raise Refused("Berkas SK maksimal 2 MB. Pindai ulang dengan resolusi lebih rendah.", "scan")
    if not scan.startswith(b"%PDF-"):
        raise Refused("Berkas SK harus PDF.", "scan")
    from pypdf import PdfReader

    try:
        pages = len(PdfReader(io.BytesIO(scan)).pages)
    except Exception:  # pypdf raises many kinds on a damaged file; each means the same to the user
        pages = 0
    if not pages:
        raise Refused("Berkas SK bukan PDF yang dapat dibuka. Simpan ulang hasil pindaian sebagai PDF.", "scan")


def save_member(actor: Actor, region: Region, member: Member | None, data: dict) -> Member:
    """Add or change a member: name, jabatan, unsur (a mitra of the kabupaten, or free text), bidang, L/P,
    phone, NIP (ASN only) and an optional linked account holding a role in this region."""
    body = member.body if member is not None else _body(actor, region)
    require(actor, "lembaga.manage", body)
    values = _checked_member(region, data)
    if member is None:
        member = Member(position=len(body.members) + 1)
        body.members.append(member)
    for name, value in values.items():
        setattr(member, name, value)
    db.session.add(body)
    db.session.flush()
    audit(actor.id, "lembaga.member_saved", f"{body.id} {member.id}", member.name)
    commit_or_conflict(CONFLICT)
    return member


def delete_member(actor: Actor, member: Member) -> None:
    require(actor, "lembaga.manage", member.body)
    audit(actor.id, "lembaga.member_deleted", f"{member.body_id} {member.id}", member.name)
    db.session.delete(member)
    commit_or_conflict(CONFLICT)


def _checked_member(region: Region, data: dict) -> dict:
    if data.get("jabatan") not in set(Jabatan):
        raise Refused("Pilih jabatan dalam lembaga.", "jabatan")
    bidang = data.get("bidang") or ""
    if bidang and bidang not in set(SpmField):
        raise Refused("Bidang tidak dikenal.", "bidang")
    user_id = _checked_account(region, data.get("user_id"))
    common = {"jabatan": Jabatan(data["jabatan"]), "bidang": bidang, "user_id": user_id,
              "mitra_id": _checked_unsur(region, data.get("mitra_id")),
              "unsur_text": (data.get("unsur_text") or "").strip()[:120], "phone": (data.get("phone") or "").strip()[:20]}
    if user_id is not None:
        return {**common, **_identity_of_account(db.session.get(User, user_id), data)}
    name = (data.get("name") or "").strip()
    if not name:
        raise Refused("Nama anggota wajib diisi.", "name")
    if data.get("sex") not in ("L", "P"):
        raise Refused("Pilih L atau P.", "sex")
    nip = (data.get("nip") or "").strip()
    if nip and not nip.replace(" ", "").isdigit():
        raise Refused("NIP hanya angka (boleh dengan spasi); kosongkan bila bukan ASN.", "nip")
    return {**common, "own_name": name[:120], "own_sex": data["sex"], "own_nip": nip[:30]}


def _identity_of_account(user: User, data: dict) -> dict:
    """A linked member is the account's person: name, L/P and NIP are the account's, held there only. A
    different value typed here is refused (it would be a second identity), pointing to the account."""
    held = {"name": user.full_name, "sex": user.sex or "", "nip": printed_nip(user)}
    for field, value in held.items():
        typed = (data.get(field) or "").strip()
        if typed and typed != value:
            raise Refused(f"Akun {user.username} mencatat {FIELD_WORDS[field]} \u201c{value or '(kosong)'}\u201d. "
                          "Data orang yang bertaut akun disimpan sekali, di akunnya: ubah lewat halaman akun, "
                          "atau kosongkan isian ini.", field)
    return {"own_name": user.full_name[:120], "own_sex": "", "own_nip": ""}


def _checked_unsur(region: Region, value) -> int | None:
    if value in (None, ""):
        return None
    mitra_id = posted_id(value)
    mitra = db.session.get(Mitra, mitra_id) if mitra_id is not None else None
    if mitra is None or mitra.kabupaten_code != kabupaten_code_of(region.code):
        raise Refused("Unsur harus mitra kabupaten ini. Pilih dari daftar.", "mitra_id")
    return mitra.id


def _checked_account(region: Region, value) -> int | None:
    if value in (None, ""):
        return None
    held = db.session.scalar(select(RoleAssignment.user_id).where(
        RoleAssignment.user_id == (posted_id(value) or 0),
        RoleAssignment.region_code == region.code).limit(1))
    if held is None:
        raise Refused("Akun yang ditautkan harus akun di wilayah lembaga ini.", "user_id")
    return held
