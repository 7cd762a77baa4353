"""Monitoring: dashboards at every tier, read from summary tables kept current on every commit."""


def init_app(app) -> None:
    """What the dashboard adds to an app: the listeners that keep its summary tables current."""
    from webapp.dashboard import summary
    from webapp.extensions import db

    summary.listen(db.session)
