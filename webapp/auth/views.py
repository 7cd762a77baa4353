"""Sign in and out, one's own password, and the accounts one tier down."""
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, request, session, url_for
from flask_login import current_user

from webapp.access import current_actor, public, requires
from webapp.auth import queries, resets, rules, services
from webapp.auth.forms import (
    AccountForm, AuditFilterForm, ChangePasswordForm, LoginForm, PrintedIdentityForm, ResetWithCodeForm,
)
from webapp.auth.models import Role
from webapp.auth.sessions import client_address, end_session, start_session
from webapp.exports import Column, Export, Sheet, answer
from webapp.forms import apply_form_errors, form_status
from webapp.mitra import queries as mitra_queries
from webapp.regions import queries as region_queries
from webapp.regions.queries import setting_for
from webapp.refusal import Refused
from webapp.rendering import render
from webapp.inputs import posted_id

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow a local path after sign-in."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("home.index")


@bp.route("/masuk", methods=["GET", "POST"])
@public
def login():
    """Sign in with a username or phone number."""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("home.index"))
    form = LoginForm(next=request.args.get("next", ""))
    ended = resets.ended_notice(session.pop("ended_by_reset", None))
    if form.validate_on_submit():
        try:
            user, notice = services.authenticate(form.login.data, form.password.data, client_address())
        except Refused as error:
            form.form_errors.append(str(error))
        else:
            start_session(user)
            if notice:
                flash(notice)
            return redirect(_safe_next(form.next.data))
    return render("auth/login.html", form=form, ended=ended, status=form_status(form))


@bp.route("/keluar", methods=["GET", "POST"])
def logout():
    """Sign out ends every session of this account (GET asks to confirm)."""
    if request.method == "POST":
        services.record_logout(current_actor().user, client_address())
        end_session()
        flash("Anda sudah keluar.")
        return redirect(url_for("auth.login"))
    return render("auth/logout.html")


@bp.route("/akun", methods=["GET", "POST"])
def account():
    """Change one's own password; every other session ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_actor().user
        try:
            services.change_password(user, form.current_password.data, form.new_password.data, client_address())
        except Refused as error:
            apply_form_errors(form, error)
        else:
            start_session(user)
            flash("Kata sandi sudah diganti. Sesi lain sudah diakhiri.")
            return redirect(url_for("auth.account"))
    return render("auth/account.html", form=form, actor=current_actor(),
                  status=form_status(form))


@bp.route("/reset", methods=["GET", "POST"])
@public
def reset():
    """Set a new password with the one-time code given by one's manager."""
    form = ResetWithCodeForm()
    if form.validate_on_submit():
        try:
            services.reset_with_code(form.login.data, form.code.data, form.new_password.data, client_address())
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Kata sandi baru sudah disimpan. Silakan masuk.")
            return redirect(url_for("auth.login"))
    return render("auth/reset.html", form=form, status=form_status(form))


def _account_form() -> AccountForm:
    form = AccountForm()
    actor = current_actor()
    form.region_code.choices = [("", "— pilih —")] + [
        (r.code, r.full_label) for r in queries.manageable_regions(actor)
    ]
    form.posyandu_id.choices = [("", "— bukan kader —")] + [
        (str(p.id), f"{p.name} ({p.region.label})") for p in region_queries.posyandu_in_scope(actor, "user.manage")
    ]
    form.mitra_id.choices = [("", "— bukan mitra —")] + [
        (str(m.id), f"{m.short_name} — {m.name}") for m in mitra_queries.registry_list(actor)
    ]
    return form


@bp.route("/pengguna", methods=["GET", "POST"])
@requires("user.manage")
def users():
    """Accounts one tier down: list and create."""
    actor = current_actor()
    form = _account_form()
    if form.validate_on_submit():
        try:
            user = services.create_account(
                actor, username=form.username.data, full_name=form.full_name.data, phone=form.phone.data or "",
                jabatan=form.jabatan.data or "", nip=form.nip.data or "", password=form.password.data,
                sex=form.sex.data or "", is_asn=bool(form.is_asn.data),
                role=Role(form.role.data), region_code=form.region_code.data,
                posyandu_id=posted_id(form.posyandu_id.data),
                mitra_id=posted_id(form.mitra_id.data),
                address=client_address(),
            )
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash(f"Akun {user.username} sudah dibuat.")
            return redirect(url_for("auth.users"))
    return render("auth/users.html", form=form, users=queries.users_in_scope(actor), manages=lambda u: rules.manages(actor, u),
                  pending_resets=resets.confirmable(actor), timezone=setting_for(actor.primary_grant.region_code).timezone,
                  status=form_status(form))


@bp.route("/pengguna/<int:user_id>/ubah", methods=["GET", "POST"])
@requires("user.manage")
def edit_account(user_id: int):
    """Jabatan, L/P and ASN with NIP of an account one manages: what documents print under the name."""
    actor = current_actor()
    user = queries.get_user_in_scope_or_404(actor, user_id)
    if not rules.manages(actor, user):
        abort(403)
    form = PrintedIdentityForm(obj=user)
    if form.validate_on_submit():
        try:
            services.update_printed_identity(actor, user, jabatan=form.jabatan.data or "", sex=form.sex.data or "",
                                             nip=form.nip.data or "", is_asn=bool(form.is_asn.data),
                                             address=client_address())
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash(f"Data akun {user.username} tersimpan.")
            return redirect(url_for("auth.users"))
    return render("auth/account_edit.html", form=form, user=user, status=form_status(form))


def _on_account(user_id: int, act):
    """Run `act(actor, user)` on an account within reach (404 otherwise); a refusal answers a 403 page."""
    actor = current_actor()
    user = queries.get_user_in_scope_or_404(actor, user_id)
    try:
        return act(actor, user)
    except Refused as error:
        return render("errors/error.html", status=403, title="Tidak berwenang", message=str(error), code=403)


@bp.post("/pengguna/<int:user_id>/kode-reset")
@requires("user.manage")
def issue_reset_code(user_id: int):
    """Issue a one-time reset code, shown once on the answer page."""
    def act(actor, user):
        code = services.issue_reset_code(actor, user, client_address())
        return render("auth/reset_code.html", user=user, code=code)
    return _on_account(user_id, act)


@bp.post("/pengguna/<int:user_id>/konfirmasi-reset")
@requires("user.manage")
def confirm_reset(user_id: int):
    """A second person confirms a manager-issued password reset: the account may approve and sign again."""
    def act(actor, user):
        resets.confirm(actor, user, client_address())
        flash(f"Atur ulang kata sandi {user.full_name} sudah dikonfirmasi; akun ini bisa menyetujui dan "
              "menandatangani lagi.")
        return redirect(url_for("auth.users"))
    return _on_account(user_id, act)


@bp.post("/pengguna/<int:user_id>/status")
@requires("user.manage")
def toggle_enabled(user_id: int):
    """Disable (ending its sessions) or re-enable an account."""
    def act(actor, user):
        services.set_enabled(actor, user, request.form.get("enabled") == "1", client_address())
        flash(f"Akun {user.username} {'diaktifkan' if user.is_enabled else 'dinonaktifkan'}.")
        return redirect(url_for("auth.users"))
    return _on_account(user_id, act)


AUDIT_EXPORT_ROWS = 10_000


def _audit_rows(limit: int):
    """The filter form (from the query string) and the rows it selects; no rows when it is invalid."""
    actor = current_actor()
    form = AuditFilterForm(request.args)
    timezone = setting_for(actor.region_codes("audit.view")[0]).timezone
    if not form.validate():
        return form, [], timezone
    rows = queries.audit_events(actor, timezone, form.pengguna.data or "", form.objek.data or "", form.dari.data,
                                form.sampai.data, limit)
    return form, rows, timezone


@bp.get("/audit")
@requires("audit.view")
def audit_log():
    """Who changed what: the latest 200 audit rows of the kabupaten, filtered by user, object and dates."""
    form, rows, timezone = _audit_rows(200)
    return render("auth/audit.html", form=form, rows=rows, timezone=timezone, status=form_status(form))


@bp.get("/audit.xlsx")
@requires("audit.view")
def audit_export():
    """The same filtered rows (up to 10,000) as Excel."""
    form, rows, timezone = _audit_rows(AUDIT_EXPORT_ROWS)
    if form.errors:
        return render("auth/audit.html", form=form, rows=[], timezone=timezone, status=422)
    columns = [Column("Waktu", "datetime", width=22), Column("Pengguna", width=18), Column("Nama"), Column("Aksi", width=22),
               Column("Objek"), Column("Rincian", width=60), Column("Alamat", width=16)]
    lines = [[r.at, r.actor.username if r.actor else None, r.actor.full_name if r.actor else None,
              r.action, r.subject or None, r.detail or None, r.address or None] for r in rows]
    export = Export("Jejak audit", "Sesuai saringan halaman jejak audit", "", timezone, [Sheet("Audit", columns, lines)])
    return answer(export, "jejak-audit", "xlsx")
