"""Reading what an exchange file holds: the area (kecamatan or kabupaten, within the actor's scope), its
verified reports of one month, and its regions and Posyandu for the metadata package."""
from __future__ import annotations

from flask import abort
from sqlalchemy import select

from webapp.access import Actor
from webapp.clock import parse_month, today_in
from webapp.database import starts_with
from webapp.extensions import db
from webapp.regions.models import Level, Posyandu, Region
from webapp.regions.queries import get_region_or_404, setting_for
from webapp.reports.models import MonthlyReport, Status
from webapp.reports.queries import reports_in

PERMISSION = "exchange.export"
AREA_LEVELS = (Level.KECAMATAN, Level.KABUPATEN)


def area_or_404(actor: Actor, code: str) -> Region:
    """A kecamatan or kabupaten the actor's export permission reaches; a desa, or a region outside, is 404."""
    region = get_region_or_404(actor, code, PERMISSION)
    if region.level not in AREA_LEVELS:
        abort(404)
    return region


def month_or_404(region: Region, text: str) -> tuple[int, int]:
    """A month up to the current one in the kabupaten's zone; anything else is 404, so a crawler's walk ends."""
    period = parse_month(text)
    today = today_in(setting_for(region.code).timezone)
    if period is None or period > (today.year, today.month):
        abort(404)
    return period


def verified_reports(actor: Actor, region: Region, year: int, month: int) -> list[MonthlyReport]:
    """Only verified reports go upstream: a submitted one may still be returned and changed."""
    return reports_in(actor, region.code, year, month, statuses=(Status.VERIFIED,))


def area_tree(region: Region) -> tuple[list[Region], list[Posyandu]]:
    """The region (with its kabupaten above a kecamatan), every region below it, and all its Posyandu: a closed
    one keeps its org unit, since its earlier months were sent under it."""
    below = starts_with(Region.code, region.code + ".")
    regions = list(db.session.scalars(
        select(Region).where((Region.code == region.code) | below).order_by(Region.code)))
    if region.level == Level.KECAMATAN and region.parent is not None:
        regions.insert(0, region.parent)
    posyandu = list(db.session.scalars(
        select(Posyandu).where(starts_with(Posyandu.region_code, region.code + "."))
        .order_by(Posyandu.region_code, Posyandu.id)))
    return regions, posyandu
