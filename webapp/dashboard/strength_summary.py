"""Keeps the Posyandu strength summary (`strength_window`, `strength_profile`) equal to a recomputation.

Written by `summary.py` in the same transaction and under the same per-kecamatan locks as the dashboard
summary: a report change rewrites its desa's window rows for the 12 window ends that include its month; a
change to a Posyandu, its equipment, its kader, their skills or trainings, or a bimtek attendance rewrites
that Posyandu's profile row. The profile is computed by the same rules the page uses (`webapp.kit`,
`kader.skills`), so the fast path is exact.
"""
from __future__ import annotations

from sqlalchemy import delete, insert, inspect, or_, select

from webapp.dashboard import sql
from webapp.dashboard.models import StrengthProfile, StrengthWindow
from webapp.kader.models import Kader, KaderSkill, KaderTraining
from webapp.kader.queries import roster_facts
from webapp.kader.skills import GROUP_BY_KEY, LIFE_CYCLE, MADYA, NONE, PURWA, UTAMA, level_of
from webapp.meetings.models import Participant
from webapp.kit import GROWTH_KEYS, KIT, REQUIRED_KEYS, usable
from webapp.pembinaan.models import Equipment
from webapp.pembinaan.queries import equipment_by_posyandu

WINDOW = StrengthWindow.__table__
PROFILE = StrengthProfile.__table__
CHUNK = 1000
LEVEL_COLUMN = {NONE: "level_none", PURWA: "level_purwa", MADYA: "level_madya", UTAMA: "level_utama"}
ALL_SKILLS = ",".join(LIFE_CYCLE)


def write_window(connection, where, e0: int, e1: int) -> None:
    """Insert the window rows of the Posyandu matching `where` for window ends e0..e1 (old rows deleted first)."""
    connection.execute(insert(WINDOW).from_select(sql.STRENGTH_WINDOW_NAMES, sql.strength_window(where, e0, e1)))


def delete_window(connection, desa_where, e0: int | None = None, e1: int | None = None) -> None:
    statement = delete(WINDOW).where(desa_where)
    connection.execute(statement if e0 is None else statement.where(WINDOW.c.period.between(e0, e1)))


def _profile(row, kit: dict | None, roster: list) -> dict:
    """One Posyandu's profile row from its registry row, equipment rows and roster facts."""
    values = {"posyandu_id": row.id, "region_code": row.region_code, "province_code": row.region_code[:2],
              "is_active": row.is_active,
              "kader_with_sk": row.kader_with_sk, "growth_kit": None, "kit_complete": None, "kit_gaps": "",
              "kader": 0, "kader_sk": 0, "kader_trained": 0, **dict.fromkeys(LEVEL_COLUMN.values(), 0)}
    if kit:
        have = usable(kit)
        values.update(growth_kit=GROWTH_KEYS <= have, kit_complete=REQUIRED_KEYS <= have,
                      kit_gaps=",".join(i.key for i in KIT if i.required and i.key not in have))
    groups = set()
    for has_sk, codes, trained in roster:
        groups |= {key for key in LIFE_CYCLE if GROUP_BY_KEY[key].codes <= codes}
        values["kader"] += 1
        values["kader_sk"] += has_sk
        values["kader_trained"] += trained
        values[LEVEL_COLUMN[level_of(codes)]] += 1
    values["skill_groups"] = ",".join(key for key in LIFE_CYCLE if key in groups)
    return values


def write_profiles(connection, ids: list[int]) -> None:
    """Rewrite the profile rows of these Posyandu (a Posyandu no longer there loses its row)."""
    P = sql.P
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        connection.execute(delete(PROFILE).where(PROFILE.c.posyandu_id.in_(chunk)))
        rows = connection.execute(select(P.c.id, P.c.region_code, P.c.is_active, P.c.kader_with_sk)
                                  .where(P.c.id.in_(chunk))).all()
        if not rows:
            continue
        kits = equipment_by_posyandu(chunk, connection)
        roster: dict[int, list] = {}
        for _, posyandu_id, has_sk, codes, trained in roster_facts(chunk, connection):
            roster.setdefault(posyandu_id, []).append((has_sk, codes, trained))
        connection.execute(insert(PROFILE), [_profile(r, kits.get(r.id), roster.get(r.id, [])) for r in rows])


def rewrite_profiles_within(connection, where, codes_where) -> None:
    """Every profile of a subtree: rows of Posyandu now there, and rows still filed under it (moved away)."""
    ids = set(connection.scalars(select(sql.P.c.id).where(where)))
    ids |= set(connection.scalars(select(PROFILE.c.posyandu_id).where(codes_where)))
    write_profiles(connection, sorted(ids))


# ---- what a flush marks ---------------------------------------------------------------------

MARKED = (Equipment, Kader, KaderSkill, KaderTraining, Participant)

def mark(pending: dict, obj) -> None:
    """Note the Posyandu, kader or accounts whose profile a changed object affects."""
    if isinstance(obj, Equipment):
        pending["posyandu"].add(obj.posyandu_id)
    elif isinstance(obj, Kader):
        pending["posyandu"].update([obj.posyandu_id, *inspect(obj).attrs.posyandu_id.history.deleted])
    elif isinstance(obj, (KaderSkill, KaderTraining)):
        pending["kader"].add(obj.kader_id)
    elif isinstance(obj, Participant) and obj.user_id:
        pending["users"].add(obj.user_id)


def posyandu_to_refresh(connection, pending: dict) -> set[int]:
    """The Posyandu whose profile must be rewritten: marked directly, or through a kader or a kader's account."""
    ids = {i for i in pending["posyandu"] if i}
    people = [Kader.id.in_(pending["kader"])] if pending["kader"] else []
    people += [Kader.user_id.in_(pending["users"])] if pending["users"] else []
    if people:
        ids |= set(connection.scalars(select(Kader.posyandu_id).where(or_(*people))))
    return ids
