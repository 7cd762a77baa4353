"""Whose turn it is on a monthly report, and the report's flow as a table.

draft/returned --submit (kader)--> submitted --verify (pokja desa)--> verified
submitted --return (pokja desa, with a note)--> returned
verified --reopen (Pokjanal kecamatan, with a reason)--> returned
"""
from __future__ import annotations

from webapp.access import Actor
from webapp.regions.models import Level, Posyandu, is_within
from webapp.reports.models import STATUS_LABELS, MonthlyReport, ReportEvent, Status
from webapp.workflow import Entry, Flow, Step

EDITABLE = {Status.DRAFT, Status.RETURNED}
EVENT_OF_STEP = {"submit": "submitted", "verify": "verified", "return": "returned", "reopen": "reopened"}


def _tier_covers(actor: Actor, permission: str, region_code: str, level: Level) -> bool:
    return any(g.level == level and g.posyandu_id is None and is_within(region_code, g.region_code)
               for g in actor.grants_for(permission))


def files_here(actor: Actor, report: MonthlyReport) -> bool:
    """A kader of the report's Posyandu."""
    return actor.covers("report.file", report.region_code, report.posyandu_id)


def verifies_here(actor: Actor, report: MonthlyReport) -> bool:
    """Anggota or approver of the report's desa."""
    return _tier_covers(actor, "report.verify", report.region_code, Level.DESA)


def reopens_here(actor: Actor, report: MonthlyReport) -> bool:
    """Anggota or camat of the kecamatan above the report's desa."""
    return _tier_covers(actor, "report.reopen", report.region_code, Level.KECAMATAN)


def may_file(actor: Actor, obj) -> bool:
    """A kader of the Posyandu, while the report is a draft or returned (the form is open)."""
    if obj is None:
        return actor.has("report.file")
    if isinstance(obj, Posyandu):
        return actor.covers("report.file", obj.region_code, obj.id)
    if isinstance(obj, MonthlyReport):
        return obj.status in EDITABLE and files_here(actor, obj)
    return False


def _record(report: MonthlyReport, entry: Entry) -> None:
    report.events.append(ReportEvent(actor_id=entry.actor_id, action=EVENT_OF_STEP[entry.step.name], note=entry.note,
                                     role=entry.role, jabatan=entry.jabatan, at=entry.at))


def _role(actor: Actor, report: MonthlyReport, step: Step) -> str:
    return {"submit": "Kader", "reopen": "Pokjanal kecamatan"}.get(step.name, "Pokja desa")


REPORT_FLOW = Flow(
    name="report", noun="Laporan ini", state_labels={s.value: label for s, label in STATUS_LABELS.items()},
    record=_record, role_of=_role,
    stale="Laporan ini baru saja diubah orang lain. Muat ulang halaman untuk melihat keadaannya sekarang.",
    steps=(
        Step("submit", frozenset({Status.DRAFT, Status.RETURNED}), Status.SUBMITTED, files_here, "Kirim laporan",
             "Laporan sudah dikirim dan menunggu verifikasi."),
        Step("verify", frozenset({Status.SUBMITTED}), Status.VERIFIED, verifies_here, "Verifikasi",
             "Laporan sudah diverifikasi."),
        Step("return", frozenset({Status.SUBMITTED}), Status.RETURNED, verifies_here, "Kembalikan",
             "Laporan sudah dikembalikan ke kader."),
        Step("reopen", frozenset({Status.VERIFIED}), Status.RETURNED, reopens_here, "Buka kembali",
             "Laporan sudah dibuka kembali.", note_required="Tulis alasan membuka kembali laporan ini.",
             note_field="reason"),
    ),
)

RULES = {"report.file": may_file, **REPORT_FLOW.rules()}
