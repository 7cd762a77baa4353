"""Bounds on what any request may carry, before a view sees it: no NUL byte anywhere (PostgreSQL
refuses them in text, and no form needs one), and integer URL parts that fit a database id."""
from flask import request
from werkzeug.routing import IntegerConverter

from webapp.clock import utcnow
from webapp.rendering import render

MAX_ID = 2**31 - 1
NUL_MESSAGE = "Data yang dikirim memuat karakter yang tidak diizinkan (NUL). Hapus karakter itu lalu kirim lagi."


class BoundedInt(IntegerConverter):
    """`<int:…>` that matches only 0 … 2^31−1: an absurd id is a 404 like any unknown one, never a 500."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def posted_id(value) -> int | None:
    """A posted id as an int a database id can be (0 … 2^31−1), else None: an absurd number is unknown, never a 500."""
    text = str(value or "")
    return int(text) if text.isdigit() and int(text) <= MAX_ID else None


def year_asked() -> int:
    """The plan year a page is asked for (`?tahun=`), within 2000–2100; this year otherwise."""
    value = request.args.get("tahun", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else utcnow().year


def _carries_nul() -> bool:
    if "\x00" in request.path:
        return True
    return any("\x00" in key or "\x00" in value
               for values in (request.args, request.form) for key, value in values.items(multi=True))


def register(app) -> None:
    """Install the converter (before any blueprint adds its rules) and the NUL filter."""
    app.url_map.converters["int"] = BoundedInt

    @app.before_request
    def _refuse_nul_bytes():
        if _carries_nul():
            return render("errors/error.html", block="error", status=400, title="Karakter tidak diizinkan",
                          message=NUL_MESSAGE, code=400)
        return None
