"""The partner registry at /mitra and each partner's page /mitra/<id>: what is expected of it, as a page,
PDF and Excel (the "acuan anggaran" an agency takes to its Renja/RKA)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for

from webapp import pdf
from webapp.access import can, current_actor, requires
from webapp.forms import apply_form_errors, form_status
from webapp.mitra import queries, services
from webapp.mitra.forms import MitraForm
from webapp.mitra_page import exports
from webapp.mitra_page import queries as page_queries
from webapp.refusal import Refused
from webapp.rendering import render
from webapp.workplans import rules
from webapp.inputs import year_asked

bp = Blueprint("mitra", __name__, url_prefix="/mitra")


@bp.get("")
@requires("mitra.read")
def index():
    """The registry: agencies, their units, PKK, BKKBN and non-government partners."""
    actor = current_actor()
    return render("mitra/index.html", items=queries.registry_list(actor), may_add=actor.has("mitra.manage"))


def _form(mitra=None) -> MitraForm:
    form = MitraForm(obj=mitra, data=None if mitra else {"is_active": True})
    kabupaten = queries.registry_kabupaten(current_actor(), "mitra.manage")
    code = mitra.kabupaten_code if mitra else (form.kabupaten_code.data or (kabupaten[0].code if kabupaten else ""))
    form.kabupaten_code.choices = [(r.code, r.label) for r in kabupaten]
    form.parent_id.choices = [("", "— tidak ada —")] + [(str(m.id), m.short_name) for m in
                                                         queries.agencies(code, mitra.id if mitra else None)]
    form.area_codes.choices = [(r.code, r.name) for r in queries.kecamatan_of(code)]
    if mitra is not None and request.method == "GET":
        form.fields.data, form.area_codes.data = list(mitra.field_list), mitra.area_list
        form.parent_id.data = str(mitra.parent_id or "")
    return form


@bp.route("/baru", methods=["GET", "POST"])
@bp.route("/<int:mitra_id>/ubah", methods=["GET", "POST"])
@requires("mitra.manage")
def edit(mitra_id: int | None = None):
    """Add a mitra, or change one (admin of its kabupaten)."""
    actor = current_actor()
    mitra = queries.get_mitra_or_404(actor, mitra_id) if mitra_id else None
    form = _form(mitra)
    if form.validate_on_submit():
        try:
            saved = services.save_mitra(actor, mitra, form.data_for_service())
        except Refused as error:
            apply_form_errors(form, error)
            return render("mitra/form.html", form=form, mitra=mitra, status=error.status)
        flash(f"Mitra {saved.short_name} tersimpan.")
        return redirect(url_for("mitra.show", mitra_id=saved.id))
    return render("mitra/form.html", form=form, mitra=mitra, status=form_status(form))


@bp.get("/<int:mitra_id>")
@requires("mitra.read")
def show(mitra_id: int):
    """One mitra: its lines at every tier below, totals by field, source and kecamatan, and realisation."""
    actor = current_actor()
    mitra = queries.get_mitra_or_404(actor, mitra_id)
    data = page_queries.page(actor, mitra, year_asked())
    return render("mitra/show.html", data=data, may_edit=can(actor, "mitra.manage", mitra),
                  may_realise=lambda line: can(actor, "plan.realise", line), approved=rules.is_approved,
                  may_update=lambda item: can(actor, "action.update", item))


@bp.get("/<int:mitra_id>.<any(pdf, xlsx):kind>")
@requires("mitra.read")
def download(mitra_id: int, kind: str):
    """The mitra page as PDF or Excel."""
    actor = current_actor()
    data = page_queries.page(actor, queries.get_mitra_or_404(actor, mitra_id), year_asked())
    name = f"mitra-{data.mitra.short_name.lower().replace(' ', '-')}-{data.year}"
    if kind == "xlsx":
        return exports.xlsx_response(data, name)
    return pdf.pdf_response(pdf.render_pdf("pdf/mitra.html", **exports.pdf_context(data)), f"{name}.pdf")
