"""Supervision visits at /kunjungan: the phone checklist, findings followed up as action items, quarterly coverage."""
from flask import Blueprint, abort, flash, redirect, url_for

from webapp.access import can, current_actor, requires
from webapp.clock import today_in
from webapp.forms import apply_form_errors, form_status
from webapp.pembinaan import visit_queries as queries
from webapp.pembinaan import visit_services as services
from webapp.pembinaan.rules import FINDING_FLOW, VISIT_FLOW
from webapp.pembinaan.visit_forms import FindingForm, NoteForm, VisitForm
from webapp.refusal import Refused
from webapp.regions.queries import get_posyandu_or_404, setting_for
from webapp.rendering import render

bp = Blueprint("visits", __name__)


@bp.route("/posyandu/<int:posyandu_id>/kunjungan", methods=["GET", "POST"])
@requires("posyandu.view")
def posyandu_visits(posyandu_id: int):
    """A Posyandu's visits; the kecamatan/kabupaten team records a new one here."""
    actor = current_actor()
    posyandu = get_posyandu_or_404(actor, posyandu_id)
    may_record, form = can(actor, "visit.record", posyandu), VisitForm()
    if form.is_submitted() and not may_record:
        abort(403)
    if form.validate_on_submit():
        try:
            visit = services.record_visit(actor, posyandu, form.data_for_service())
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Kunjungan tercatat. Tambahkan temuan bila ada.")
            return redirect(url_for("visits.show", visit_id=visit.id))
    return render("pembinaan/visits.html", posyandu=posyandu, visits=queries.visits_of(posyandu), form=form,
                  may_record=may_record, status=form_status(form))


def _show(visit, status: int = 200, finding_form=None):
    actor = current_actor()
    return render("pembinaan/visit.html", visit=visit, finding_form=finding_form or FindingForm(), note_form=NoteForm(),
                  visit_steps=VISIT_FLOW.available(actor, visit), may_add=can(actor, "visit.record", visit),
                  finding_steps={f.id: FINDING_FLOW.available(actor, f) for f in visit.findings}, status=status)


@bp.get("/kunjungan/<int:visit_id>")
@requires("posyandu.view")
def show(visit_id: int):
    """One visit: the checklist as recorded, its findings and their follow-up."""
    return _show(queries.get_visit_or_404(current_actor(), visit_id))


@bp.post("/kunjungan/<int:visit_id>/temuan")
@requires("visit.record")
def add_finding(visit_id: int):
    """A finding becomes an action item: what, who, by when."""
    actor = current_actor()
    visit = queries.get_visit_or_404(actor, visit_id)
    form = FindingForm()
    try:
        form.validate_on_submit()
        services.add_finding(actor, visit, form.data_for_service())
    except Refused as error:
        apply_form_errors(form, error)
        return _show(visit, error.status, form)
    flash("Temuan tercatat sebagai tindak lanjut.")
    return redirect(url_for("visits.show", visit_id=visit.id))


@bp.post("/kunjungan/<int:visit_id>/<any(finalize, reopen):step>")
@requires("visit.record")
def visit_step(visit_id: int, step: str):
    """Finalize a visit's record, or reopen it with a reason."""
    actor = current_actor()
    visit = queries.get_visit_or_404(actor, visit_id)
    try:
        flash(services.advance_visit(actor, visit, step, NoteForm().note.data or "").message)
    except Refused as error:
        flash(str(error))
        return _show(visit, error.status)
    return redirect(url_for("visits.show", visit_id=visit.id))


@bp.post("/temuan/<int:finding_id>/<any(start, finish, reopen):step>")
@requires("posyandu.view")
def finding_step(finding_id: int, step: str):
    """Follow a finding up: started, finished (with evidence), or reopened by the visiting team."""
    actor = current_actor()
    finding = queries.get_finding_or_404(actor, finding_id)
    try:
        flash(services.advance_finding(actor, finding, step, NoteForm().note.data or "").message)
    except Refused as error:
        flash(str(error))
        return _show(finding.visit, error.status)
    return redirect(url_for("visits.show", visit_id=finding.visit_id))


@bp.get("/kunjungan")
@requires("posyandu.view")
def index():
    """Visit coverage this quarter per kecamatan, recent visits and open findings of the actor's area."""
    actor = current_actor()
    grant = actor.primary_grant
    today = today_in(setting_for(grant.region_code).timezone) if grant and grant.region_code.count(".") else None
    coverage = queries.coverage_by_kecamatan(actor, today) if today else []
    return render("pembinaan/visit_index.html", coverage=coverage, visits=queries.recent_visits(actor),
                  findings=queries.open_findings(actor), quarter=queries.quarter_of(today) if today else None)
