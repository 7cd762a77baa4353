"""Recording a Posyandu's equipment: one save for the whole list, checked first, committed once."""
from __future__ import annotations

import datetime as dt

from webapp.access import Actor, require
from webapp.audit import audit
from webapp.clock import today_in, utcnow
from webapp.extensions import db
from webapp.kit import CONDITIONS, ITEM_BY_KEY
from webapp.pembinaan.models import Equipment
from webapp.pembinaan.queries import equipment_of
from webapp.refusal import Refused
from webapp.regions.models import Posyandu
from webapp.regions.queries import setting_for


def _check(key: str, entry: dict, today: dt.date) -> None:
    if key not in ITEM_BY_KEY:
        raise Refused("Alat tidak dikenal.")
    if entry["available"] and entry["condition"] not in CONDITIONS:
        raise Refused(f"{ITEM_BY_KEY[key].label}: pilih kondisi baik atau rusak.", f"{key}_condition")
    if entry["checked_on"] is not None and entry["checked_on"] > today:
        raise Refused(f"{ITEM_BY_KEY[key].label}: tanggal pemeriksaan tidak boleh di masa depan.", f"{key}_checked_on")


def save_equipment(actor: Actor, posyandu: Posyandu, entries: dict[str, dict]) -> int:
    """entries: item key -> {available, condition, checked_on}. Every entry is checked before any is saved.
    Returns how many items are present and in good condition."""
    require(actor, "sarpras.manage", posyandu)
    today = today_in(setting_for(posyandu.region_code).timezone)
    for key, entry in entries.items():
        _check(key, entry, today)
    rows = equipment_of(posyandu)
    for key, entry in entries.items():
        row = rows.get(key)
        if row is None:
            row = rows[key] = Equipment(posyandu_id=posyandu.id, region_code=posyandu.region_code, item=key)
            db.session.add(row)
        row.available = entry["available"]
        row.condition = entry["condition"] if entry["available"] else ""
        row.checked_on, row.updated_by_id, row.updated_at = entry["checked_on"], actor.id, utcnow()
    good = sum(1 for row in rows.values() if row.available and row.condition == "baik")
    audit(actor.id, "sarpras.saved", f"{posyandu.id} {posyandu.name}"[:120], f"{good} alat baik")
    db.session.commit()
    return good
