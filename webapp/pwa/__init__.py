"""Phones first: web app manifest, service worker, offline page, the outbox page and compression."""


def init_app(app) -> None:
    from webapp.pwa import views

    app.register_blueprint(views.bp)
