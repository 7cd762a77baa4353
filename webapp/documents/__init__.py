"""Signed documents: frozen content, verification codes and the public /verifikasi page."""


def init_app(app) -> None:
    """Register the verification page."""
    from webapp.documents.views import bp

    app.register_blueprint(bp)
