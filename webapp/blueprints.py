"""Every domain's blueprint, registered in one place."""


def register_blueprints(app) -> None:
    from webapp.auth.views import bp as auth
    from webapp.dashboard.views import bp as dashboard
    from webapp.home.views import bp as home
    from webapp.meetings.views import bp as meetings
    from webapp.pwa.views import bp as pwa
    from webapp.regions.views import bp as regions
    from webapp.reports.views import bp as reports
    from webapp.workplans.views import bp as workplans

    for blueprint in (auth, dashboard, home, meetings, pwa, regions, reports, workplans):
        app.register_blueprint(blueprint)

    from webapp import documents
    documents.init_app(app)
