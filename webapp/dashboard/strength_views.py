"""Posyandu strength at /pemantauan/kekuatan: aktif on five criteria, ILP, kader and kit figures, who needs guidance."""
from __future__ import annotations

from flask import Blueprint, abort, request

from webapp.access import current_actor, requires
from webapp.dashboard import periods, queries
from webapp.dashboard.strength_queries import area_strength
from webapp.dashboard.strength_wide import area_path, covers_nation, wide_strength
from webapp.regions.models import Level
from webapp.rendering import render

bp = Blueprint("strength", __name__, url_prefix="/pemantauan/kekuatan")
CHILD_NOUN = {None: "provinsi", Level.PROVINSI: "kabupaten/kota", Level.KABUPATEN: "kecamatan",
              Level.KECAMATAN: "desa/kelurahan"}


def _page(actor, region):
    """The page of a region (None: the nation); a province or the nation is counted in SQL."""
    level = Level(region.level) if region else None
    timezone = queries.timezone_of(region.code if region else None)
    period, error = periods.parse(request.args.get("bulan"), None, timezone)
    wide = level in (None, Level.PROVINSI)
    strength = (wide_strength if wide else area_strength)(actor, region, period.end)
    return render("dashboard/strength.html", strength=strength, period=period, error=error,
                  choices=periods.choices(timezone), child_noun=CHILD_NOUN.get(level), wide=wide,
                  path=area_path(actor, region), status=422 if error else 200)


@bp.get("")
@bp.get("/<code>")
@requires("dashboard.view")
def area(code: str | None = None):
    """A province, kabupaten, kecamatan or desa of the actor's area (one's own widest by default) for a month."""
    actor = current_actor()
    region = queries.get_region_or_404(actor, code) if code else queries.home_region(actor)
    if region is None:
        abort(404)
    return _page(actor, region)


@bp.get("/nasional")
@requires("dashboard.view")
def nation():
    """Every province: only for an actor whose area holds them all (404 for everyone else)."""
    actor = current_actor()
    if not covers_nation(actor):
        abort(404)
    return _page(actor, None)
