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
                 invite_desa: bool = True, region_code: str = KOTA_BESI, by: Actor | None = None,
                 chair_id: int | None = None, notulis_id: int | None = None, kind: str = "koordinasi") -> Meeting:
    """A Kota Besi meeting run by pokjanal.kotabesi, chaired by camat.kotabesi, with the desa bodies invited
    and their two kader chosen one by one; or, with the keywords, another body's meeting run by `by`."""
    who = by or actor("pokjanal.kotabesi")
    meeting = services.create_meeting(who, {
        "region_code": region_code, "kind": kind, "title": title, "day": day or today_local(),
        "starts": start, "ends": end, "place": "Aula Kantor Camat Kota Besi",
        "chair_id": chair_id or user_id("camat.kotabesi"), "notulis_id": notulis_id or user_id("pokjanal.kotabesi"),
        "agenda": list(agenda)})
    if invite_desa:
        services.invite(who, meeting, [PALANGAN, "62.02.01.2004"],
                        [user_id("kader.palangan"), user_id("kader.hanjalipan")])
    return meeting
