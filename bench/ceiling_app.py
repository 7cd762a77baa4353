"""The ceiling for bench/ceiling.py: a bare Flask + Jinja + gzip app answering each page with captured bytes.

It does what any Flask page must (route, render a template, gzip) and nothing of ours, so the
app's CPU per request over this one's is the cost of our own work. CEILING_PAGES names a JSON
file {path: [content type, body]}, one path per page. The template is compiled once at start-up, as any Flask app's
templates are (a per-request `render_template_string` made this floor 1.3–2.2× slower than a real
bare app, and so flattered ours).
"""
from __future__ import annotations

import gzip
import json
import os

from flask import Flask, request
from markupsafe import Markup

PAGES = json.loads(open(os.environ["CEILING_PAGES"], encoding="utf-8").read())
TEMPLATE = "{{ body }}"

app = Flask(__name__)
COMPILED = app.jinja_env.from_string(TEMPLATE)


def _serve(path: str):
    mime, body = PAGES[path]
    response = app.response_class(COMPILED.render(body=Markup(body)), mimetype=mime)
    if request.accept_encodings["gzip"] and len(response.get_data()) >= 500:  # as webapp/compression.py
        response.set_data(gzip.compress(response.get_data(), compresslevel=6, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
    return response


for number, page_path in enumerate(PAGES):
    app.add_url_rule(page_path, f"page{number}", lambda page_path=page_path: _serve(page_path))
