"""WSGI entry point: `gunicorn wsgi:app`."""
from werkzeug.middleware.proxy_fix import ProxyFix

from webapp import create_app

app = create_app()
app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
