"""Coordination meetings: invitations, attendance, minutes and their flow, action items and follow-up."""


def init_app(app) -> None:
    from webapp import registry
    from webapp.meetings import demo, panels, rules, signals, views
    from webapp.signals.sources import add_source

    app.register_blueprint(views.bp)
    registry.add_rules(app, rules.RULES)
    registry.add_nav(app, 40, panels.meetings_nav)
    registry.add_panel(app, 30, panels.upcoming)
    registry.add_panel(app, 35, panels.my_actions)
    registry.add_seeder(app, 50, demo.seed_meetings)
    add_source(app, signals.SOURCE)  # overdue action items, for the agenda pack
