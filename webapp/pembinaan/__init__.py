"""Strengthening Posyandu: equipment (sarpras) against the ILP kit."""


def init_app(app) -> None:
    from webapp import registry
    from webapp.pembinaan import demo, rules, views

    app.register_blueprint(views.bp)
    registry.add_rules(app, rules.RULES)
    registry.add_seeder(app, 26, demo.seed_equipment)
