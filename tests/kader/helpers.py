"""Building roster rows for tests through the real services."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from webapp.access import Actor
from webapp.auth.models import User
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.kader import services

PALANGAN = "62.02.01.2003"
HANJALIPAN = "62.02.01.2004"


def actor(username: str) -> Actor:
    return Actor(db.session.scalar(select(User).where(User.username == username)))


def kader_data(**overrides) -> dict:
    data = {"name": "Siti Rahmah", "sex": "P", "phone": "", "position": "kader", "spm_field": "kesehatan",
            "sk_number": "141/07/SK-KADER/2025", "sk_on": dt.date(2025, 1, 10), "active_since": dt.date(2024, 5, 1),
            "is_active": True, "inactive_reason": "", "user_id": None}
    return data | overrides


def add_kader(username: str = "pokja.palangan", desa: str = PALANGAN, by: Actor | None = None, posyandu=None,
              **overrides):
    """A roster row saved through the services by `username` (or the actor `by`) at the first Posyandu of `desa`
    (or at `posyandu`)."""
    return services.save_kader(by or actor(username), posyandu or first_posyandu(desa), None, kader_data(**overrides))
