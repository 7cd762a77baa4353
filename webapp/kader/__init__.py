"""A Posyandu's pengurus and kader: roster with SK, skills passport with its level, trainings."""


def init_app(app) -> None:
    from webapp import registry
    from webapp.kader import demo, panels, rules, views

    app.register_blueprint(views.bp)
    registry.add_rules(app, rules.RULES)
    registry.add_nav(app, 25, panels.kader_nav)
    registry.add_seeder(app, 25, demo.seed_kader)
