"""Static file URLs that change when the file changes, so they can be cached for a year."""
import hashlib
from functools import lru_cache
from pathlib import Path

from flask import current_app, has_request_context, request, url_for


@lru_cache(maxsize=64)
def _digest(path: str, mtime: float) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:10]


def asset(filename: str) -> str:
    """url_for('static') with a content hash; htmx is found under its versioned name.

    Outside debug the files do not change under a running process, so each URL is built once
    (six a page: the glob, stat and url_for were a tenth of a cheap page's CPU)."""
    if current_app.debug or not has_request_context():
        return _build(filename)
    urls, key = current_app.extensions["asset_urls"], (filename, request.script_root)
    if key not in urls:
        urls[key] = _build(filename)
    return urls[key]


def _build(filename: str) -> str:
    root = Path(current_app.static_folder)
    if filename == "htmx":
        matches = sorted(root.glob("js/htmx-*.min.js"))
        if not matches:
            raise RuntimeError("htmx belum disalin ke static/js: jalankan `make setup` (npm ci)")
        filename = matches[-1].relative_to(root).as_posix()
    full = root / filename
    return url_for("static", filename=filename, v=_digest(str(full), full.stat().st_mtime))


def register(app) -> None:
    app.extensions["asset_urls"] = {}  # built once per process: a changed file comes with a restart
    app.jinja_env.globals["asset"] = asset

    @app.after_request
    def _cache_static(response):
        from flask import request

        if request.endpoint == "static" and request.args.get("v"):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response
