"""Posyandu equipment (sarpras): the kit list of one Posyandu, and the gaps across one's area."""
from flask import Blueprint, abort, flash, redirect, url_for

from webapp.access import can, current_actor, requires
from webapp.forms import apply_form_errors, form_status
from webapp.clock import utcnow
from webapp.pembinaan import funding, queries, services
from webapp.pembinaan.forms import equipment_form
from webapp.kit import gaps, has_growth_kit, kit_complete
from webapp.refusal import Refused
from webapp.regions.queries import get_posyandu_or_404
from webapp.rendering import render

bp = Blueprint("pembinaan", __name__)


@bp.route("/posyandu/<int:posyandu_id>/sarpras", methods=["GET", "POST"])
@requires("posyandu.view")
def equipment(posyandu_id: int):
    """The ILP kit: present or not, condition, last checked; pokja desa and up keep it."""
    actor = current_actor()
    posyandu = get_posyandu_or_404(actor, posyandu_id)
    editable, rows = can(actor, "sarpras.manage", posyandu), queries.equipment_of(posyandu)
    form = equipment_form(rows)
    if form.is_submitted() and not editable:
        abort(403)
    if form.validate_on_submit():
        try:
            good = services.save_equipment(actor, posyandu, form.entries())
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash(f"Daftar sarpras tersimpan: {good} alat ada dan baik.")
            return redirect(url_for("pembinaan.equipment", posyandu_id=posyandu.id))
    return render("pembinaan/equipment.html", posyandu=posyandu, form=form, editable=editable, gaps=gaps(rows),
                  growth=has_growth_kit(rows), complete=kit_complete(rows), status=form_status(form))


@bp.get("/sarpras")
@requires("posyandu.view")
def gap_list():
    """Posyandu of the actor's area whose kit is incomplete: each missing item with the plan line funding it."""
    actor = current_actor()
    items = queries.posyandu_in_area(actor)
    kits = queries.equipment_by_posyandu([p.id for p in items])
    lines = funding.funding_lines(actor, utcnow().year)
    rows = [(p, funding.gaps_with_funding(p, kits.get(p.id, {}), lines)) for p in items]
    return render("pembinaan/gaps.html", rows=[(p, g) for p, g in rows if g], total=len(rows),
                  shows_funding=actor.has("plan.view"))
