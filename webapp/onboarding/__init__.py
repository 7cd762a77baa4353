"""Bulk onboarding from the spreadsheets a Dinkes keeps: the Posyandu list first (issue 24)."""


def init_app(app) -> None:
    """The import page and its link on the admin's home."""
    from webapp import registry
    from webapp.onboarding import panels, views

    app.register_blueprint(views.bp)
    registry.add_panel(app, 86, panels.import_panel)
