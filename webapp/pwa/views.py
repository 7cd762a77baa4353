"""Installable app: manifest and service worker at root scope, the offline page and the outbox page."""
import hashlib
import json
from pathlib import Path

from flask import Blueprint, current_app, jsonify, request, url_for
from flask_wtf.csrf import generate_csrf

from webapp.access import current_actor, public
from webapp.assets import asset
from webapp.pwa.delivery import install, lean_static_headers
from webapp.rendering import render

bp = Blueprint("pwa", __name__)
bp.after_app_request(lean_static_headers)
bp.record_once(install)

ICONS = (("icons/icon-192.png", "192x192", "any"), ("icons/icon-512.png", "512x512", "any"),
         ("icons/icon-maskable-512.png", "512x512", "maskable"))


@bp.get("/manifest.webmanifest")
@public
def manifest():
    """The web app manifest: name, icons, start URL, standalone display, Indonesian."""
    body = {
        "id": "/", "name": "Pokjanal Posyandu", "short_name": "Pokjanal", "lang": "id", "dir": "ltr",
        "description": "Laporan Posyandu, rencana kerja, rapat dan pemantauan Pokjanal",
        "start_url": url_for("home.index"), "scope": "/", "display": "standalone",
        "theme_color": "#0b6e4f", "background_color": "#f6f8fa",
        "icons": [{"src": asset(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
                  for path, sizes, purpose in ICONS],
    }
    response = current_app.response_class(json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@bp.get("/sw.js")
@public
def service_worker():
    """static/js/sw.js with its configuration in front; the version names the caches."""
    # The install icons are left to the browser, which fetches them when it needs them.
    shell = [url_for("pwa.offline"), url_for("pwa.manifest"), asset("css/app.css"), asset("htmx"),
             asset("js/outbox.js"), asset("js/outbox-list.js"), asset("icons/icon.svg")]
    source = (Path(current_app.static_folder) / "js" / "sw.js").read_text(encoding="utf-8")
    # The signed-in offline and outbox pages are kept as soon as someone signs in (outbox.js asks for
    # them), so an offline tap on the badge finds the list and the offline page keeps its header.
    config = {"shell": shell, "offline": url_for("pwa.offline"), "outbox": asset("js/outbox.js"),
              "keep": [url_for("home.index"), url_for("pwa.outbox"), url_for("pwa.offline")]}
    config["version"] = hashlib.sha256((json.dumps(config) + source).encode()).hexdigest()[:12]
    response = current_app.response_class(f"var CONFIG = {json.dumps(config)};\n{source}",
                                          mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/offline")
@public
def offline():
    """Shown by the service worker when a page is asked for without a connection."""
    return render("pwa/offline.html")


@bp.get("/kotak-keluar")
def outbox():
    """What waits on this phone to be sent; the list itself is drawn from IndexedDB by outbox.js."""
    return render("pwa/outbox.html")


@bp.get("/token")
def token():
    """A fresh CSRF token for the outbox replay, which must never take it from the page in view."""
    response = jsonify(csrf_token=generate_csrf(), user=str(current_actor().id))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.after_app_request
def _forget_on_logout(response):
    """Signing out empties the browser's HTTP cache for this site; outbox.js drops the cached pages."""
    if request.endpoint == "auth.logout" and request.method == "POST":
        response.headers["Clear-Site-Data"] = '"cache"'
    return response
