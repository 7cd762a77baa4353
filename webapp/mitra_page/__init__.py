"""The partner's pages at /mitra (blueprint `mitra`): the registry list and form, each partner's page with
its plan lines, actions and meetings, its PDF and Excel, its home panel and its agenda-pack signal.

A reader like the dashboards: it reads the registry (`webapp.mitra`), plans and meetings, and nothing
below imports it.
"""


def init_app(app) -> None:
    from webapp import registry
    from webapp.mitra_page import panels, signals, views
    from webapp.signals.sources import add_source

    app.register_blueprint(views.bp)
    registry.add_nav(app, 35, panels.mitra_nav)
    registry.add_panel(app, 5, panels.mitra_panel)
    add_source(app, signals.SOURCE)  # the mitra with the most late items, for the agenda pack
