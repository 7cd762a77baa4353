"""Two Palangan Posyandu months for the exchange tests: the first verified (dewasa left blank, BGM a real 0),
the second only submitted."""
from __future__ import annotations

import datetime as dt
import json
from xml.etree import ElementTree as ET

from sqlalchemy import select

from tests.reports.helpers import actor, fill, last_month, new_id, palangan_posyandu
from webapp.extensions import db
from webapp.regions.models import Posyandu
from webapp.reports import services
from webapp.reports.models import MonthlyReport

ADX = "{urn:ihe:qrph:adx:2015}"
KOTABESI = "62.02.01"


def second_posyandu() -> Posyandu:
    first = palangan_posyandu()
    return db.session.scalar(select(Posyandu).where(Posyandu.region_code == first.region_code,
                                                    Posyandu.id != first.id).order_by(Posyandu.id))


def verified_and_submitted() -> tuple[MonthlyReport, MonthlyReport]:
    """(the verified report, the submitted one) of last month."""
    from tests.factories import make_user
    from webapp.access import Actor

    year, month = last_month()
    first, second = palangan_posyandu(), second_posyandu()
    other = Actor(make_user("kader", second.region_code, posyandu=second))
    verified = fill(actor("kader.palangan"), first, year, month, dewasa_target=None, dewasa_served=None,
                    balita_bgm=0, dewasa_screened=None, dewasa_at_risk=None)
    submitted = fill(other, second, year, month)
    for who, posyandu in ((actor("kader.palangan"), first), (other, second)):
        services.submit(who, posyandu, year, month, new_id(), confirmed=True)
    services.verify(actor("pokja.palangan"), verified, "Sudah dicek bersama kader.")
    return verified, submitted


def adx_values(body: bytes) -> tuple[dict, list[ET.Element]]:
    """{(orgUnit, dataElement, ILP option or None): value} and the groups, read back with xml.etree."""
    root = ET.fromstring(body)
    groups = root.findall(f"{ADX}group")
    values = {(g.get("orgUnit"), v.get("dataElement"), v.get("PSY_CAKUPAN_ILP")): v.get("value")
              for g in groups for v in g.findall(f"{ADX}dataValue")}
    return values, groups


def json_values(body: bytes) -> tuple[dict, dict]:
    """{(orgUnit, dataElement, option combo or None): value} and the whole set, read back with json."""
    data = json.loads(body)
    values = {(v["orgUnit"], v["dataElement"], v.get("categoryOptionCombo")): v["value"] for v in data["dataValues"]}
    return values, data


def local_verification_date(report: MonthlyReport) -> str:
    return (report.verified_at.replace(tzinfo=dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=7)))
            .date().isoformat())
