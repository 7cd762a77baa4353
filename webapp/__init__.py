"""Pokjanal: planning, reporting, meetings and monitoring for the Posyandu working groups."""
from flask import Flask

from webapp import config as settings


def create_app(config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, CLI and error pages. No side effects."""
    app = Flask(__name__, template_folder="../templates", static_folder="../static", instance_relative_config=True)
    app.config.update(settings.from_environment())
    if config:
        app.config.update(config)
    settings.check_production_safety(app.config)

    from webapp import (
        assets, auth, compression, dashboard, documents, errors, evidence, exchange, formatting, home, inputs, kader,
        lembaga, meetings, mitra, mitra_page, onboarding, pembinaan, pwa, regions, reports, security, share, workplans,
    )
    from webapp.access import check_rules, deny_by_default
    from webapp.cli import register_cli
    from webapp.database import configure_engine, keep_loaded_for_the_request
    from webapp.extensions import csrf, db, htmx, migrate

    compression.register(app)  # first registered, so it runs after every other after_request
    db.init_app(app)
    migrate.init_app(app, db, directory=str(settings.PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    htmx.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    keep_loaded_for_the_request(app)
    deny_by_default(app)
    inputs.register(app)  # before the blueprints: their <int:…> rules take its converter
    for domain in (auth, regions, documents, mitra,                    # kernel and the partner registry
                   lembaga,                                            # the body's registry
                   reports, workplans, meetings, kader, pembinaan, onboarding,  # domains
                   home, mitra_page, dashboard, evidence, exchange, pwa):  # readers
        domain.init_app(app)  # blueprint, object rules, panels, navigation, demo seeders, listeners
    check_rules(app)
    formatting.register(app)
    share.register(app)
    assets.register(app)
    security.register(app)
    errors.register(app)
    register_cli(app)
    return app
