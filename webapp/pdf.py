"""The only importer of WeasyPrint: HTML from our templates to PDF, never reaching the network.

WeasyPrint costs ~0.8 s to import, so it is imported lazily inside the long-lived
process (start-up and most tests never pay for it).
"""
from __future__ import annotations

import base64
import gc
import mimetypes
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

from flask import current_app, render_template

BASE_URL = "http://pokjanal.invalid/"
_per_thread = threading.local()


def _font_config():
    """One font configuration per thread: building it costs a good share of a small render,
    and Pango's font map is not shared safely between threads."""
    config = getattr(_per_thread, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _per_thread.font_config = FontConfiguration()
    return config


def _own_static_fetcher(static_root: Path):
    """A fetcher that answers our static files and data: URIs, and refuses everything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

    class OwnStaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(BASE_URL + "static/"):
                relative = url[len(BASE_URL + "static/"):].split("?", 1)[0]
                target = (static_root / relative).resolve()
                if target.is_file() and static_root in target.parents:
                    mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, target.read_bytes(), {"Content-Type": mime})
            raise URLFetchingError(f"refused: {url}")

    return OwnStaticOnly()


class PdfTooSlow(Exception):
    """The document did not render within the time budget (PDF_TIME_BUDGET_SECONDS)."""

    message = ("Dokumen ini terlalu besar untuk dibuat sekarang (lebih dari {seconds} detik). "
               "Perpendek isinya, misalnya pembahasan notulen, lalu coba lagi.")


@contextmanager
def time_budget(seconds: float):
    """Raise PdfTooSlow after `seconds` of rendering, well before the worker's own timeout kills it.

    Uses SIGALRM, so it applies in a process's main thread (gunicorn's sync workers serve there);
    elsewhere (the threaded dev server) the input bounds alone keep a render short."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(_signum, _frame):
        raise PdfTooSlow(seconds)

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def collector_paused():
    """A render allocates millions of short-lived objects, and the cyclic collector's passes over a warm
    process's whole heap cost ~20% of a long render (measured on the minutes bench). Pause it for the render
    and sweep only the young generation after, where the render's garbage is."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(0)


def render_pdf(template: str, **context) -> bytes:
    """Render a print template (autoescaped Jinja) to PDF bytes within the time budget (else PdfTooSlow)."""
    from weasyprint import HTML

    html = render_template(template, **context)
    fetcher = _own_static_fetcher(Path(current_app.static_folder).resolve())
    with time_budget(current_app.config["PDF_TIME_BUDGET_SECONDS"]), collector_paused():
        return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(font_config=_font_config())


def data_uri(data: bytes | None, mime: str | None) -> str | None:
    """An uploaded image (the letterhead logo) inlined for the PDF."""
    if not data or not mime:
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def pdf_response(data: bytes, filename: str):
    """Send PDF bytes inline with a download name; never cached by a shared phone."""
    response = current_app.response_class(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
