"""Posyandu strength at /pemantauan/kekuatan: aktif on five criteria, ILP, kader and kit figures, who needs guidance."""
from __future__ import annotations

from flask import Blueprint, abort, request

from webapp.access import current_actor, requires
from webapp.dashboard import periods, queries
from webapp.dashboard.strength_queries import area_strength
from webapp.regions.models import Level
from webapp.rendering import render

bp = Blueprint("strength", __name__, url_prefix="/pemantauan/kekuatan")
AREA_LEVELS = (Level.KABUPATEN, Level.KECAMATAN, Level.DESA)
CHILD_NOUN = {Level.KABUPATEN: "kecamatan", Level.KECAMATAN: "desa/kelurahan"}


@bp.get("")
@bp.get("/<code>")
@requires("dashboard.view")
def area(code: str | None = None):
    """A kabupaten, kecamatan or desa of the actor's area (one's own by default) for a month."""
    actor = current_actor()
    region = queries.get_region_or_404(actor, code) if code else queries.home_region(actor)
    if region is None or Level(region.level) not in AREA_LEVELS:
        abort(404)
    timezone = queries.timezone_of(region.code)
    period, error = periods.parse(request.args.get("bulan"), None, timezone)
    strength = area_strength(actor, region, period.end)
    return render("dashboard/strength.html", strength=strength, period=period, error=error,
                  choices=periods.choices(timezone), child_noun=CHILD_NOUN.get(Level(region.level)),
                  status=422 if error else 200)
