"""Route-sweep samples for the lembaga routes: a member of the body of the given region, made on first use."""
from __future__ import annotations

from sqlalchemy import select

from tests.route_samples import sample
from webapp.extensions import db
from webapp.lembaga.models import Body, Member
from webapp.regions.models import Level, Region


@sample("member_id")
def _member(region_code: str):
    region = db.session.get(Region, region_code)
    if region is None or region.level == Level.PROVINSI:
        return None
    body = db.session.scalar(select(Body).where(Body.region_code == region_code))
    if body is None:
        body = Body(region_code=region_code, sk_number="SK sampel")
        db.session.add(body)
    if not body.members:
        body.members.append(Member(name="Anggota Sampel", jabatan="anggota", sex="P"))
    db.session.commit()
    return body.members[0].id
