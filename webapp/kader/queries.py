"""Reading the roster, passports and trainings within the actor's area."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, func, select
from sqlalchemy.orm import selectinload

from webapp.access import Actor, load_in_scope
from webapp.auth.models import Role, RoleAssignment, User
from webapp.extensions import db
from webapp.kader.models import Kader, KaderSkill, KaderTraining, Position
from webapp.meetings.models import Attendance, Meeting, MeetingKind, Participant
from webapp.regions.models import Posyandu


def roster(posyandu: Posyandu) -> list[Kader]:
    """The Posyandu's pengurus and kader: active first, pengurus before kader, then by name."""
    order = {Position.KETUA: 0, Position.SEKRETARIS: 1, Position.BENDAHARA: 2, Position.KADER: 3}
    rows = db.session.scalars(select(Kader).where(Kader.posyandu_id == posyandu.id)
                              .options(selectinload(Kader.skills)))
    return sorted(rows, key=lambda k: (not k.is_active, order[Position(k.position)], k.name.lower()))


def _own(actor: Actor, kader: Kader) -> bool:
    return kader.user_id is not None and kader.user_id == actor.id


def get_kader_or_404(actor: Actor, kader_id: int, rule: str | None = None) -> Kader:
    """A kader of the actor's area (a kader account sees its Posyandu); 404 outside it, 403 if `rule` says no."""
    return load_in_scope(actor, Kader, kader_id, ("kader.view", "skill.mark"), rule=rule, also=_own)


def own_kader(actor: Actor) -> Kader | None:
    """The roster row linked to the signed-in account, if any."""
    return db.session.scalar(select(Kader).where(Kader.user_id == actor.id).order_by(Kader.id).limit(1))


def bimtek_attended(kader: Kader) -> list[Meeting]:
    """Bimtek meetings the kader's account attended (checked in or marked hadir): trainings nobody types."""
    if kader.user_id is None:
        return []
    return list(db.session.scalars(
        select(Meeting).join(Participant, and_(Participant.meeting_id == Meeting.id,
                                               Participant.user_id == kader.user_id))
        .where(Meeting.kind == MeetingKind.BIMTEK, Participant.attendance == Attendance.HADIR)
        .order_by(Meeting.starts_at.desc())))


def trained_kader_ids(kader_ids: list[int]) -> set[int]:
    """Of these kader, those with a training on record (typed, or a bimtek attended)."""
    found: set[int] = set()
    for start in range(0, len(kader_ids), 1000):
        chunk = kader_ids[start:start + 1000]
        found |= set(db.session.scalars(select(KaderTraining.kader_id).where(KaderTraining.kader_id.in_(chunk))))
        found |= set(db.session.scalars(
            select(Kader.id).join(Participant, Participant.user_id == Kader.user_id)
            .join(Meeting, Meeting.id == Participant.meeting_id)
            .where(Kader.id.in_(chunk), Meeting.kind == MeetingKind.BIMTEK,
                   Participant.attendance == Attendance.HADIR)))
    return found


def roster_facts(posyandu_ids, conn=None) -> list[tuple[int, int, bool, frozenset[str], bool]]:
    """(kader id, Posyandu id, has SK, skill codes, trained) of the active kader of many Posyandu. `posyandu_ids`
    is a select of Posyandu ids (a subquery, so a kabupaten sends no long list of parameters); plain columns, no
    ORM objects, so a kabupaten's thousands of kader and their skills load in four queries. `conn`: a connection
    (the strength summary writes from one), else the session."""
    conn = conn or db.session
    active = and_(Kader.posyandu_id.in_(posyandu_ids), Kader.is_active)
    rows = conn.execute(select(Kader.id, Kader.posyandu_id,
                               and_(Kader.sk_number != "", Kader.sk_on.is_not(None))).where(active)).all()
    codes = defaultdict(set)
    for kader_id, code in conn.execute(select(KaderSkill.kader_id, KaderSkill.code)
                                       .join(Kader, Kader.id == KaderSkill.kader_id).where(active)):
        codes[kader_id].add(code)
    trained = set(conn.scalars(select(KaderTraining.kader_id).join(Kader, Kader.id == KaderTraining.kader_id)
                               .where(active)))
    trained |= set(conn.scalars(
        select(Kader.id).join(Participant, Participant.user_id == Kader.user_id)
        .join(Meeting, Meeting.id == Participant.meeting_id)
        .where(active, Meeting.kind == MeetingKind.BIMTEK, Participant.attendance == Attendance.HADIR)))
    return [(kid, pid, bool(sk), frozenset(codes.get(kid, ())), kid in trained) for kid, pid, sk in rows]


def count_with_sk(posyandu_id: int) -> int:
    """Active kader of the Posyandu with an SK number and date."""
    return db.session.scalar(select(func.count(Kader.id)).where(
        Kader.posyandu_id == posyandu_id, Kader.is_active, Kader.sk_number != "", Kader.sk_on.is_not(None))) or 0


def kader_accounts(posyandu: Posyandu) -> list[User]:
    """Kader accounts of this Posyandu, to link a roster row to."""
    return list(db.session.scalars(
        select(User).join(RoleAssignment, RoleAssignment.user_id == User.id)
        .where(RoleAssignment.role == Role.KADER, RoleAssignment.posyandu_id == posyandu.id)
        .order_by(User.full_name)))
