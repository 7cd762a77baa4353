"""A small report-like form for the outbox browser tests, registered in the test app only.

It follows the report contract: the form carries data-outbox and a hidden client_id; a replay
of a client_id answers as the first time did; a locked report answers 409 and a failed check
422, each with the message in the page.
"""
import uuid

from flask import Blueprint, current_app, redirect, render_template_string, request, url_for

bp = Blueprint("outbox_test", __name__)

PAGE = """{% extends "base.html" %}{% block title %}Laporan uji{% endblock %}{% block content %}
<section class="card"><h1>Laporan uji</h1>
{% if error %}<p class="error">{{ error }}</p>{% endif %}
{% for part in ("a", "b") %}
<form id="bagian-{{ part }}" method="post" action="{{ url_for('outbox_test.save', part=part) }}" data-outbox="report">
<input type="hidden" name="client_id" value="{{ new_id() }}">
<div class="field"><label for="jumlah-{{ part }}">Jumlah bagian {{ part }}</label><input id="jumlah-{{ part }}" name="jumlah"></div>
<button class="primary" type="submit" name="aksi" value="simpan">Simpan bagian {{ part }}</button>
</form>
{% endfor %}
<p>Tercatat: <span id="count">{{ records|length }}</span></p></section>{% endblock %}"""


def received() -> dict:
    """What the server got: every POST in order, and the records kept by client_id."""
    return current_app.extensions.setdefault("outbox_test", {"posts": [], "records": {}})


def _page(error=None, status=200):
    return render_template_string(PAGE, new_id=lambda: uuid.uuid4().hex, records=received()["records"],
                                  error=error), status


@bp.get("/uji-laporan")
def form():
    return _page()


@bp.post("/uji-laporan/<part>")
def save(part: str):
    state, client_id, value = received(), request.form.get("client_id", ""), request.form.get("jumlah", "")
    state["posts"].append((part, value, client_id))
    if client_id in state["records"]:
        return redirect(url_for("outbox_test.form"), 303)
    if value == "kunci":
        return _page("Laporan bulan ini sudah dikunci oleh Pokja desa.", 409)
    if not value.isdigit():
        return _page("Jumlah harus berupa angka bulat.", 422)
    state["records"][client_id] = (part, int(value))
    return redirect(url_for("outbox_test.form"), 303)
