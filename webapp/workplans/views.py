"""Work plans at /rencana-kerja: drafting, the approval chain, the roll-up and the printed plan."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for

from webapp import pdf
from webapp.access import can, current_actor, requires
from webapp.clock import today_in, utcnow
from webapp.forms import apply_form_errors
from webapp.refusal import Refused
from webapp.regions.letterhead import kop_for
from webapp.regions.queries import get_region_or_404, setting_for
from webapp.rendering import render
from webapp.exports import answer
from webapp.mitra.queries import pelaksana_choices
from webapp.workplans import exports, holders, queries, rollup, rules, services
from webapp.workplans.holders import holder_choices
from webapp.workplans.forms import DecisionForm, LineForm, PlanForm, ProgressForm, VersionForm, version_of
from webapp.workplans.models import spent_total, totals_by_field, totals_by_source
from webapp.workplans.printing import pdf_context, realisation_context
from webapp.inputs import year_asked

bp = Blueprint("workplans", __name__, url_prefix="/rencana-kerja")


@bp.get("")
@requires("plan.view")
def index():
    """The plans of one year in the actor's area, with links to draft one and to the roll-up."""
    actor, year = current_actor(), year_asked()
    return render("workplans/index.html", year=year, plans=queries.plans_for_year(actor, year),
                  draft_regions=queries.draft_regions(actor), rollup_regions=rollup.rollup_regions(actor),
                  status_label=rules.status_label)


@bp.route("/baru", methods=["GET", "POST"])
@requires("plan.draft")
def new():
    """Start a plan for one of the actor's own regions."""
    actor = current_actor()
    form = PlanForm()
    form.region_code.choices = [(r.code, r.full_label) for r in queries.draft_regions(actor)]
    if request.method == "GET":
        form.year.data = utcnow().year + 1
    if form.validate_on_submit():
        try:
            plan = services.create_plan(actor, form.data_for_service())
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Rencana kerja dibuat. Tambahkan kegiatannya.")
            return redirect(url_for("workplans.detail", plan_id=plan.id))
    return render("workplans/plan_form.html", form=form, plan=None, status=422 if form.errors else 200)


def _detail(plan, status: int = 200, error: str | None = None, decision: DecisionForm | None = None):
    actor = current_actor()
    return render("workplans/detail.html", status=status, plan=plan, error=error,
                  decision=decision or DecisionForm(version=plan.version), actions=VersionForm(version=plan.version),
                  may_edit=plan.is_editable and can(actor, "plan.draft", plan),
                  may_decide=can(actor, "plan.approve", plan), step=rules.current_step(plan),
                  may_revise=rules.is_final(plan) and can(actor, "plan.draft", plan),
                  newer=queries.newer_revision(plan), status_label=rules.status_label(plan),
                  by_field=totals_by_field(plan.lines), by_source=totals_by_source(plan.lines),
                  timezone=setting_for(plan.region_code).timezone, approved=rules.is_approved(plan),
                  spent=spent_total(plan.lines), may_realise=lambda line: can(actor, "plan.realise", line))


@bp.get("/<int:plan_id>")
@requires("plan.view")
def detail(plan_id: int):
    """One plan: lines, totals, what waits and the timeline of every step."""
    return _detail(queries.get_plan_or_404(current_actor(), plan_id))


def _editable_plan(plan_id: int):
    return queries.get_plan_or_404(current_actor(), plan_id, rule="plan.draft")


@bp.route("/<int:plan_id>/ubah", methods=["GET", "POST"])
@requires("plan.draft")
def edit(plan_id: int):
    """Change the title, period and background of a draft."""
    plan = _editable_plan(plan_id)
    form = PlanForm(obj=plan)
    form.region_code.choices = [(plan.region_code, plan.region.full_label)]
    form.region_code.data = plan.region_code
    if request.method == "GET":
        form.version.data, form.semester.data = plan.version, str(plan.semester or "")
    if form.validate_on_submit():
        try:
            services.update_plan(current_actor(), plan, form.data_for_service(), version_of(form))
        except Refused as error:
            apply_form_errors(form, error)
            return render("workplans/plan_form.html", form=form, plan=plan, status=error.status)
        return redirect(url_for("workplans.detail", plan_id=plan.id))
    return render("workplans/plan_form.html", form=form, plan=plan, status=422 if form.errors else 200)


def _line_form(plan, item) -> LineForm:
    form = LineForm(obj=item)
    form.location.choices = [("", "— pilih —")] + queries.location_choices(current_actor(), plan)
    form.mitra_id.choices = pelaksana_choices(plan.region_code)
    form.budget_holder.choices = holder_choices(plan.region_code)
    if request.method == "GET":
        form.version.data = plan.version
        if item is not None:
            form.location.data, form.months.data = item.location_key, [str(m) for m in item.month_numbers]
            form.budget.data = f"{item.budget:,}".replace(",", ".")
            form.mitra_id.data, form.kit_items.data = str(item.mitra_id or ""), item.kit_keys
            form.budget_holder.data = holders.choice_of(item)
            form.volume.data = "" if item.volume is None else str(item.volume)
            form.unit_price.data = "" if item.unit_price is None else f"{item.unit_price:,}".replace(",", ".")
    return form


@bp.route("/<int:plan_id>/kegiatan/baru", methods=["GET", "POST"])
@bp.route("/<int:plan_id>/kegiatan/<int:line_id>", methods=["GET", "POST"])
@requires("plan.draft")
def line(plan_id: int, line_id: int | None = None):
    """Add or change one activity line; bad input comes back with the message next to its field."""
    plan = _editable_plan(plan_id)
    item = queries.get_line_or_404(plan, line_id) if line_id else None
    form = _line_form(plan, item)
    if form.validate_on_submit():
        try:
            services.save_line(current_actor(), plan, item, form.data_for_service(), version_of(form))
        except Refused as error:
            apply_form_errors(form, error)
            return render("workplans/line_form.html", form=form, plan=plan, line=item, status=error.status)
        flash("Kegiatan tersimpan.")
        return redirect(url_for("workplans.detail", plan_id=plan.id) + "#kegiatan")
    return render("workplans/line_form.html", form=form, plan=plan, line=item, status=422 if form.errors else 200)


@bp.route("/kegiatan/<int:line_id>/realisasi", methods=["GET", "POST"])
@requires("plan.realise")
def progress(line_id: int):
    """Realisation of one approved line, by the drafting body or the pelaksana mitra, on a phone."""
    actor = current_actor()
    item = queries.get_line_for_progress_or_404(actor, line_id)
    form = ProgressForm(obj=item if request.method == "GET" else None)
    if request.method == "GET":
        form.spent.data = f"{item.spent:,}".replace(",", ".")
    if form.validate_on_submit():
        try:
            taken = services.record_progress(actor, item, form.data_for_service())
        except Refused as error:
            apply_form_errors(form, error)
            return _progress_page(form, item, error.status)
        flash("Realisasi tersimpan." if taken.changed else taken.message)
        return redirect(queries.after_progress_url(actor, item))
    return _progress_page(form, item, 422 if form.errors else 200)


def _progress_page(form, item, status: int):
    return render("workplans/progress.html", form=form, line=item, status=status,
                  timezone=setting_for(item.plan.region_code).timezone)


def _act(plan_id: int, action):
    """Run one POSTed step on a plan; a refusal shows on the plan page (409 for a conflict)."""
    actor = current_actor()
    plan = queries.get_plan_or_404(actor, plan_id)
    form = DecisionForm()
    try:
        message = action(actor, plan, form)
    except Refused as error:
        return _detail(plan, status=error.status, error=str(error), decision=form)
    flash(message)
    return redirect(url_for("workplans.detail", plan_id=plan.id))


@bp.post("/<int:plan_id>/kegiatan/<int:line_id>/hapus")
@requires("plan.draft")
def line_delete(plan_id: int, line_id: int):
    """Remove one line of a draft."""
    def run(actor, plan, form):
        services.delete_line(actor, plan, queries.get_line_or_404(plan, line_id), version_of(form))
        return "Kegiatan dihapus."
    return _act(plan_id, run)


@bp.post("/<int:plan_id>/ajukan")
@requires("plan.draft")
def submit(plan_id: int):
    """Send the draft up the chain."""
    def run(actor, plan, form):
        taken = services.submit(actor, plan, version_of(form))
        return f"Rencana kerja diajukan kepada {rules.waiting_for(plan)}." if taken.changed else taken.message
    return _act(plan_id, run)


@bp.post("/<int:plan_id>/setujui")
@requires("plan.approve")
def approve(plan_id: int):
    """Approve or endorse (mengetahui) the waiting step."""
    def run(actor, plan, form):
        taken = services.approve(actor, plan, form.note.data or "", version_of(form))
        if not taken.changed:
            return taken.message
        next_one = rules.waiting_for(plan)
        return "Keputusan tersimpan." + (f" Diteruskan kepada {next_one}." if next_one else " Rencana kerja disetujui penuh.")
    return _act(plan_id, run)


@bp.post("/<int:plan_id>/kembalikan")
@requires("plan.approve")
def send_back(plan_id: int):
    """Return the plan to its drafter with a note."""
    def run(actor, plan, form):
        taken = services.return_plan(actor, plan, form.note.data or "", version_of(form))
        return "Rencana kerja dikembalikan kepada penyusun dengan catatan." if taken.changed else taken.message
    return _act(plan_id, run)


@bp.post("/<int:plan_id>/revisi")
@requires("plan.draft")
def revise(plan_id: int):
    """Start a new revision of an approved plan; the approved one stays readable and unchanged."""
    actor = current_actor()
    plan = _editable_plan(plan_id)
    try:
        revision = services.new_revision(actor, plan)
    except Refused as error:
        return _detail(plan, status=422, error=str(error))
    flash(f"Revisi ke-{revision.revision} dibuat dengan semua kegiatannya. Ubah lalu ajukan lagi.")
    return redirect(url_for("workplans.detail", plan_id=revision.id))


@bp.get("/<int:plan_id>.pdf")
@requires("plan.view")
def pdf_file(plan_id: int):
    """The printed plan: letterhead, lines by SPM field with totals, signature blocks; DRAF until approved."""
    plan = queries.get_plan_or_404(current_actor(), plan_id)
    data = pdf.render_pdf("pdf/workplan.html", **pdf_context(plan))
    return pdf.pdf_response(data, f"rencana-kerja-{plan.region_code}-{plan.year}-r{plan.revision}.pdf")


@bp.get("/<int:plan_id>/realisasi.pdf")
@requires("plan.view")
def realisation_pdf(plan_id: int):
    """Laporan Realisasi Rencana Kerja: where each line of an approved plan stands today. Its own live,
    unsigned document; the signed plan never carries realisation."""
    plan = queries.get_plan_or_404(current_actor(), plan_id)
    if not rules.is_approved(plan):
        abort(404)
    today = today_in(setting_for(plan.region_code).timezone)
    data = pdf.render_pdf("pdf/workplan_realisation.html", **realisation_context(plan, today))
    return pdf.pdf_response(data, f"realisasi-rencana-kerja-{plan.region_code}-{plan.year}-r{plan.revision}.pdf")


@bp.get("/<int:plan_id>.xlsx")
@requires("plan.view")
def xlsx_file(plan_id: int):
    """The plan's lines as Excel, budgets as numbers."""
    plan = queries.get_plan_or_404(current_actor(), plan_id)
    return answer(exports.plan_export(plan), f"rencana-kerja-{plan.region_code}-{plan.year}-r{plan.revision}", "xlsx")


def _rollup_data():
    actor, year = current_actor(), year_asked()
    options = rollup.rollup_regions(actor)
    code = request.args.get("wilayah") or (options[0].code if options else None)
    if code is None:
        abort(403)
    region = get_region_or_404(actor, code, "plan.view")
    if region.level not in ("kecamatan", "kabupaten"):
        abort(404)
    return rollup.rollup(actor, region, year), options


@bp.get("/rekap", endpoint="rollup")
@requires("plan.view")
def rollup_page():
    """Kecamatan/kabupaten roll-up: status of every plan below, the budget by field and source, and the
    field × source × pelaksana matrix with realisation."""
    data, options = _rollup_data()
    return render("workplans/rollup.html", data=data, options=options, status_label=rules.status_label)


@bp.get("/rekap.<any(pdf, xlsx):kind>")
@requires("plan.view")
def rollup_file(kind: str):
    """The roll-up as PDF (status, matrix, needs) or as Excel (status, budget sums, the matrix)."""
    data, _ = _rollup_data()
    name = f"rekap-renja-{data.region.code}-{data.year}"
    if kind == "pdf":
        setting = setting_for(data.region.code)
        return pdf.pdf_response(pdf.render_pdf("pdf/plan_rollup.html", data=data, setting=setting,
                                               kop_lines=kop_for(data.region).lines,  # the roll-up's own tier
                                               logo=pdf.data_uri(setting.logo, setting.logo_mime)), f"{name}.pdf")
    return answer(exports.rollup_export(data), name, "xlsx")
