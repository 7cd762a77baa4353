"""The minutes of a meeting: editor per agenda item, action items, follow-up of earlier items, sign-off."""
from flask import Blueprint, abort, flash, redirect, url_for

from webapp.access import can, current_actor, requires
from webapp.forms import apply_form_errors
from webapp.meetings import agenda, pages, queries, services
from webapp.meetings.forms import ActionForm, ActionUpdateForm, AgendaForm, CommentForm, MinutesForm
from webapp.refusal import Refused

bp = Blueprint("minutes", __name__)


def _back(meeting, anchor: str = ""):
    return redirect(url_for("meetings.minutes.edit", meeting_id=meeting.id) + anchor)


def _readable(actor, meeting_id: int):
    """A meeting whose minutes the actor reads; 404 otherwise (not even whether it has minutes)."""
    return queries.get_meeting_or_404(actor, meeting_id, rule="minutes.read", refused=404)


@bp.route("/<int:meeting_id>/notulen", methods=["GET", "POST"])
@requires("meeting.view")
def edit(meeting_id: int):
    """Write (draft, circulated) or read (final) the minutes; every save keeps a revision."""
    actor = current_actor()
    meeting = _readable(actor, meeting_id)
    form = MinutesForm()
    if not form.is_submitted():
        return pages.minutes_page(actor, meeting)
    if not can(actor, "minutes.edit", meeting):
        abort(403)
    if form.validate():
        version = int(form.version.data) if (form.version.data or "").isdigit() else None
        try:
            services.save_minutes(actor, meeting, form.data_for_service(), version)
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Notulen tersimpan (revisi baru disimpan).")
            return _back(meeting)
    return pages.minutes_page(actor, meeting, status=422, minutes=form)


@bp.post("/<int:meeting_id>/agenda")
@requires("meeting.manage")
def add_agenda(meeting_id: int):
    """Add an agenda item to the minutes."""
    actor = current_actor()
    meeting = _readable(actor, meeting_id)
    form = AgendaForm()
    if form.validate_on_submit():
        try:
            item = agenda.add_agenda_item(actor, meeting, form.title.data)
        except Refused as error:
            apply_form_errors(form, error)
        else:
            return _back(meeting, f"#agenda-{item.id}")
    return pages.minutes_page(actor, meeting, status=422, agenda=form)


@bp.post("/<int:meeting_id>/agenda/<int:agenda_id>/hapus")
@requires("meeting.manage")
def remove_agenda(meeting_id: int, agenda_id: int):
    """Remove an agenda item while the minutes are not yet signed."""
    actor = current_actor()
    meeting = _readable(actor, meeting_id)
    item = queries.get_agenda_item_or_404(meeting, agenda_id)
    try:
        agenda.remove_agenda_item(actor, meeting, item)  # 403 once signed, or for whoever may not edit
    except Refused as error:
        return pages.minutes_page(actor, meeting, status=error.status, notice=str(error))
    flash("Agenda dihapus.")
    return _back(meeting, "#tindak-lanjut")


@bp.post("/<int:meeting_id>/agenda/<int:agenda_id>/tindak-lanjut")
@requires("meeting.manage")
def add_action(meeting_id: int, agenda_id: int):
    """An action item under an agenda item: what, who is responsible, by when."""
    actor = current_actor()
    meeting = _readable(actor, meeting_id)
    agenda_item = queries.get_agenda_item_or_404(meeting, agenda_id)
    form = ActionForm()
    form.responsible.choices = pages.responsible_choices(meeting)
    if form.validate_on_submit():
        try:
            services.add_action_item(actor, meeting, agenda_item, form.data)
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Tindak lanjut ditambahkan.")
            return _back(meeting, f"#agenda-{agenda_item.id}")
    return pages.minutes_page(actor, meeting, status=422, action=form, action_for=agenda_item.id)


@bp.post("/<int:meeting_id>/tindak-lanjut/<int:action_id>/laporan")
@requires("meeting.manage")
def report(meeting_id: int, action_id: int):
    """Record at this meeting what was reported on an earlier meeting's action item."""
    actor = current_actor()
    meeting = _readable(actor, meeting_id)
    item = queries.get_action_or_404(actor, action_id)
    form = ActionUpdateForm()
    if form.validate_on_submit():
        try:
            services.update_action(actor, item, form.status.data, form.note.data, at_meeting=meeting)
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Laporan tindak lanjut tercatat di notulen rapat ini.")
            return _back(meeting, "#tindak-lanjut-sebelumnya")
    return pages.minutes_page(actor, meeting, status=422, report=form, report_for=item.id)


@bp.post("/<int:meeting_id>/tanggapan")
@requires("meeting.view")
def comment(meeting_id: int):
    """Participants comment on circulated minutes."""
    actor = current_actor()
    meeting = _readable(actor, meeting_id)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            services.comment(actor, meeting, form.body.data)
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Tanggapan terkirim.")
            return _back(meeting, "#tanggapan")
    return pages.minutes_page(actor, meeting, status=422, comment=form)


STEPS = {"edarkan": ("circulate", "Notulen diedarkan ke peserta."),
         "finalkan": ("finalize", "Notulen final dan ditandatangani pimpinan rapat."),
         "kunci": ("lock", "Notulen dikunci (arsip).")}


@bp.post("/<int:meeting_id>/edarkan", defaults={"step": "edarkan"})
@bp.post("/<int:meeting_id>/finalkan", defaults={"step": "finalkan"})
@bp.post("/<int:meeting_id>/kunci", defaults={"step": "kunci"})
@requires("meeting.view")
def advance(meeting_id: int, step: str):
    """Move the minutes one state on: circulate (note-taker), finalize (chair), lock."""
    actor = current_actor()
    meeting = _readable(actor, meeting_id)
    name, done = STEPS[step]
    try:
        taken = services.advance(actor, meeting, name)
    except Refused as error:
        return pages.minutes_page(actor, meeting, status=error.status, notice=str(error))
    flash(done if taken.changed else taken.message)
    return _back(meeting)
