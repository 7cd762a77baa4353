"""Evidence to decision: signals from the area's data, the agenda pack of a meeting, decisions tied to
the signal that raised them, and whether that signal cleared."""


def init_app(app) -> None:
    from webapp import registry
    from webapp.evidence import demo, outcome_views, quality_signals, report_signals, rules, share_views, views
    from webapp.signals.sources import add_source

    app.register_blueprint(views.bp)
    app.register_blueprint(share_views.bp)
    app.register_blueprint(outcome_views.bp)
    registry.add_rules(app, rules.RULES)
    for source in (*report_signals.SOURCES, quality_signals.SOURCE):
        add_source(app, source)
    registry.add_seeder(app, 60, demo.seed_evidence)
