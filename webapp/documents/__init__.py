"""Signed documents: frozen content, verification codes and the public /verifikasi page."""


def init_app(app) -> None:
    """Register the public verification page (no rules, panels or seeders: signing happens in each domain)."""
    from webapp.documents.views import bp

    app.register_blueprint(bp)
