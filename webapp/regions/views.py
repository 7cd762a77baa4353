"""Browse one's own subtree, keep the Posyandu registry, and the kabupaten settings."""
from flask import Blueprint, abort, current_app, flash, redirect, request, url_for

from webapp.access import can, current_actor, requires
from webapp.forms import apply_form_errors, form_status
from webapp.refusal import Refused
from webapp.regions import queries, services
from webapp.regions.forms import LetterheadForm, PosyanduForm, SettingsForm
from webapp.regions.letterhead import kop_for
from webapp.rendering import render

bp = Blueprint("regions", __name__)


@bp.get("/wilayah")
@bp.get("/wilayah/<code>")
@requires("region.view")
def browse(code: str | None = None):
    """One region of the actor's subtree with its children (the tops of the subtree by default)."""
    actor = current_actor()
    if code is None:
        return render("regions/browse.html", region=None, children=queries.root_regions(actor), posyandu=[])
    region = queries.get_region_or_404(actor, code)
    return render("regions/browse.html", region=region, children=queries.children(actor, region),
                  posyandu=queries.posyandu_in_scope(actor, region_code=region.code),
                  may_edit_kop=region.level in ("kecamatan", "desa") and actor.covers("settings.manage", region.code))


@bp.get("/posyandu")
@requires("posyandu.view")
def posyandu_list():
    """The Posyandu registry of the actor's area."""
    actor = current_actor()
    return render("regions/posyandu_list.html", items=queries.posyandu_in_scope(actor),
                  may_add=actor.has("posyandu.manage"))


def _posyandu_form(obj=None) -> PosyanduForm:
    form = PosyanduForm(obj=obj)
    form.region_code.choices = [("", "— pilih —")] + [
        (r.code, r.full_label) for r in queries.desa_in_scope(current_actor(), "posyandu.manage")
    ]
    return form


def _save_posyandu(posyandu, form: PosyanduForm):
    version = int(form.version.data) if (form.version.data or "").isdigit() else None
    try:
        saved = services.save_posyandu(current_actor(), posyandu, form.data_for_service(), version)
    except Refused as error:
        apply_form_errors(form, error)
        return None
    flash(f"Posyandu {saved.name} tersimpan.")
    return redirect(url_for("regions.posyandu_detail", posyandu_id=saved.id))


@bp.route("/posyandu/baru", methods=["GET", "POST"])
@requires("posyandu.manage")
def posyandu_new():
    """Register a Posyandu in one of the actor's desa."""
    form = _posyandu_form()
    if form.validate_on_submit() and (answer := _save_posyandu(None, form)):
        return answer
    return render("regions/posyandu_form.html", form=form, posyandu=None,
                  status=form_status(form))


@bp.route("/posyandu/<int:posyandu_id>", methods=["GET", "POST"])
@requires("posyandu.view")
def posyandu_detail(posyandu_id: int):
    """A Posyandu's record; editable by those who manage its desa."""
    actor = current_actor()
    posyandu = queries.get_posyandu_or_404(actor, posyandu_id)
    editable = can(actor, "posyandu.manage", posyandu)
    if request.method == "POST" and not editable:
        abort(403)
    form = _posyandu_form(obj=posyandu)
    if request.method == "GET":
        form.version.data = posyandu.version
    if editable and form.validate_on_submit() and (answer := _save_posyandu(posyandu, form)):
        return answer
    return render("regions/posyandu_form.html", form=form, posyandu=posyandu, editable=editable,
                  status=form_status(form))


@bp.route("/pengaturan", methods=["GET", "POST"])
@bp.route("/pengaturan/<code>", methods=["GET", "POST"])
@requires("settings.manage")
def settings(code: str | None = None):
    """Kabupaten settings for its admin: body name, paper, letterhead, logo, report due day."""
    actor = current_actor()
    options = queries.administered_kabupaten(actor)
    setting = next((s for s in options if s.region_code == code), None) if code else (options or [None])[0]
    if setting is None:
        abort(404)
    form = SettingsForm(obj=setting)
    if form.validate_on_submit():
        upload = form.logo.data
        logo = upload.read() if upload and getattr(upload, "filename", "") else None
        try:
            services.update_settings(actor, setting, form.data, logo, bool(form.remove_logo.data))
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Pengaturan tersimpan.")
            return redirect(url_for("regions.settings", code=setting.region_code))
    return render("regions/settings.html", form=form, setting=setting, options=options,
                  status=form_status(form))


@bp.get("/pengaturan/<code>/logo")
@requires("region.view")
def logo(code: str):
    """The letterhead logo of a kabupaten in the actor's area."""
    actor = current_actor()
    region = queries.get_region_or_404(actor, code)
    setting = queries.setting_for(region.code)
    if not setting.logo:
        abort(404)
    response = current_app.response_class(setting.logo, mimetype=setting.logo_mime)
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


@bp.route("/wilayah/<code>/kop", methods=["GET", "POST"])
@requires("settings.manage")
def letterhead(code: str):
    """A kecamatan's or desa's own kop, body name and place of signing (the kabupaten admin keeps them)."""
    actor = current_actor()
    region = queries.get_region_or_404(actor, code, "settings.manage")
    if region.level not in ("kecamatan", "desa"):
        abort(404)  # the kabupaten's kop is kept in its settings
    form = LetterheadForm(obj=queries.own_letterhead(region))
    if form.validate_on_submit():
        try:
            services.save_letterhead(actor, region, form.data)
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Kop surat tersimpan.")
            return redirect(url_for("regions.letterhead", code=region.code))
    return render("regions/letterhead.html", form=form, region=region, kop=kop_for(region), status=form_status(form))
