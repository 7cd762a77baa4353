"""The database layer: SQLite pragmas, no lost updates under concurrency, migrations that
match the models (SQLite and PostgreSQL), and the production secret-key guard."""
from __future__ import annotations

import threading
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from tests.conftest import POSTGRES_URL
from tests.conftest import test_config as config_for
from webapp import create_app
from webapp import config as settings
from webapp.extensions import db
from webapp.regions.models import KabupatenSetting
from tests.factories import make_region

sqlite_only = pytest.mark.skipif(bool(POSTGRES_URL), reason="SQLite pragmas only apply to SQLite")


@sqlite_only
def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(app):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


@sqlite_only
def test_sqlite_foreign_keys_are_enforced(app):
    from sqlalchemy.exc import IntegrityError

    from webapp.regions.models import Region

    db.session.add(Region(code="62.99.01", name="Yatim", level="kecamatan", parent_code="62.99"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_threads_incrementing_one_counter_lose_nothing(app):
    """Read-then-write from 8 threads: every increment survives (BEGIN IMMEDIATE on SQLite,
    SELECT … FOR UPDATE on PostgreSQL)."""
    make_region("62.02")
    db.session.commit()
    start = db.session.get(KabupatenSetting, "62.02").report_due_day
    db.session.rollback()  # outside a request every transaction takes the write lock: release it
    threads, per_thread, errors = 8, 25, []

    def work():
        try:
            with app.app_context():
                for _ in range(per_thread):
                    setting = db.session.scalars(
                        select(KabupatenSetting).where(KabupatenSetting.region_code == "62.02").with_for_update()
                    ).one()
                    setting.report_due_day = setting.report_due_day + 1
                    db.session.commit()
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    db.session.expire_all()
    assert errors == []
    assert db.session.get(KabupatenSetting, "62.02").report_due_day == start + threads * per_thread


def _import_every_model() -> None:
    """Every domain's models.py, registered blueprint or not, so the metadata is complete."""
    import importlib
    import pkgutil

    import webapp

    for module in pkgutil.iter_modules(webapp.__path__):
        if module.ispkg and importlib.util.find_spec(f"webapp.{module.name}.models"):
            importlib.import_module(f"webapp.{module.name}.models")


def _assert_models_match(url: str) -> None:
    _import_every_model()
    app = create_app(config_for(url))
    with app.app_context():
        upgrade(revision="head")
        script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert set(context.get_current_heads()) == set(script.get_heads())
            diff = compare_metadata(context, db.metadata)
        db.session.remove()
        db.engine.dispose()
    assert diff == [], f"models and migrations differ: {diff}"


@pytest.mark.postgres
def test_migrations_upgrade_an_empty_database_and_match_the_models(tmp_path):
    if POSTGRES_URL:
        url = make_url(POSTGRES_URL)
        name = f"pokjanal_migr_{uuid.uuid4().hex[:8]}"
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            _assert_models_match(url.set(database=name).render_as_string(hide_password=False))
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            admin.dispose()
    else:
        _assert_models_match(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")


def test_production_refuses_the_default_secret_key(monkeypatch):
    monkeypatch.setenv("POKJANAL_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    monkeypatch.setenv("SECRET_KEY", settings.DEFAULT_SECRET_KEY)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_with_its_own_key_starts_with_secure_cookies(monkeypatch):
    monkeypatch.setenv("POKJANAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-real-secret-" + uuid.uuid4().hex)
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_starts_with_finds_exactly_the_prefix_and_uses_the_index_on_sqlite(app):
    from webapp.database import starts_with
    from webapp.regions.models import Region

    for code, level in (("62", "provinsi"), ("62.02", "kabupaten"), ("62.02.01", "kecamatan"),
                        ("62.021", "kabupaten"), ("62.03", "kabupaten"), ("62.02.01.2003", "desa")):
        db.session.add(Region(code=code, name=code, level=level))
    db.session.commit()
    found = db.session.scalars(select(Region.code).where(starts_with(Region.code, "62.02.")).order_by(Region.code))
    assert list(found) == ["62.02.01", "62.02.01.2003"]
    if not POSTGRES_URL:
        query = select(Region.code).where(starts_with(Region.parent_code, "62.02."))
        plan = " ".join(str(row) for row in db.session.execute(
            text("EXPLAIN QUERY PLAN " + str(query.compile(compile_kwargs={"literal_binds": True})))))
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
