"""How bytes leave the server for a phone on a slow link: gzip, lean headers on static files,
and no session on static files (so one cached copy serves every visit and the service worker).

Chromium offers brotli only over HTTPS, so gzip is what a phone on plain HTTP (and the bench)
gets; behind nginx with TLS the proxy may compress instead, and this steps aside when a
response already carries Content-Encoding.
"""
import gzip

from flask import request
from flask.sessions import SecureCookieSessionInterface

COMPRESSIBLE = {
    "text/html", "text/css", "text/plain", "text/csv", "text/javascript", "application/javascript",
    "application/json", "application/manifest+json", "image/svg+xml",
}
MIN_SIZE = 512
# Headers that mean something only on documents and workers; on a versioned static file they are ~400
# bytes of every response (CSP alone ~300).
DOCUMENT_ONLY = ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "Content-Disposition", "Expires")
_static_cache: dict[tuple[str, str], bytes] = {}


def compress(response):
    """after_request hook: gzip a complete text response when the client accepts it."""
    if request.endpoint == "static" and request.args.get("v"):
        for name in DOCUMENT_ONLY:
            response.headers.pop(name, None)
    if (response.status_code != 200 or response.mimetype not in COMPRESSIBLE
            or "Content-Encoding" in response.headers or "gzip" not in request.headers.get("Accept-Encoding", "")
            or (response.is_streamed and not response.direct_passthrough)):
        return response
    response.vary.add("Accept-Encoding")
    response.direct_passthrough = False
    data = response.get_data()
    if len(data) < MIN_SIZE:
        return response
    key = (request.path, response.headers.get("ETag", ""))
    if request.endpoint == "static" and key[1] and key in _static_cache:
        body = _static_cache[key]
    else:
        # Static files are compressed once per version at the highest level; pages quickly.
        body = gzip.compress(data, compresslevel=9 if request.endpoint == "static" else 6, mtime=0)
        if request.endpoint == "static" and key[1]:
            _static_cache[key] = body
    response.set_data(body)
    response.headers["Content-Encoding"] = "gzip"
    if "ETag" in response.headers:  # the compressed bytes are a different representation
        response.headers["ETag"] = response.headers["ETag"].rstrip('"') + '-gz"'
    return response


class StaticWithoutSession(SecureCookieSessionInterface):
    """Flask's cookie session, except that static files neither read nor vary on it.

    Flask-Login looks at the session after every request, which would add `Vary: Cookie` to
    static files; as the signed cookie changes with every page, the browser would then fetch
    htmx again on each visit instead of using its year-long copy.
    """

    def save_session(self, app, session, response):
        if request.endpoint == "static":
            return
        super().save_session(app, session, response)


def install(state) -> None:
    """Blueprint record hook: use the session interface above unless the app brought its own."""
    if type(state.app.session_interface) is SecureCookieSessionInterface:
        state.app.session_interface = StaticWithoutSession()
