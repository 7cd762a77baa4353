"""The DHIS2 exchange files of a kecamatan or kabupaten: plainly named paths users bookmark."""
from __future__ import annotations

import json

from flask import Blueprint, Response

from webapp.access import current_actor, requires
from webapp.clock import month_key
from webapp.exchange import build, queries
from webapp.regions.queries import setting_for

bp = Blueprint("exchange", __name__, url_prefix="/pertukaran")


def _download(body: bytes | str, mimetype: str, name: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _units(code: str, month: str):
    actor = current_actor()
    region = queries.area_or_404(actor, code)
    year, mon = queries.month_or_404(region, month)
    reports = queries.verified_reports(actor, region, year, mon)
    return region, year, mon, build.units(reports, setting_for(region.code).timezone)


@bp.get("/<code>/<month>/adx.xml")
@requires(queries.PERMISSION)
def adx(code: str, month: str):
    """The month's verified reports as an ADX message (IHE QRPH, idScheme=CODE)."""
    region, year, mon, found = _units(code, month)
    return _download(build.adx(found, year, mon), "application/adx+xml",
                     f"adx-{region.code}-{month_key(year, mon)}.xml")


@bp.get("/<code>/<month>/datavalueset.json")
@requires(queries.PERMISSION)
def data_value_set(code: str, month: str):
    """The month's verified reports as one DHIS2 dataValueSet (JSON, codes as identifiers)."""
    region, year, mon, found = _units(code, month)
    body = json.dumps(build.data_value_set(found, year, mon), ensure_ascii=False, indent=1)
    return _download(body, "application/json", f"datavalueset-{region.code}-{month_key(year, mon)}.json")


@bp.get("/<code>/metadata.json")
@requires(queries.PERMISSION)
def metadata(code: str):
    """The metadata package a Dinkes imports into DHIS2 once, before the first data file."""
    region = queries.area_or_404(current_actor(), code)
    body = json.dumps(build.metadata(*queries.area_tree(region)), ensure_ascii=False, indent=1)
    return _download(body, "application/json", f"metadata-{region.code}.json")
