"""Object rules for reports: whose turn it is to file, verify or reopen, and at which tier."""
from __future__ import annotations

from webapp.access import Actor, object_rule
from webapp.regions.models import Level, Posyandu, is_within
from webapp.reports.models import MonthlyReport, Status

EDITABLE = {Status.DRAFT, Status.RETURNED}


def _tier_covers(actor: Actor, permission: str, region_code: str, level: Level) -> bool:
    return any(g.level == level and g.posyandu_id is None and is_within(region_code, g.region_code)
               for g in actor.grants_for(permission))


@object_rule("report.file")
def may_file(actor: Actor, obj) -> bool:
    """A kader of the Posyandu, while the report is a draft or returned."""
    if obj is None:
        return actor.has("report.file")
    if isinstance(obj, Posyandu):
        return actor.covers("report.file", obj.region_code, obj.id)
    if isinstance(obj, MonthlyReport):
        return obj.status in EDITABLE and actor.covers("report.file", obj.region_code, obj.posyandu_id)
    return False


def verifies_here(actor: Actor, report: MonthlyReport) -> bool:
    """Anggota or approver of the report's desa, whatever the report's state."""
    return _tier_covers(actor, "report.verify", report.region_code, Level.DESA)


@object_rule("report.verify")
def may_verify(actor: Actor, report: MonthlyReport | None) -> bool:
    """Anggota or approver of the desa, once the report is submitted."""
    if report is None:
        return actor.has("report.verify")
    return report.status == Status.SUBMITTED and verifies_here(actor, report)


@object_rule("report.reopen")
def may_reopen(actor: Actor, report: MonthlyReport | None) -> bool:
    """Anggota (or camat) of the kecamatan above, once the report is verified."""
    if report is None:
        return actor.has("report.reopen")
    return report.status == Status.VERIFIED and _tier_covers(
        actor, "report.reopen", report.region_code, Level.KECAMATAN)
