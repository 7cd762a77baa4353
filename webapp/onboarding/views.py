"""/impor: the template, the upload, the preview and the result of a Posyandu import."""
from flask import Blueprint, current_app, flash, redirect, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from webapp.access import current_actor, load_in_scope, requires
from webapp.exports import download
from webapp.onboarding import services
from webapp.onboarding.forms import CommitForm, UploadForm
from webapp.onboarding.models import ImportBatch
from webapp.onboarding.reading import Problem
from webapp.onboarding.template import posyandu_template
from webapp.refusal import Refused
from webapp.rendering import render

bp = Blueprint("onboarding", __name__)
DEFAULT_MAX_BYTES = 2 * 1024 * 1024


def _limit() -> int:
    return current_app.config.get("IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def _size(limit: int) -> str:
    return f"{limit // 1024 // 1024} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def _page(problems=(), status: int = 200):
    actor = current_actor()
    return render("onboarding/index.html", form=UploadForm(formdata=None), problems=problems, limit=_size(_limit()),
                  kabupaten=services.import_kabupaten(actor), batches=services.recent(actor), status=status)


@bp.get("/impor")
@requires("posyandu.import")
def index():
    """The import page: template, upload and the latest imports of the kabupaten."""
    return _page()


@bp.get("/impor/templat-posyandu.xlsx")
@requires("posyandu.import")
def template():
    """The Posyandu template with an example row from the admin's own kabupaten."""
    kabupaten = services.import_kabupaten(current_actor())
    return download(posyandu_template(kabupaten), f"templat-posyandu-{kabupaten}.xlsx")


@bp.post("/impor/posyandu")
@requires("posyandu.import")
def upload():
    """Check the file and keep it for its preview (a file over the limit never reaches here: see below)."""
    form = UploadForm()
    upload_file = form.file.data if form.validate_on_submit() else None
    if not upload_file or not getattr(upload_file, "filename", ""):
        return _page([Problem(None, "", "Pilih berkas .xlsx atau .csv untuk diunggah.")], 422)
    batch, problems = services.preview(current_actor(), upload_file.read(_limit() + 1), upload_file.filename)
    if batch is None:
        return _page(problems, 422)
    return redirect(url_for("onboarding.batch", batch_id=batch.id))


@bp.url_value_preprocessor
def _limit_upload(endpoint, values):
    """Before any before-request hook (the CSRF check parses the form): the upload's own size limit, so a
    larger body is refused from its Content-Length before a byte of it is read."""
    if endpoint == "onboarding.upload":
        request.max_content_length = _limit()


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    return _page([Problem(None, "", f"Berkas lebih besar dari {_size(_limit())}; bagi menjadi beberapa berkas.")], 413)


@bp.get("/impor/<int:batch_id>")
@requires("posyandu.import")
def batch(batch_id: int):
    """The preview of a kept file (what will be created, updated, left as is), or the result once committed."""
    actor = current_actor()
    kept = load_in_scope(actor, ImportBatch, batch_id, "posyandu.import")
    plan = services.plan(actor, kept.rows) if kept.committed_at is None else None
    return render("onboarding/batch.html", batch=kept, plan=plan, form=CommitForm(), labels=services.HEADER)


@bp.post("/impor/<int:batch_id>/simpan")
@requires("posyandu.import")
def commit(batch_id: int):
    """Commit exactly the previewed rows (whatever else is posted), all or nothing."""
    actor = current_actor()
    kept = load_in_scope(actor, ImportBatch, batch_id, "posyandu.import")
    if not CommitForm().validate_on_submit():
        return redirect(url_for("onboarding.batch", batch_id=kept.id))
    try:
        services.commit(actor, kept)
    except Refused as refused:
        return render("onboarding/batch.html", batch=kept, plan=services.plan(actor, kept.rows), form=CommitForm(),
                      labels=services.HEADER, refusal=str(refused), status=refused.status)
    flash(f"Impor tersimpan: {kept.created_count} Posyandu baru, {kept.updated_count} diperbarui.")
    return redirect(url_for("onboarding.batch", batch_id=kept.id))
