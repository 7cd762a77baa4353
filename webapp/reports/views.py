"""Pages of the monthly Posyandu report under /laporan: the kader's form, submit, verify/return, reopen."""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, flash, redirect, request, url_for

from webapp.access import current_actor, refuse_missing_feature
from webapp.forms import apply_form_errors
from webapp.refusal import Refused
from webapp.rendering import is_targeted_htmx, render
from webapp.reports import forms, queries, recap, screens, services, steps
from webapp.reports.recap_views import bp as recap_bp
from webapp.reports.fields import SECTION_BY_KEY
from webapp.reports.models import STATUS_LABELS
from webapp.clock import month_key, parse_month

bp = Blueprint("reports", __name__, url_prefix="/laporan")
bp.register_blueprint(recap_bp)  # endpoints reports.recap.*: completeness, recap and exports


def files_or_views(view):
    """Kader (report.file) and members (report.view) reach the report pages; others get 403 (404 for an object)."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        actor = current_actor()
        if not (actor.has("report.file") or actor.has("report.view")):
            refuse_missing_feature("report.view")
        return view(*args, **kwargs)
    wrapped.required_any = ("report.file", "report.view")
    return wrapped


def _period_or_404(text: str) -> tuple[int, int]:
    return parse_month(text) or abort(404)


def _page_url(posyandu_id: int, year: int, month: int, anchor: str | None = None) -> str:
    return url_for("reports.report", posyandu_id=posyandu_id, month=month_key(year, month), _anchor=anchor)


@bp.get("/")
@files_or_views
def index():
    """The kader's months to file; for members, reports waiting and the completeness of their area."""
    return render("reports/index.html", overview=recap.overview(current_actor()), labels=STATUS_LABELS)


def _report_page(posyandu_id: int, month: str, step: str | None = None):
    """The report page opened on one step; a targeted htmx request gets the summary block alone."""
    actor = current_actor()
    posyandu = queries.get_posyandu_or_404(actor, posyandu_id)
    year, mon = _period_or_404(month)
    return render("reports/report.html", block="ringkasan", **screens.page(actor, posyandu, year, mon, step=step))


@bp.get("/posyandu/<int:posyandu_id>/<month>")
@files_or_views
def report(posyandu_id: int, month: str):
    """One Posyandu's report for one month: the form (on the first section not yet saved) while it may be
    edited, else its values and history."""
    return _report_page(posyandu_id, month)


@bp.get("/posyandu/<int:posyandu_id>/<month>/bagian/<section>")
@files_or_views
def section(posyandu_id: int, month: str, section: str):
    """The report page opened on one section (a deep link to a step)."""
    if section not in SECTION_BY_KEY:
        abort(404)
    return _report_page(posyandu_id, month, section)


@bp.get("/posyandu/<int:posyandu_id>/<month>/ringkasan")
@files_or_views
def summary(posyandu_id: int, month: str):
    """The last step: blocks and warnings, each linking to its field, and "Kirim laporan"."""
    return _report_page(posyandu_id, month, steps.SUMMARY)


def _store_section(actor, posyandu, year: int, mon: int, section: str, form, skip: bool) -> tuple[int, dict, object]:
    """Validate and save one section, blank when skipped ("tidak ada layanan"): (status, what the section's
    status line says, the saved report)."""
    if not skip and not form.validate():
        return 422, {"status": "Ada isian yang perlu diperbaiki; bagian ini belum tersimpan.", "status_kind": "error"}, None
    try:
        outcome = services.save_section(actor, posyandu, year, mon, section, form.blank_values() if skip else form.values(),
                                        form.base.data or "", form.client_id_or_new())
    except services.SectionConflict as error:
        return 409, {"status": str(error), "status_kind": "error", "changes": error.changes, "base": error.base}, None
    except Refused as error:
        return error.status, {"status": str(error), "status_kind": "error"}, None
    return 200, {"status": "Tersimpan", "status_kind": "ok"}, outcome.report


@bp.post("/posyandu/<int:posyandu_id>/<month>/bagian/<section>")
@files_or_views
def save_section(posyandu_id: int, month: str, section: str):
    """Save one section of the draft, then go to the step its button names (htmx: only its status and
    messages come back; the page's script moves between steps)."""
    actor = current_actor()
    posyandu = queries.get_posyandu_or_404(actor, posyandu_id)
    year, mon = _period_or_404(month)
    if section not in SECTION_BY_KEY:
        abort(404)
    form = forms.section_form(section, formdata=request.form)
    go = request.form.get("go", "")
    skip = go == "skip" and SECTION_BY_KEY[section].skippable
    status, extra, report = _store_section(actor, posyandu, year, mon, section, form, skip)
    report = report or queries.find_report(posyandu, year, mon)
    view = screens.section_view(report, posyandu, year, mon, section, form=None if status == 200 else form, **extra)
    if is_targeted_htmx():
        return render("reports/_section_saved.html", sv=view, posyandu=posyandu, status=status)
    if status == 200 and not view.wrong_labels():  # a section with an error stays on screen with its messages
        flash("Bagian ini dikosongkan: tidak ada layanan bulan ini." if skip else "Bagian ini tersimpan.")
        return redirect(steps.step_url(posyandu.id, year, mon, steps.after(section, go)))
    return render("reports/report.html", status=status, **screens.page(actor, posyandu, year, mon, replace=view))


@bp.post("/posyandu/<int:posyandu_id>/<month>/kirim")
@files_or_views
def submit(posyandu_id: int, month: str):
    """Send the report for verification; errors block, warnings need the confirmation box."""
    actor = current_actor()
    posyandu = queries.get_posyandu_or_404(actor, posyandu_id)
    year, mon = _period_or_404(month)
    form = forms.SubmitForm()
    try:
        outcome = services.submit(actor, posyandu, year, mon, form.client_id_or_new(), bool(form.confirm.data))
    except services.CheckFailed as failed:
        return render("reports/report.html", status=422,
                      **screens.page(actor, posyandu, year, mon, submit_form=form, failed=failed))
    except Refused as error:
        return render("reports/report.html", status=error.status,
                      **screens.page(actor, posyandu, year, mon, submit_form=form, notice=str(error)))
    flash(outcome.message if outcome.replayed and outcome.message else "Laporan terkirim. Pokja desa akan memeriksanya.")
    return redirect(_page_url(posyandu.id, year, mon))


def _decide(report_id: int, form, act, done: str, form_name: str):
    """Load the report in scope, take a step of its flow, and answer the page: the flow's status and
    message on refusal (422 next to the field, 409 on top), "already done" on a double tap."""
    actor = current_actor()
    report = queries.get_report_or_404(actor, report_id)
    try:
        taken = act(actor, report)
    except Refused as error:
        apply_form_errors(form, error)
        notice = str(error) if error.field is None else ""
        return render("reports/report.html", status=error.status, **screens.page(
            actor, report.posyandu, report.year, report.month, notice=notice, **{form_name: form}))
    flash(done if taken.changed else taken.message)
    return redirect(_page_url(report.posyandu_id, report.year, report.month))


@bp.post("/<int:report_id>/verifikasi")
@files_or_views
def verify(report_id: int):
    """Pokja desa accepts the report (it is then locked)."""
    form = forms.ReviewForm()
    return _decide(report_id, form, lambda actor, report: services.verify(actor, report, form.note.data or ""),
                   "Laporan diverifikasi.", "review_form")


@bp.post("/<int:report_id>/kembalikan")
@files_or_views
def return_report(report_id: int):
    """Pokja desa sends the report back with a note for the whole report or one field."""
    form = forms.ReviewForm()
    return _decide(report_id, form, lambda actor, report: services.return_report(
        actor, report, form.note.data or "", form.field.data or "", form.field_note.data or ""),
        "Laporan dikembalikan ke kader dengan catatan.", "review_form")


@bp.post("/<int:report_id>/buka-kembali")
@files_or_views
def reopen(report_id: int):
    """Pokjanal kecamatan unlocks a verified report, with a reason."""
    form = forms.ReopenForm()
    return _decide(report_id, form, lambda actor, report: services.reopen(actor, report, form.reason.data or ""),
                   "Laporan dibuka kembali dan dikirim ke kader.", "reopen_form")
