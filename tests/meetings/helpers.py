"""Building meetings for tests through the real services."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from webapp.access import Actor
from webapp.auth.models import User
from webapp.extensions import db
from webapp.meetings import services
from webapp.meetings.models import Meeting

KOTA_BESI = "62.02.01"
PALANGAN = "62.02.01.2003"


def actor(username: str) -> Actor:
    return Actor(db.session.scalar(select(User).where(User.username == username)))


def user_id(username: str) -> int:
    return db.session.scalar(select(User.id).where(User.username == username))


def today_local(timezone: str = "Asia/Pontianak") -> dt.date:
    from zoneinfo import ZoneInfo
    return dt.datetime.now(ZoneInfo(timezone)).date()


def make_meeting(day: dt.date | None = None, start: dt.time = dt.time(9, 35), end: dt.time | None = None,
                 agenda=("Laporan Posyandu", "Rencana BPB"), title: str = "Rapat Koordinasi Pokjanal Kecamatan",
                 invite_desa: bool = True) -> Meeting:
    """A Kota Besi meeting run by pokjanal.kotabesi, chaired by camat.kotabesi, with the desa bodies invited
    and their two kader chosen one by one."""
    who = actor("pokjanal.kotabesi")
    meeting = services.create_meeting(who, {
        "region_code": KOTA_BESI, "kind": "koordinasi", "title": title, "day": day or today_local(),
        "starts": start, "ends": end, "place": "Aula Kantor Camat Kota Besi", "chair_id": user_id("camat.kotabesi"),
        "notulis_id": user_id("pokjanal.kotabesi"), "agenda": list(agenda)})
    if invite_desa:
        services.invite(who, meeting, [PALANGAN, "62.02.01.2004"],
                        [user_id("kader.palangan"), user_id("kader.hanjalipan")])
    return meeting
