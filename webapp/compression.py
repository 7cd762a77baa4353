"""Gzip for text answers of 500 bytes or more when the client accepts it.

Neither Flask nor gunicorn compress; the page-weight budget (DESIGN §4) counts bytes over
the wire, so the app does it (nginx in front may do it instead; an answer that already has
a Content-Encoding is left alone). Static files are compressed once per content and kept.
"""
from __future__ import annotations

import gzip
from functools import lru_cache

from flask import request

MIN_BYTES = 500
TYPES = {"text/html", "text/css", "text/plain", "text/csv", "text/javascript", "application/javascript",
         "application/json", "application/manifest+json", "image/svg+xml", "application/xml"}


@lru_cache(maxsize=64)
def _compress_static(path: str, etag: str, data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _accepts_gzip() -> bool:
    return request.accept_encodings["gzip"] > 0


def _may_gzip() -> bool:
    return request.method != "HEAD" and _accepts_gzip()


def register(app) -> None:
    @app.after_request
    def _gzip(response):
        if response.mimetype not in TYPES:
            return response
        response.vary.add("Accept-Encoding")
        if (response.status_code < 200 or response.status_code in (204, 206, 304)
                or "Content-Encoding" in response.headers or not _may_gzip()):
            return response
        response.direct_passthrough = False
        data = response.get_data()
        if len(data) < MIN_BYTES:
            return response
        etag, weak = response.get_etag()
        if request.endpoint == "static" and etag:
            body = _compress_static(request.path, etag, data)
        else:
            body = gzip.compress(data, compresslevel=6, mtime=0)
        response.set_data(body)
        response.headers["Content-Encoding"] = "gzip"
        if etag and not weak:
            response.set_etag(etag, weak=True)  # same content, other bytes: no longer a strong match
        return response
