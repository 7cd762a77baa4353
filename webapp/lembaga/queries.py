"""Reading bodies, their members and the kelembagaan figures within the actor's subtree (lembaga.view)."""
from __future__ import annotations


from flask import abort
from sqlalchemy import case, select

from webapp.access import Actor, load_in_scope
from webapp.auth.models import RoleAssignment, User
from webapp.extensions import db
from webapp.lembaga.models import Body, Jabatan, Member, jabatan_label
from webapp.mitra.models import Mitra
from webapp.regions.models import Level, Region, kabupaten_code_of
from webapp.regions.queries import get_region_or_404, setting_for

BODY_LEVELS = (Level.KABUPATEN, Level.KECAMATAN, Level.DESA)


def body_name(region: Region) -> str:
    """"Pokjanal Posyandu Kec. Kota Besi", "Pokja Posyandu Desa Palangan", or "Tim Pembina Posyandu …" for every
    tier when the kabupaten names it so (Permendagri 13/2024)."""
    name = setting_for(region.code).body_name or "Pokjanal Posyandu"
    if region.level == Level.DESA:
        name = name.replace("Pokjanal", "Pokja")
    return f"{name} {region.label}"


def region_or_404(actor: Actor, code: str) -> Region:
    """A region with a body (kabupaten, kecamatan, desa) in the actor's subtree: else 404."""
    region = get_region_or_404(actor, code, "lembaga.view")
    if region.level not in BODY_LEVELS:
        abort(404)
    return region


def body_of(region_code: str) -> Body | None:
    return db.session.scalar(select(Body).where(Body.region_code == region_code))


def ketua_of(region_code: str) -> Member | None:
    """The ketua the body's SK names: who signs the body's letters and minutes (others sign "a.n." them)."""
    return db.session.scalar(select(Member).join(Body, Body.id == Member.body_id).where(
        Body.region_code == region_code, Member.jabatan == Jabatan.KETUA).order_by(Member.position, Member.id).limit(1))


def officer_of(region_code: str) -> Member | None:
    """The member who prepares the tier's reports: its sekretaris, else its ketua (a desa pokja often has no
    sekretaris)."""
    rank = case((Member.jabatan == Jabatan.SEKRETARIS, 0), else_=1)
    return db.session.scalar(select(Member).join(Body, Body.id == Member.body_id).where(
        Body.region_code == region_code, Member.jabatan.in_((Jabatan.SEKRETARIS, Jabatan.KETUA)))
        .order_by(rank, Member.position, Member.id).limit(1))


def member_for(region_code: str, user_id: int | None) -> Member | None:
    """The member of this region's body that an account is (one person, one identity), if linked."""
    if user_id is None:
        return None
    return db.session.scalar(select(Member).join(Body, Body.id == Member.body_id).where(
        Body.region_code == region_code, Member.user_id == user_id).order_by(Member.position, Member.id).limit(1))


def get_member_or_404(actor: Actor, member_id: int, region_code: str) -> Member:
    member = load_in_scope(actor, Member, member_id, "lembaga.view")
    if member.body.region_code != region_code:
        abort(404)
    return member


def scan_of(body: Body) -> bytes | None:
    return db.session.scalar(select(Body.scan).where(Body.id == body.id))


def account_choices(region_code: str) -> list[tuple[str, str]]:
    """Accounts holding a role at exactly this region, to link to a member."""
    users = db.session.scalars(select(User).join(RoleAssignment).where(RoleAssignment.region_code == region_code)
                               .order_by(User.full_name).distinct())
    return [("", "— tanpa akun —")] + [(str(u.id), f"{u.full_name} ({u.username})") for u in users]


def unsur_choices(region_code: str) -> list[tuple[str, str]]:
    rows = db.session.scalars(select(Mitra).where(Mitra.kabupaten_code == kabupaten_code_of(region_code))
                              .order_by(Mitra.kind, Mitra.short_name))
    return [("", "— bukan mitra (tulis di bawah) —")] + [(str(m.id), f"{m.short_name} — {m.name}") for m in rows]


def members_for_meeting(region_code: str) -> list[Member]:
    """The members of the body of a meeting's region: chair and note-taker are picked from them."""
    body = body_of(region_code)
    return list(body.members) if body else []


def members_of(region_codes: list[str]) -> list[Member]:
    """The members of the bodies of these regions (a meeting's body and those one tier below: its invitees),
    by region and position; the caller has loaded the meeting within scope."""
    return list(db.session.scalars(
        select(Member).join(Body, Body.id == Member.body_id).where(Body.region_code.in_(region_codes))
        .order_by(Body.region_code, Member.position, Member.id)))


def member_options(region_labels: dict[str, str], leave_out: set[int] = frozenset()) -> list[tuple[int, str]]:
    """(id, "Siti Aminah — Ketua, TP PKK (Palangan, tanpa akun)") for each member of these regions' bodies, as
    members_of orders them: read as columns, since a meeting's forms list every member of two tiers."""
    rows = db.session.execute(
        select(Member.id, Member.name.label("name"), Member.jabatan, Member.bidang, Member.unsur_text, Member.user_id,
               Mitra.short_name, Body.region_code)
        .join(Body, Body.id == Member.body_id).outerjoin(Mitra, Mitra.id == Member.mitra_id)
        .where(Body.region_code.in_(list(region_labels)))
        .order_by(Body.region_code, Member.position, Member.id))
    return [(row.id, member_label(row.name, jabatan_label(row.jabatan, row.bidang), row.short_name or row.unsur_text,
                                  region_labels.get(row.region_code, ""), row.user_id is not None))
            for row in rows if row.id not in leave_out]


def member_label(name: str, jabatan: str, unsur: str, region_label: str, has_account: bool) -> str:
    """"Siti Aminah — Ketua, TP PKK Desa (Palangan, tanpa akun)": how a member is offered in a list."""
    where = ", ".join(part for part in (region_label, "" if has_account else "tanpa akun") if part)
    what = ", ".join(part for part in (jabatan, unsur) if part)
    return f"{name} — {what}" + (f" ({where})" if where else "")


def roots(actor: Actor) -> list[Region]:
    codes = actor.region_codes("lembaga.view")
    return [r for r in db.session.scalars(select(Region).where(Region.code.in_(codes)).order_by(Region.code))
            if r.level in BODY_LEVELS]


def bodies_below(actor: Actor, region: Region) -> list[Body]:
    return list(db.session.scalars(
        select(Body).where(Body.region_code.startswith(region.code + ".", autoescape=True),
                           actor.where_region("lembaga.view", Body.region_code)).order_by(Body.region_code)))
