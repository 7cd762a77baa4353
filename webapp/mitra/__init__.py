"""The body's partners (mitra): the registry per kabupaten, each partner's page and its staff's role."""
from webapp.access import scope_rule


def init_app(app) -> None:
    from webapp import registry
    from webapp.evidence.sources import add_source
    from webapp.mitra import demo, panels, signals, views

    app.register_blueprint(views.bp)
    registry.add_rules(app, {"mitra.manage": scope_rule("mitra.manage")})
    registry.add_nav(app, 35, panels.mitra_nav)
    registry.add_panel(app, 5, panels.mitra_panel)
    registry.add_seeder(app, 5, demo.seed_mitra)  # base data: the demo's mitra accounts link to these
    add_source(app, signals.SOURCE)  # the mitra with the most late items, for the agenda pack
