"""The only importer of WeasyPrint: HTML from our templates to PDF, never reaching the network.

WeasyPrint costs ~0.8 s to import, so it is imported lazily inside the long-lived
process (start-up and most tests never pay for it).
"""
from __future__ import annotations

import base64
import mimetypes
import threading
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


def render_pdf(template: str, **context) -> bytes:
    """Render a print template (autoescaped Jinja) to PDF bytes."""
    from weasyprint import HTML

    html = render_template(template, **context)
    fetcher = _own_static_fetcher(Path(current_app.static_folder).resolve())
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
