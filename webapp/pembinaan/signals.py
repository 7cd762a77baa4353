"""Evidence signal: supervision findings past their due date and not finished, per unit of the pack's area
(the desa below a kecamatan, the kecamatan below a kabupaten, the Posyandu below a desa).

Only findings of a finalised visit count (a draft's findings are not issued yet); one late finding fires.
"""
from __future__ import annotations

from sqlalchemy import or_, select

from webapp.signals.keys import unit_of
from webapp.signals.overdue import Late, overdue_source
from webapp.signals.sources import Context
from webapp.extensions import db
from webapp.pembinaan.models import Finding, FindingStatus, Visit, VisitStatus
from webapp.regions.models import Posyandu


def late_findings(ctx: Context) -> list[tuple[Finding, str]]:
    """Open findings of the area due before the pack's day, with their Posyandu's name."""
    area = or_(Finding.region_code == ctx.region_code,
               Finding.region_code.startswith(ctx.region_code + ".", autoescape=True))
    return list(db.session.execute(
        select(Finding, Posyandu.name).join(Visit, Finding.visit_id == Visit.id)
        .join(Posyandu, Finding.posyandu_id == Posyandu.id)
        .where(area, Visit.status == VisitStatus.FINAL, Finding.status != FindingStatus.SELESAI,
               Finding.due_on.is_not(None), Finding.due_on < ctx.as_of)
        .order_by(Finding.due_on, Finding.id)).all())


def _late(ctx: Context) -> list[Late]:
    found = []
    for finding, posyandu in late_findings(ctx):
        unit = unit_of(ctx.region_code, finding.region_code, finding.posyandu_id)
        found.append(Late(unit, ctx.figures.units.get(unit, posyandu), f"tm{finding.id}",
                          f"{posyandu}: {finding.what[:80]} (oleh {finding.responsible})", finding.due_on,
                          ("visits.show", {"visit_id": finding.visit_id})))
    return found


def finished(keys: list[str]) -> int:
    ids = [int(k[2:]) for k in keys if k.startswith("tm")]
    return len(db.session.scalars(select(Finding.id).where(Finding.id.in_(ids),
                                                           Finding.status == FindingStatus.SELESAI)).all())


SOURCE = overdue_source("temuan", "Temuan supervisi yang lewat waktu", "temuan supervisi lewat batas waktu",
                        _late, finished)
