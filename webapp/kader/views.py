"""The roster of a Posyandu (pengurus and kader) and each kader's skills passport."""
from flask import Blueprint, abort, flash, redirect, url_for

from webapp.access import can, current_actor, requires
from webapp.forms import apply_form_errors, form_status
from webapp.kader import queries, services
from webapp.kader.forms import KaderForm, SkillsForm, TrainingForm
from webapp.kader.skills import GROUPS, missing_for_next
from webapp.refusal import Refused
from webapp.regions.queries import get_posyandu_or_404
from webapp.rendering import render

bp = Blueprint("kader", __name__)


def _kader_form(posyandu, obj=None) -> KaderForm:
    form = KaderForm(obj=obj)
    form.user_id.choices += [(str(u.id), f"{u.full_name} ({u.username})") for u in queries.kader_accounts(posyandu)]
    if obj is not None and form.user_id.data is None:
        form.user_id.data = str(obj.user_id or "")
    return form


def _save(form: KaderForm, posyandu, kader):
    try:
        saved = services.save_kader(current_actor(), posyandu, kader, form.data_for_service())
    except Refused as error:
        apply_form_errors(form, error)
        return None
    flash(f"{saved.name} tersimpan di daftar kader.")
    return redirect(url_for("kader.roster", posyandu_id=posyandu.id))


@bp.route("/posyandu/<int:posyandu_id>/kader", methods=["GET", "POST"])
@requires("kader.view")
def roster(posyandu_id: int):
    """Pengurus and kader of one Posyandu; pokja desa and up add to it."""
    actor = current_actor()
    posyandu = get_posyandu_or_404(actor, posyandu_id)
    may_manage = can(actor, "kader.manage", posyandu)
    form = _kader_form(posyandu)
    if form.is_submitted() and not may_manage:
        abort(403)
    if form.validate_on_submit() and (answer := _save(form, posyandu, None)):
        return answer
    return render("kader/roster.html", posyandu=posyandu, rows=queries.roster(posyandu), form=form,
                  may_manage=may_manage, status=form_status(form))


def _passport(kader, status: int = 200, **forms):
    actor = current_actor()
    forms.setdefault("form", _kader_form(kader.posyandu, kader))
    forms.setdefault("skills_form", SkillsForm(codes=sorted(kader.skill_codes)))
    forms.setdefault("training_form", TrainingForm())
    return render("kader/passport.html", kader=kader, groups=GROUPS, next_level=missing_for_next(kader.skill_codes),
                  bimtek=queries.bimtek_attended(kader), may_manage=can(actor, "kader.manage", kader),
                  may_mark=can(actor, "skill.mark", kader), status=status, **forms)


@bp.route("/kader/<int:kader_id>", methods=["GET", "POST"])
@requires("kader.view")
def passport(kader_id: int):
    """A kader's record and skills passport; the row is edited here by pokja desa and up."""
    actor = current_actor()
    kader = queries.get_kader_or_404(actor, kader_id)
    form = _kader_form(kader.posyandu, kader)
    if form.is_submitted() and not can(actor, "kader.manage", kader):
        abort(403)
    if form.validate_on_submit() and (answer := _save(form, kader.posyandu, kader)):
        return answer
    return _passport(kader, form_status(form), form=form)


@bp.post("/kader/<int:kader_id>/keterampilan")
@requires("kader.view")
def mark(kader_id: int):
    """A trainer ticks the skills the kader has shown; the level follows."""
    actor = current_actor()
    kader = queries.get_kader_or_404(actor, kader_id)
    form = SkillsForm()
    form.validate_on_submit()
    try:
        added = services.mark_skills(actor, kader, form.codes.data or [], form.marked_on.data)
    except Refused as error:
        apply_form_errors(form, error)
        return _passport(kader, error.status, skills_form=form)
    flash(f"Keterampilan tersimpan ({len(added)} baru). Tingkat: {kader.level}.")
    return redirect(url_for("kader.passport", kader_id=kader.id))


@bp.post("/kader/<int:kader_id>/pelatihan")
@requires("kader.manage")
def add_training(kader_id: int):
    """A training attended outside the app's bimtek meetings."""
    actor = current_actor()
    kader = queries.get_kader_or_404(actor, kader_id, rule="kader.manage")
    form = TrainingForm()
    if form.validate_on_submit():
        try:
            services.add_training(actor, kader, form.data_for_service())
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Pelatihan tersimpan.")
            return redirect(url_for("kader.passport", kader_id=kader.id))
    return _passport(kader, 422, training_form=form)


@bp.get("/kader/saya")
@requires("kader.view")
def mine():
    """The signed-in kader's own passport."""
    kader = queries.own_kader(current_actor())
    if kader is None:
        abort(404)
    return redirect(url_for("kader.passport", kader_id=kader.id))
