"""Kemendagri regions, the Posyandu registry and each kabupaten's settings."""


def init_app(app) -> None:
    """The region and registry pages; registry and settings changes reach exactly one's own subtree."""
    from webapp import registry
    from webapp.access import scope_rule
    from webapp.regions import views
    from webapp.regions.examples import Example

    app.register_blueprint(views.bp)
    app.jinja_env.globals["contoh"] = lambda template: str(Example(template))  # hints with the user's own places
    registry.add_rules(app, {action: scope_rule(action) for action in ("posyandu.manage", "settings.manage")})
