"""The laporan pelaksanaan kegiatan of a bimtek, advokasi or sosialisasi: dasar and tujuan, narasumber, photos."""
from flask import Blueprint, abort, current_app, flash, redirect, url_for

from webapp.access import can, current_actor, requires
from webapp.forms import apply_form_errors
from webapp.meetings import activity, pages, queries
from webapp.meetings.forms import ActivityForm, PhotoForm, SpeakerForm
from webapp.refusal import Refused
from webapp.rendering import render

bp = Blueprint("activity", __name__)


def _meeting(actor, meeting_id: int):
    meeting = queries.get_meeting_or_404(actor, meeting_id)
    if not meeting.is_activity or not can(actor, "minutes.read", meeting):
        abort(404)
    return meeting


def _page(actor, meeting, status: int = 200, intro=None, speaker=None, photo=None):
    intro = intro or ActivityForm(formdata=None, obj=meeting)
    return render("meetings/activity.html", status=status, **pages.meeting_context(actor, meeting), intro=intro,
                  speaker_form=pages.speaker_form(meeting, speaker), photo_form=photo or PhotoForm(formdata=None),
                  may_edit=can(actor, "minutes.edit", meeting), max_photos=activity.MAX_PHOTOS)


def _back(meeting, anchor: str = ""):
    return redirect(url_for("meetings.activity.edit", meeting_id=meeting.id) + anchor)


@bp.route("/<int:meeting_id>/laporan-kegiatan", methods=["GET", "POST"])
@requires("meeting.view")
def edit(meeting_id: int):
    """Dasar and maksud dan tujuan, with the narasumber and photos below."""
    actor = current_actor()
    meeting = _meeting(actor, meeting_id)
    form = ActivityForm()
    if not form.is_submitted():
        return _page(actor, meeting)
    if not can(actor, "minutes.edit", meeting):
        abort(403)
    if form.validate():
        try:
            activity.save_intro(actor, meeting, form.data)
        except Refused as error:
            apply_form_errors(form, error)
        else:
            flash("Laporan kegiatan tersimpan.")
            return _back(meeting)
    return _page(actor, meeting, status=422, intro=form)


@bp.post("/<int:meeting_id>/narasumber")
@requires("meeting.manage")
def add_speaker(meeting_id: int):
    """A narasumber and the title of the materi presented."""
    actor = current_actor()
    meeting = _meeting(actor, meeting_id)
    form = SpeakerForm()
    if form.validate_on_submit():
        try:
            activity.add_speaker(actor, meeting, form.data)
        except Refused as error:
            apply_form_errors(form, error)
        else:
            return _back(meeting, "#narasumber")
    return _page(actor, meeting, status=422, speaker=form)


@bp.post("/<int:meeting_id>/narasumber/<int:speaker_id>/hapus")
@requires("meeting.manage")
def remove_speaker(meeting_id: int, speaker_id: int):
    actor = current_actor()
    meeting = _meeting(actor, meeting_id)
    speaker = next((s for s in meeting.speakers if s.id == speaker_id), None) or abort(404)
    activity.remove_speaker(actor, meeting, speaker)
    return _back(meeting, "#narasumber")


@bp.post("/<int:meeting_id>/foto")
@requires("meeting.manage")
def add_photo(meeting_id: int):
    """A dokumentasi photo, re-encoded on the server (≤ 200 KB, EXIF stripped)."""
    actor = current_actor()
    meeting = _meeting(actor, meeting_id)
    form = PhotoForm()
    if form.validate_on_submit():
        upload = form.photo.data
        try:
            activity.add_photo(actor, meeting, upload.read() if upload else b"", form.caption.data)
        except Refused as error:
            apply_form_errors(form, error)
        else:
            return _back(meeting, "#foto")
    return _page(actor, meeting, status=422, photo=form)


@bp.post("/<int:meeting_id>/foto/<int:photo_id>/hapus")
@requires("meeting.manage")
def remove_photo(meeting_id: int, photo_id: int):
    actor = current_actor()
    meeting = _meeting(actor, meeting_id)
    photo = next((p for p in meeting.photos if p.id == photo_id), None) or abort(404)
    activity.remove_photo(actor, meeting, photo)
    return _back(meeting, "#foto")


@bp.get("/<int:meeting_id>/foto/<int:photo_id>.jpg")
@requires("meeting.view")
def photo(meeting_id: int, photo_id: int):
    """A dokumentasi photo for those who read the report."""
    meeting = _meeting(current_actor(), meeting_id)
    found = next((p for p in meeting.photos if p.id == photo_id), None) or abort(404)
    response = current_app.response_class(found.data, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
