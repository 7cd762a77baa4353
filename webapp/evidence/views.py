"""The agenda pack at /rapat/<id>/bahan: signals from the area's data, one tap to put one on the agenda,
and the "Bahan Rapat" PDF."""
from flask import Blueprint, flash, redirect, request, url_for

from webapp import pdf
from webapp.access import current_actor, requires
from webapp.evidence import pack as packs
from webapp.evidence import pages, services
from webapp.meetings.queries import get_meeting_or_404
from webapp.refusal import Refused
from webapp.rendering import render

bp = Blueprint("evidence", __name__, url_prefix="/rapat")


@bp.get("/<int:meeting_id>/bahan")
@requires("meeting.view")
def pack(meeting_id: int):
    """The pack: what the area's data says since the body's last meeting, and what is on the agenda."""
    actor = current_actor()
    meeting = get_meeting_or_404(actor, meeting_id)
    return render("evidence/pack.html", **pages.context(actor, packs.build(meeting)))


@bp.post("/<int:meeting_id>/bahan/pilih")
@requires("meeting.manage")
def pick(meeting_id: int):
    """Put one signal on the agenda, its figures frozen as of the meeting's day."""
    actor = current_actor()
    meeting = get_meeting_or_404(actor, meeting_id)
    try:
        picked, new = services.pick(actor, meeting, request.form.get("signal_id", ""))
    except Refused as error:
        context = pages.context(actor, packs.build(meeting))
        return render("evidence/pack.html", status=error.status, notice=str(error), **context)
    flash("Sinyal masuk agenda dengan angka per hari rapat." if new else "Sinyal ini sudah ada di agenda.")
    return redirect(url_for("evidence.pack", meeting_id=meeting.id) + f"#agenda-{picked.agenda_item_id}")


@bp.get("/<int:meeting_id>/bahan.pdf")
@requires("meeting.view")
def pack_pdf(meeting_id: int):
    """"Bahan Rapat" on the kabupaten's paper: the figures, a small chart per signal, open follow-ups."""
    actor = current_actor()
    meeting = get_meeting_or_404(actor, meeting_id)
    data = pdf.render_pdf("pdf/agenda_pack.html", **pages.context(actor, packs.build(meeting)))
    return pdf.pdf_response(data, f"bahan-rapat-{meeting.id}.pdf")
