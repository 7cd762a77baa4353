"""Engine behaviour per backend: SQLite gets WAL, a busy timeout, foreign keys and BEGIN IMMEDIATE."""
from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

READ_ONLY_METHODS = {"GET", "HEAD", "OPTIONS"}


def configure_engine(engine: Engine) -> None:
    """Attach the per-connection settings the backend needs."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transaction control from the sqlite3 driver so BEGIN comes from us.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A read-then-write must hold the write lock from its first read, or a
        # concurrent writer slips in between and the update is lost (DESIGN §4a).
        # Plain page views only read, so they keep the cheaper deferred BEGIN.
        if has_request_context() and request.method in READ_ONLY_METHODS:
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
