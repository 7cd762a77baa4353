"""Coordination meetings at /rapat: schedule, invite, attendance and check-in, minutes, follow-up, PDF."""
from flask import Blueprint, current_app, flash, redirect, request, url_for

from webapp import pdf
from webapp.access import current_actor, requires
from webapp.exports import answer
from webapp.forms import apply_form_errors, form_status
from webapp.meetings import exports, invitation, pages, queries, services, signed
from webapp.meetings.activity_views import bp as activity_bp
from webapp.meetings.minutes_views import bp as minutes_bp
from webapp.meetings.forms import ActionUpdateForm, CheckInForm, GuestForm
from webapp.refusal import Refused
from webapp.rendering import is_targeted_htmx, render

bp = Blueprint("meetings", __name__, url_prefix="/rapat")
bp.register_blueprint(minutes_bp)  # endpoints meetings.minutes.*: the minutes editor and follow-up
bp.register_blueprint(activity_bp)  # endpoints meetings.activity.*: laporan kegiatan of bimtek, advokasi, sosialisasi


@bp.get("")
@requires("meeting.view")
def index():
    """The meetings the actor's area holds or is invited to, newest first."""
    actor = current_actor()
    return render("meetings/index.html", rows=pages.labelled(queries.meetings_for(actor)),
                  may_create=bool(queries.managed_bodies(actor)))


@bp.route("/baru", methods=["GET", "POST"])
@requires("meeting.manage")
def new():
    """Schedule a meeting of a body the actor runs (times in the kabupaten's zone)."""
    actor = current_actor()
    form = pages.meeting_form(actor)
    if form.validate_on_submit():
        try:
            meeting = services.create_meeting(actor, form.data_for_service())
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Rapat terjadwal. Undang peserta di bawah ini.")
            return redirect(url_for("meetings.participants", meeting_id=meeting.id))
    return render("meetings/new.html", form=form, status=form_status(form))


@bp.get("/<int:meeting_id>")
@requires("meeting.view")
def show(meeting_id: int):
    """The meeting's header, agenda and the links for each role."""
    actor = current_actor()
    meeting = queries.get_meeting_or_404(actor, meeting_id)
    return render("meetings/show.html", **pages.meeting_context(actor, meeting))


@bp.route("/<int:meeting_id>/peserta", methods=["GET", "POST"])
@requires("meeting.manage")
def participants(meeting_id: int):
    """Invite bodies and accounts; the attendance list with hadir / izin / tidak hadir per person."""
    actor = current_actor()
    meeting = pages.managed_meeting(actor, meeting_id)
    form = pages.invite_form(meeting)
    if form.validate_on_submit():
        try:
            added = services.invite(actor, meeting, form.bodies.data or [], form.users.data or [],
                                    form.members.data or [])
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash(f"{added} peserta diundang.")
            return redirect(url_for("meetings.participants", meeting_id=meeting.id))
    return pages.participants_page(actor, meeting, invite=form)


@bp.post("/<int:meeting_id>/tamu")
@requires("meeting.manage")
def add_guest(meeting_id: int):
    """A guest without an account; `datang=1` adds a walk-in already present."""
    actor = current_actor()
    meeting = pages.managed_meeting(actor, meeting_id)
    form = GuestForm()
    walk_in = request.form.get("datang") == "1"
    if form.validate_on_submit():
        try:
            guest = services.add_guest(actor, meeting, form.data, walk_in=walk_in)
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash(f"{guest.name} ditambahkan{' dan tercatat hadir' if walk_in else ''}.")
            return redirect(url_for("meetings.participants", meeting_id=meeting.id) + "#kehadiran")
    return pages.participants_page(actor, meeting, guest=form)


@bp.post("/<int:meeting_id>/peserta/<int:participant_id>/kehadiran")
@requires("meeting.manage")
def mark(meeting_id: int, participant_id: int):
    """Mark one participant; htmx swaps only the attendance list."""
    actor = current_actor()
    meeting = pages.managed_meeting(actor, meeting_id)
    participant = queries.get_participant_or_404(meeting, participant_id)
    problem = None
    try:
        services.mark_attendance(actor, meeting, participant, request.form.get("attendance", ""))
    except Refused as error:
        problem = str(error)
    if not is_targeted_htmx():
        if problem:
            flash(problem)
        return redirect(url_for("meetings.participants", meeting_id=meeting.id) + f"#peserta-{participant.id}")
    return pages.participants_page(actor, meeting, block="attendance", attendance_error=problem)


@bp.post("/<int:meeting_id>/peserta/<int:participant_id>/hapus")
@requires("meeting.manage")
def remove(meeting_id: int, participant_id: int):
    """Take a participant off the list (not the chair or the note-taker)."""
    actor = current_actor()
    meeting = pages.managed_meeting(actor, meeting_id)
    participant = queries.get_participant_or_404(meeting, participant_id)
    try:
        services.remove_participant(actor, meeting, participant)
    except Refused as error:
        flash(str(error))
    return redirect(url_for("meetings.participants", meeting_id=meeting.id) + "#kehadiran")


@bp.get("/<int:meeting_id>/qr")
@requires("meeting.manage")
def qr(meeting_id: int):
    """The check-in QR and code, large, to show on the note-taker's phone."""
    meeting = pages.managed_meeting(current_actor(), meeting_id)
    return render("meetings/qr.html", meeting=meeting,
                  checkin_url=url_for("meetings.check_in", kode=meeting.checkin_code, _external=True))


@bp.get("/<int:meeting_id>/qr.svg")
@requires("meeting.manage")
def qr_svg(meeting_id: int):
    """The QR as an SVG made on the server; it encodes the check-in address with the code."""
    meeting = pages.managed_meeting(current_actor(), meeting_id)
    url = url_for("meetings.check_in", kode=meeting.checkin_code, _external=True)
    answer = current_app.response_class(pages.qr_svg(url), mimetype="image/svg+xml")
    answer.headers["Cache-Control"] = "private, max-age=300"
    return answer


@bp.route("/hadir", methods=["GET", "POST"])
@requires("meeting.view")
def check_in():
    """Self check-in: scan the QR (the code comes in the address) or type the code."""
    actor = current_actor()
    form = CheckInForm(code=request.args.get("kode", ""))
    if form.validate_on_submit():
        try:
            meeting = services.check_in(actor, form.code.data)
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash(f"Terima kasih, kehadiran Anda di \"{meeting.title}\" tercatat.")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return render("meetings/check_in.html", form=form, status=form_status(form))


@bp.get("/<int:meeting_id>/notulen.pdf")
@requires("meeting.view")
def minutes_pdf(meeting_id: int):
    """The minutes in the official layout, with the attendance list; "DRAF" until final."""
    actor = current_actor()
    meeting = queries.get_meeting_or_404(actor, meeting_id, rule="minutes.read", refused=404)
    data = pdf.render_pdf(signed.template_for(meeting), **signed.pdf_context(actor, meeting))
    return pdf.pdf_response(data, f"notulen-rapat-{meeting.id}.pdf")


@bp.get("/<int:meeting_id>/undangan.pdf")
@requires("meeting.view")
def invitation_pdf(meeting_id: int):
    """The invitation letter: as issued (nomor, QR), or a "DRAF" without a number before it is issued."""
    meeting = queries.get_meeting_or_404(current_actor(), meeting_id)
    data = pdf.render_pdf("pdf/invitation.html", **invitation.pdf_context(meeting))
    return pdf.pdf_response(data, f"undangan-rapat-{meeting.id}.pdf")


INVITATION_STEPS = {"ajukan": "submit", "setujui": "approve", "kembalikan": "return", "ubah": "reopen"}


@bp.post("/<int:meeting_id>/undangan/<any(ajukan, setujui, kembalikan, ubah):step>")
@requires("meeting.view")
def invitation_step(meeting_id: int, step: str):
    """The undangan's flow: the secretariat submits it, its signer approves (issues: nomor and QR) or returns
    it, and an issued letter is reopened to change it. Whose turn it is, the flow says."""
    actor = current_actor()
    meeting = queries.get_meeting_or_404(actor, meeting_id)
    try:
        taken = invitation.advance(actor, meeting, INVITATION_STEPS[step], request.form.get("note", ""))
    except Refused as error:
        return render("meetings/show.html", status=error.status, notice=str(error),
                      note=request.form.get("note", ""), **pages.meeting_context(actor, meeting))
    number = invitation.issued(meeting).number if taken.changed and taken.step.name == "approve" else ""
    flash(f"Undangan diterbitkan dengan nomor {number}." if number else taken.message)
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


@bp.get("/<int:meeting_id>/<any('daftar-hadir', 'tindak-lanjut'):table>.xlsx")
@requires("meeting.view")
def table_xlsx(meeting_id: int, table: str):
    """The attendance list or the action items as Excel, from what the minutes print."""
    actor = current_actor()
    meeting = queries.get_meeting_or_404(actor, meeting_id, rule="minutes.read", refused=404)
    doc, _ = signed.printed(actor, meeting)
    make = exports.attendance_export if table == "daftar-hadir" else exports.actions_export
    return answer(make(meeting, doc), f"{table}-rapat-{meeting.id}", "xlsx")


@bp.route("/tindak-lanjut/<int:action_id>", methods=["GET", "POST"])
@requires("action.update")
def action(action_id: int):
    """Those responsible report status and progress of an action item (on a phone)."""
    actor = current_actor()
    item = queries.get_action_or_404(actor, action_id, rule="action.update")
    form = ActionUpdateForm(status=item.status)
    if form.validate_on_submit():
        try:
            services.update_action(actor, item, form.status.data, form.note.data)
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Perkembangan tindak lanjut tersimpan.")
            return redirect(url_for("home.index"))
    return render("meetings/action.html", item=item, form=form, status=form_status(form))

