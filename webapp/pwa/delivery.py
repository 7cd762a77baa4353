"""What leaves the server for a phone on a slow link, beyond gzip (webapp/compression.py): lean
headers on versioned static files, and no session on static files, so one cached copy serves
every visit and the service worker.
"""
from flask import request
from flask.sessions import SecureCookieSessionInterface

# Headers a year-long immutable file does not need (documents and workers keep theirs): ~450 bytes of
# every static answer, the CSP alone ~300. The ETag stays for the rare revalidation.
DOCUMENT_ONLY = ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "Content-Disposition", "Expires",
                 "Last-Modified", "Accept-Ranges")


def lean_static_headers(response):
    """after_request hook: drop the headers above from versioned static files."""
    if request.endpoint == "static" and request.args.get("v"):
        for name in DOCUMENT_ONLY:
            response.headers.pop(name, None)
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
