"""Who keeps a Posyandu's roster and who marks a kader's skills."""
from __future__ import annotations

from webapp.access import Actor, scope_rule
from webapp.kader.models import Kader
from webapp.regions.models import Level, is_within

TRAINER_LEVELS = (Level.KECAMATAN, Level.KABUPATEN)


def is_trainer(actor: Actor, region_code: str) -> bool:
    """A puskesmas or Pokjanal kecamatan/kabupaten member whose area holds the desa."""
    return any(g.level in TRAINER_LEVELS and g.posyandu_id is None and is_within(region_code, g.region_code)
               for g in actor.grants_for("skill.mark"))


def marks_skills(actor: Actor, kader: Kader | None) -> bool:
    """Trainers of the kader's area mark skills; nobody marks their own passport."""
    if kader is None:
        return any(g.level in TRAINER_LEVELS for g in actor.grants_for("skill.mark"))
    return is_trainer(actor, kader.region_code) and kader.user_id != actor.id


RULES = {"kader.manage": scope_rule("kader.manage"), "skill.mark": marks_skills}
