"""/pemantauan/keputusan/<code>: the dashboard's figures on decisions and data quality, loaded into the
region's dashboard after it shows (so the dashboard itself keeps reading only its summary tables)."""
from __future__ import annotations

from flask import Blueprint, abort, request

from webapp.access import current_actor, requires
from webapp.dashboard import periods, queries
from webapp.evidence.outcomes import body_rates, flag_rates
from webapp.evidence.pack import CLEAR_DAYS
from webapp.regions.models import Level
from webapp.rendering import render

bp = Blueprint("outcomes", __name__, url_prefix="/pemantauan/keputusan")
AREA_LEVELS = (Level.KABUPATEN, Level.KECAMATAN, Level.DESA)
UNIT_NOUN = {Level.KABUPATEN: "Kecamatan", Level.KECAMATAN: "Desa/kelurahan", Level.DESA: "Posyandu"}


@bp.get("/<code>")
@requires("dashboard.view")
def area(code: str):
    """Per body the share of signals cleared within 60 days; per desa/kecamatan the sentinel's flag rate."""
    region = queries.get_region_or_404(current_actor(), code)
    if Level(region.level) not in AREA_LEVELS:
        abort(404)
    period, error = periods.parse(request.args.get("bulan"), request.args.get("rentang"), queries.timezone_of(code))
    rows, total = flag_rates(region, period.months_list())
    return render("evidence/outcomes.html", block="outcomes_body", region=region, period=period, error=error,
                  bodies=body_rates(region), flags=rows, total=total, clear_days=CLEAR_DAYS,
                  unit_noun=UNIT_NOUN[Level(region.level)], status=422 if error else 200)
