"""The public verification page a printed document's QR code opens: no sign-in, no personal data
beyond what the printed page itself shows."""
from flask import Blueprint, request
from flask_login import current_user

from webapp.access import public
from webapp.documents import printing, resets, services
from webapp.rendering import render

bp = Blueprint("documents", __name__)


@bp.get("/verifikasi/<code>")
@public
def verify(code: str):
    """Name the document, its version, signers and dates and the SHA-256 of its frozen content."""
    actor_id = current_user.id if current_user.is_authenticated else None
    document, newer = services.check(code, request.remote_addr or "", actor_id)
    response = render("documents/verify.html", **printing.verification_context(document, newer),
                      reset_notes=resets.notes(document))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
