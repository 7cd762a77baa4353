"""The "Unduh untuk DHIS2" links a recap or dashboard page shows, only where the actor may download them."""
from __future__ import annotations

from flask import url_for

from webapp.access import current_actor
from webapp.exchange.queries import AREA_LEVELS, PERMISSION
from webapp.regions.models import level_of


def dhis2_links(code: str | None, month: str | None) -> list[tuple[str, str]]:
    """(label, url) of the ADX, JSON and metadata files of a kecamatan/kabupaten month; empty elsewhere."""
    if not code or not month or level_of(code) not in AREA_LEVELS:
        return []
    if not current_actor().covers(PERMISSION, code):
        return []
    return [("ADX (XML)", url_for("exchange.adx", code=code, month=month)),
            ("dataValueSet (JSON)", url_for("exchange.data_value_set", code=code, month=month)),
            ("Metadata DHIS2 (impor pertama)", url_for("exchange.metadata", code=code))]
