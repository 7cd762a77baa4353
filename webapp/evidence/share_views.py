"""Share links to a meeting's PDFs: make one (7 days) and revoke it from the agenda pack; open one with or
without an account (most guests have none)."""
from flask import Blueprint, flash, redirect, request, url_for

from webapp import pdf
from webapp.access import current_actor, public, requires
from webapp.evidence import pack as packs
from webapp.evidence import pages, sharing
from webapp.meetings import signed
from webapp.meetings.queries import get_meeting_or_404
from webapp.refusal import Refused
from webapp.rendering import render

bp = Blueprint("sharing", __name__, url_prefix="/rapat")


@bp.post("/<int:meeting_id>/bagikan")
@requires("meeting.manage")
def create(meeting_id: int):
    """A new 7-day link; the page shows it once, with its WhatsApp message."""
    actor = current_actor()
    meeting = get_meeting_or_404(actor, meeting_id)
    kind = request.form.get("kind", "")
    context = pages.context(actor, packs.build(meeting))
    try:
        _, token = sharing.create(actor, meeting, kind)
    except Refused as error:
        return render("evidence/pack.html", status=error.status, notice=str(error), **context)
    context.update(pages.share_context(actor, meeting))
    return render("evidence/pack.html", new_link=pages.new_link(meeting, kind, token), **context)


@bp.post("/<int:meeting_id>/bagikan/<int:link_id>/cabut")
@requires("meeting.manage")
def revoke(meeting_id: int, link_id: int):
    """Revoke a link: from now on it answers like a link that never existed."""
    actor = current_actor()
    flash(sharing.revoke(actor, get_meeting_or_404(actor, meeting_id), link_id).message)
    return redirect(url_for("evidence.pack", meeting_id=meeting_id) + "#tautan")


@bp.get("/<int:meeting_id>/berbagi/<any(bahan, notulen):kind>/<token>")
@public
def open_link(meeting_id: int, kind: str, token: str):
    """The PDF behind a live link for whoever holds it, signed in or not: the same document for every holder,
    printed as its maker sees it."""
    link = sharing.resolve(meeting_id, kind, token)
    actor, meeting = sharing.maker(link), link.meeting
    if kind == "notulen":
        data = pdf.render_pdf(signed.template_for(meeting), **signed.pdf_context(actor, meeting))
    else:
        data = pdf.render_pdf("pdf/agenda_pack.html", **pages.context(actor, packs.build(meeting)))
    response = pdf.pdf_response(data, f"{kind}-rapat-{meeting.id}.pdf")
    response.headers["X-Robots-Tag"] = "noindex"  # opened by anyone with the address: never listed
    return response
