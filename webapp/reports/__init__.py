"""The monthly Posyandu report: the kader's form, its flow up to verification, recaps and exports."""


def init_app(app) -> None:
    from webapp import registry
    from webapp.reports import demo, panels, rules, views

    app.register_blueprint(views.bp)
    registry.add_rules(app, rules.RULES)
    registry.add_nav(app, 20, panels.reports_nav)
    registry.add_panel(app, 10, panels.kader_panel)
    registry.add_panel(app, 15, panels.desa_panel)
    registry.add_seeder(app, 30, demo.seed_reports)
