"""Strengthening Posyandu: equipment (sarpras) against the ILP kit, and supervision visits with their findings."""


def init_app(app) -> None:
    from webapp import registry
    from webapp.signals.sources import add_source
    from webapp.pembinaan import demo, panels, rules, signals, visit_views, views

    app.register_blueprint(views.bp)
    app.register_blueprint(visit_views.bp)
    registry.add_rules(app, rules.RULES)
    registry.add_panel(app, 40, panels.guidance_panel)
    registry.add_seeder(app, 26, demo.seed_equipment)
    registry.add_seeder(app, 27, demo.seed_visits)
    add_source(app, signals.SOURCE)  # overdue supervision findings, for the agenda pack
