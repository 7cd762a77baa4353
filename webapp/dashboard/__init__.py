"""Monitoring: completeness, coverage, stunting and Posyandu aktif per region, kept in summary tables."""


def init_app(app) -> None:
    from webapp import registry
    from webapp.dashboard import demo, indicators, panels, strength_signals, strength_views, summary, views
    from webapp.signals.sources import add_source

    app.register_blueprint(views.bp)
    app.register_blueprint(strength_views.bp)
    registry.add_panel(app, 25, panels.figures_panel)
    registry.add_nav(app, 60, views.dashboard_nav)
    registry.add_seeder(app, 900, demo.rebuild_summary_after_demo)
    summary.listen(app)
    add_source(app, strength_signals.SOURCE)  # Posyandu not aktif / not ILP, for the agenda pack
    app.add_template_filter(indicators.row_cells, "cells")
