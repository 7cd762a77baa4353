"""The body itself at /lembaga: kelembagaan figures of one's area, and per region its SK and members."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for

from webapp import pdf
from webapp.access import can, current_actor, require, requires
from webapp.forms import apply_form_errors, form_status
from webapp.lembaga import queries, services
from webapp.lembaga.figures import figures
from webapp.lembaga.forms import MemberForm, SkForm
from webapp.lembaga.models import Body
from webapp.refusal import Refused
from webapp.rendering import render

bp = Blueprint("lembaga", __name__, url_prefix="/lembaga")


@bp.get("")
@requires("lembaga.view")
def index():
    """Bodies formed with a valid SK per tier, the share of desa with a body, members per unsur."""
    actor = current_actor()
    areas = [(figures(r), queries.body_of(r.code), queries.body_name(r)) for r in queries.roots(actor)]
    return render("lembaga/index.html", areas=areas)


def _page(region, form=None, status: int = 200):
    actor = current_actor()
    body = queries.body_of(region.code)
    may_manage = can(actor, "lembaga.manage", body or Body(region_code=region.code))
    if form is None and may_manage:
        form = SkForm(obj=body)
    return render("lembaga/show.html", region=region, body=body, name=queries.body_name(region), form=form,
                  may_manage=may_manage, below=queries.bodies_below(actor, region), status=status)


@bp.get("/<code>")
@requires("lembaga.view")
def show(code: str):
    """One body: its SK, masa bakti, the scan, and its members with jabatan and unsur."""
    return _page(queries.region_or_404(current_actor(), code))


@bp.post("/<code>/sk")
@requires("lembaga.manage")
def save_sk(code: str):
    """Record the SK; a wrong scan or dates come back next to their field, nothing saved."""
    actor = current_actor()
    region = queries.region_or_404(actor, code)
    form = SkForm()
    if form.validate_on_submit():
        upload = form.scan.data
        scan = upload.read() if upload and getattr(upload, "filename", "") else None
        try:
            services.save_sk(actor, region, form.data_for_service(), scan, getattr(upload, "filename", ""))
        except Refused as error:
            apply_form_errors(form, error)
            return _page(region, form, error.status)
        flash("SK lembaga tersimpan.")
        return redirect(url_for("lembaga.show", code=code))
    return _page(region, form, form_status(form) if form.errors else 422)


@bp.get("/<code>/sk.pdf")
@requires("lembaga.view")
def scan(code: str):
    """The scanned SK as uploaded, as a download: an uploaded file is never opened inside the app."""
    body = queries.body_of(queries.region_or_404(current_actor(), code).code)
    data = queries.scan_of(body) if body else None
    if not data:
        abort(404)
    return pdf.pdf_response(data, f"sk-{code}.pdf", attachment=True)


@bp.route("/<code>/anggota/baru", methods=["GET", "POST"])
@bp.route("/<code>/anggota/<int:member_id>", methods=["GET", "POST"])
@requires("lembaga.manage")
def member(code: str, member_id: int | None = None):
    """Add or change a member (account or not); bad input comes back next to its field."""
    actor = current_actor()
    region = queries.region_or_404(actor, code)
    require(actor, "lembaga.manage", Body(region_code=region.code))  # the GET too, as saving would be
    item = queries.get_member_or_404(actor, member_id, region.code) if member_id else None
    form = MemberForm(obj=item)
    form.mitra_id.choices, form.user_id.choices = queries.unsur_choices(code), queries.account_choices(code)
    if form.validate_on_submit():
        try:
            services.save_member(actor, region, item, form.data_for_service())
        except Refused as error:
            apply_form_errors(form, error)
            return render("lembaga/member.html", form=form, region=region, item=item, status=error.status)
        flash("Anggota tersimpan.")
        return redirect(url_for("lembaga.show", code=code) + "#anggota")
    return render("lembaga/member.html", form=form, region=region, item=item, status=form_status(form))


@bp.post("/<code>/anggota/<int:member_id>/hapus")
@requires("lembaga.manage")
def member_delete(code: str, member_id: int):
    """Remove a member from the body."""
    actor = current_actor()
    region = queries.region_or_404(actor, code)
    services.delete_member(actor, queries.get_member_or_404(actor, member_id, region.code))
    flash("Anggota dihapus.")
    return redirect(url_for("lembaga.show", code=code) + "#anggota")
