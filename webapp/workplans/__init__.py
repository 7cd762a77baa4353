"""Work plans and budgets (rencana kerja) with approval up the tiers."""


def init_app(app) -> None:
    from webapp import registry
    from webapp.signals.sources import add_source
    from webapp.workplans import demo, panels, rules, signals, views

    app.register_blueprint(views.bp)
    registry.add_rules(app, rules.RULES)
    registry.add_nav(app, 30, panels.plans_nav)
    registry.add_panel(app, 20, panels.queue_panel)
    registry.add_seeder(app, 40, demo.seed_workplans)
    add_source(app, signals.SOURCE)  # approved lines not started past their month, for the agenda pack
