"""Who keeps equipment lists, who records supervision visits, and the flows of a visit and of its findings.

visit:   draft --finalize (the visiting tier)--> final --reopen (the visiting tier, with a reason)--> draft
finding: terbuka --start--> proses; terbuka/proses --finish (with evidence)--> selesai (the Posyandu, its desa and
         up); selesai --reopen (the visiting tier, with a reason)--> terbuka
"""
from __future__ import annotations

from webapp.access import Actor, scope_rule
from webapp.auth.models import Role
from webapp.pembinaan.models import (FINDING_STATUS_LABELS, VISIT_STATUS_LABELS, Finding, FindingEvent,
                                     FindingStatus, Visit, VisitEvent, VisitStatus)
from webapp.regions.models import Level, is_within
from webapp.workflow import DONE_NOTE, Entry, Flow, Step

VISITING_LEVELS = (Level.KECAMATAN, Level.KABUPATEN)


def visits_here(actor: Actor, obj) -> bool:
    """A puskesmas or Pokjanal kecamatan/kabupaten member whose area holds the Posyandu."""
    if obj is None:
        return any(g.level in VISITING_LEVELS for g in actor.grants_for("visit.record"))
    region_code = obj.scope[0]
    return any(g.level in VISITING_LEVELS and g.posyandu_id is None and is_within(region_code, g.region_code)
               for g in actor.grants_for("visit.record"))


FOLLOWING_ROLES = (Role.KADER, Role.ANGGOTA, Role.APPROVER)


def follows_up(actor: Actor, finding: Finding) -> bool:
    """A finding is assigned to the Posyandu: its kader, and the members of its desa's body and the bodies
    above, follow it up. Neither an admin (who keeps the register) nor a mitra's staff (a finding is never
    assigned to a mitra) does."""
    region_code, posyandu_id = finding.scope
    return any(g.role in FOLLOWING_ROLES and (posyandu_id == g.posyandu_id if g.posyandu_id is not None
                                              else is_within(region_code, g.region_code))
               for g in actor.grants_for("action.update"))


def _record_visit(visit: Visit, entry: Entry) -> None:
    visit.events.append(VisitEvent.from_entry(entry))


def _record_finding(finding: Finding, entry: Entry) -> None:
    finding.events.append(FindingEvent.from_entry(entry))
    if entry.note:
        finding.progress_note = entry.note[:4000]


VISIT_FLOW = Flow(
    name="visit", noun="Kunjungan ini", state_labels={s.value: label for s, label in VISIT_STATUS_LABELS.items()},
    record=_record_visit, role_of=lambda actor, visit, step: "Tim pembina",
    steps=(
        Step("finalize", frozenset({VisitStatus.DRAFT}), VisitStatus.FINAL, visits_here, "Kunci kunjungan",
             "Catatan kunjungan sudah final."),
        Step("reopen", frozenset({VisitStatus.FINAL}), VisitStatus.DRAFT, visits_here, "Buka kembali",
             "Catatan kunjungan dibuka kembali.", note_required="Tulis alasan membuka kembali catatan ini."),
    ),
)

FINDING_FLOW = Flow(
    name="finding", noun="Temuan ini", state_labels={s.value: label for s, label in FINDING_STATUS_LABELS.items()},
    record=_record_finding, role_of=lambda actor, finding, step: "Tim pembina" if step.name == "reopen" else "",
    steps=(
        Step("start", frozenset({FindingStatus.TERBUKA}), FindingStatus.PROSES, follows_up, "Mulai dikerjakan",
             "Temuan sedang dikerjakan."),
        Step("finish", frozenset({FindingStatus.TERBUKA, FindingStatus.PROSES}), FindingStatus.SELESAI, follows_up,
             "Selesai", "Temuan sudah selesai ditindaklanjuti.",
             note_required=DONE_NOTE),
        Step("reopen", frozenset({FindingStatus.SELESAI}), FindingStatus.TERBUKA, visits_here, "Buka kembali",
             "Temuan dibuka kembali.", note_required="Tulis alasan membuka kembali temuan ini."),
    ),
)

RULES = {"sarpras.manage": scope_rule("sarpras.manage"), "visit.record": visits_here,
         **VISIT_FLOW.rules(), **FINDING_FLOW.rules()}
