"""The home page and the bottom navigation that every domain adds to."""


def init_app(app) -> None:
    from webapp import registry
    from webapp.home import views

    app.register_blueprint(views.bp)
    registry.add_nav(app, 0, views.home_nav)
    registry.add_panel(app, 90, views.what_i_can_do)
