"""Recording supervision visits and following up their findings; each use case checks, changes, audits, commits once.

Errors: `Refused` (422) next to the field; 403 when it is not the actor's turn (see rules.py); 409 for a
step in the wrong state (workflow.take).
"""
from __future__ import annotations

import datetime as dt

from webapp.access import Actor, require
from webapp.audit import audit
from webapp.clock import today_in
from webapp.extensions import db
from webapp.pembinaan.models import SERVICE_STEPS, Finding, Visit, VisitStatus
from webapp.pembinaan.rules import FINDING_FLOW, VISIT_FLOW
from webapp.refusal import Refused, commit_or_conflict
from webapp.regions.models import Posyandu
from webapp.regions.queries import setting_for
from webapp.workflow import Taken, take

KADER_MAX = 100


def _today(region_code: str) -> dt.date:
    return today_in(setting_for(region_code).timezone)


def record_visit(actor: Actor, posyandu: Posyandu, data: dict) -> Visit:
    """A visit by a puskesmas or Pokjanal team of the Posyandu's kecamatan or kabupaten, on a day not yet to come."""
    require(actor, "visit.record", posyandu)
    if data["visited_on"] is None:
        raise Refused("Isi tanggal kunjungan.", "visited_on")
    if data["visited_on"] > _today(posyandu.region_code):
        raise Refused("Tanggal kunjungan tidak boleh di masa depan.", "visited_on")
    present = data["kader_present"]
    if present is not None and not 0 <= present <= KADER_MAX:
        raise Refused(f"Isi jumlah kader hadir 0–{KADER_MAX}.", "kader_present")
    visit = Visit(posyandu_id=posyandu.id, region_code=posyandu.region_code, visitor_id=actor.id,
                  visited_on=data["visited_on"], team=data["team"], kader_present=present, notes=data["notes"],
                  equipment_seen=data["equipment_seen"], records_kept=data["records_kept"],
                  **{name: data[name] for name, _ in SERVICE_STEPS})
    db.session.add(visit)
    db.session.flush()
    audit(actor.id, "visit.recorded", f"{visit.id} {posyandu.name}"[:120], visit.visited_on.isoformat())
    db.session.commit()
    return visit


def add_finding(actor: Actor, visit: Visit, data: dict) -> Finding:
    """A finding of a draft visit: what, who is responsible, by when (not before the visit)."""
    require(actor, "visit.record", visit)
    if visit.status != VisitStatus.DRAFT:
        raise Refused("Catatan kunjungan ini sudah final: buka kembali untuk menambah temuan.", "what")
    if not data["what"]:
        raise Refused("Tulis temuannya dan apa yang perlu dilakukan.", "what")
    if not data["responsible"]:
        raise Refused("Tulis penanggung jawabnya (orang atau lembaga).", "responsible")
    if data["due_on"] is not None and data["due_on"] < visit.visited_on:
        raise Refused("Batas waktu tidak boleh sebelum tanggal kunjungan.", "due_on")
    finding = Finding(posyandu_id=visit.posyandu_id, region_code=visit.region_code, what=data["what"],
                      responsible=data["responsible"], due_on=data["due_on"])
    visit.findings.append(finding)
    db.session.flush()
    audit(actor.id, "finding.added", str(finding.id), data["what"][:200])
    db.session.commit()
    return finding


def advance_visit(actor: Actor, visit: Visit, step: str, note: str = "") -> Taken:
    taken = take(actor, visit, VISIT_FLOW, step, note)
    commit_or_conflict(VISIT_FLOW.stale)
    return taken


def advance_finding(actor: Actor, finding: Finding, step: str, note: str = "") -> Taken:
    taken = take(actor, finding, FINDING_FLOW, step, note)
    commit_or_conflict(FINDING_FLOW.stale)
    return taken
