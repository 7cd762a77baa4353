"""Demo roster: every demo Posyandu gets its pengurus and 5–8 kader, most with an SK, and skills marked so
that levels vary (mostly Purwa, some below, a few Madya, one Utama in Kotim); kader.palangan is linked to
her roster row so her bimtek check-ins appear in her passport."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from webapp.auth.models import User
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.kader.models import Kader, KaderSkill, KaderTraining, Position
from webapp.kader.queries import count_with_sk
from webapp.kader.skills import GROUPS
from webapp.regions.models import Posyandu

FIRST = ["Siti", "Nur", "Dewi", "Sri", "Rina", "Yuli", "Maria", "Ani", "Lina", "Wati", "Fitri", "Ratna", "Agnes",
         "Theresia", "Yohana", "Erna"]
LAST = ["Aminah", "Hasanah", "Lestari", "Rahayu", "Handayani", "Susanti", "Kolo", "Taek", "Abi", "Tefa", "Sari",
        "Wulandari", "Pratiwi", "Ningsih"]
POSITIONS = (Position.KETUA, Position.SEKRETARIS, Position.BENDAHARA)
TRAINERS = {"62.02": "puskesmas.kotabesi", "53.03": "pokjanal.ttu"}


def _user_id(username: str) -> int | None:
    return db.session.scalar(select(User.id).where(User.username == username))


def _skills(rng: random.Random, utama: bool) -> list[str]:
    """Whole groups: the two core ones plus 0–2 more (Purwa or Madya), or fewer (below Purwa), or all 25."""
    if utama:
        return [code for g in GROUPS for code, _ in g.skills]
    roll = rng.random()
    if roll < 0.25:
        groups = [GROUPS[0]]
    elif roll < 0.85:
        groups = [*GROUPS[:2], rng.choice(GROUPS[2:])]
    else:
        groups = [*GROUPS[:2], *rng.sample(GROUPS[2:], 2)]
    codes = [code for g in groups for code, _ in g.skills]
    extra = [rng.choice(GROUPS[4].skills)[0]] if rng.random() < 0.3 else []  # a skill short of a group
    return sorted(set(codes + extra))


def seed_kader() -> None:
    """Idempotent: skips when any roster row exists."""
    if db.session.scalar(select(Kader.id).limit(1)) is not None:
        return
    palangan = first_posyandu("62.02.01.2003")
    kader_palangan, utama_done = _user_id("kader.palangan"), False
    for posyandu in db.session.scalars(select(Posyandu).order_by(Posyandu.id)):
        rng = random.Random(posyandu.id * 7919)
        trainer = _user_id(TRAINERS.get(posyandu.region_code[:5], "")) or _user_id("pokjanal.kotim")
        size = rng.randint(5, 8)
        for index in range(size):
            utama = not utama_done and posyandu.region_code.startswith("62.02") and index == 1
            utama_done = utama_done or utama
            has_sk = rng.random() < 0.85
            kader = Kader(
                posyandu_id=posyandu.id, region_code=posyandu.region_code,
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", sex="P" if rng.random() < 0.9 else "L",
                position=POSITIONS[index] if index < 3 else Position.KADER, spm_field="kesehatan",
                sk_number=f"141/{posyandu.id:03d}/SK-KADER/2024" if has_sk else "",
                sk_on=dt.date(2024, 3, 1) if has_sk else None, active_since=dt.date(2019 + index % 5, 1, 15),
                user_id=kader_palangan if posyandu.id == palangan.id and index == 3 else None)
            if posyandu.id == palangan.id and index == 3:
                kader.name = "Nurhayati"
            for code in _skills(rng, utama):
                kader.skills.append(KaderSkill(code=code, marked_on=dt.date(2025, 6, 10), marked_by_id=trainer))
            if rng.random() < 0.5:
                kader.trainings.append(KaderTraining(name="Pelatihan 25 keterampilan dasar kader",
                                                     organiser="Dinas Kesehatan", held_on=dt.date(2025, 6, 10),
                                                     certificate_number=""))
            db.session.add(kader)
        db.session.flush()
        posyandu.kader_with_sk, posyandu.kader_from_roster = count_with_sk(posyandu.id), True
    db.session.flush()
