"""Engine behaviour per backend: SQLite gets WAL, a busy timeout, foreign keys and BEGIN IMMEDIATE."""
from contextlib import contextmanager
from contextvars import ContextVar

from flask import has_request_context, request
from sqlalchemy import and_, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

READ_ONLY_METHODS = {"GET", "HEAD", "OPTIONS"}
_reading = ContextVar("reading", default=False)


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
        # Plain page views only read, so they keep the cheaper deferred BEGIN, and so
        # does the read phase of a service that must do slow work before it writes.
        if _reading.get() or (has_request_context() and request.method in READ_ONLY_METHODS):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def starts_with(column, prefix: str):
    """`column` begins with `prefix`, in a form the column's index can serve.

    SQLite's LIKE ignores case, so it never uses an index: there a range on the binary order does
    (the prefix up to the same prefix with its last character raised by one). PostgreSQL's text order
    follows the database's locale, which may skip punctuation, so there it stays LIKE.
    """
    from webapp.extensions import db

    if db.engine.dialect.name == "sqlite":
        return and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))
    return column.startswith(prefix, autoescape=True)


def _keep_for_the_request(session: Session, instance) -> None:
    if has_request_context():
        session.info.setdefault("request_loaded", []).append(instance)


def keep_loaded_for_the_request(app) -> None:
    """Hold what a request loaded until its end.

    The session's identity map holds rows weakly, so a row dropped between two uses (the kabupaten
    settings, a region's parents) was read again: 2–4 repeated statements on a page. A held row is
    answered from the session, as it would be within one unit of work. Only inside a request, so a
    long CLI import or seed does not keep every row in memory.
    """
    from webapp.extensions import db

    if not event.contains(db.session, "loaded_as_persistent", _keep_for_the_request):  # the app's session only
        event.listen(db.session, "loaded_as_persistent", _keep_for_the_request)

    @app.teardown_request
    def _release(_error=None):
        db.session.info.pop("request_loaded", None)


@contextmanager
def outside_write_lock():
    """Run reads and slow pure work (password hashing) holding no write lock.

    The open transaction (which has written nothing yet) ends on entry; statements inside
    begin a plain read transaction, which ends on exit. What was loaded inside is re-read,
    under the write lock, by the statements after the block. Nothing may be written inside.
    """
    from webapp.extensions import db

    session = db.session
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("outside_write_lock() with unsaved changes: they would be committed half-way")
    session.commit()
    token = _reading.set(True)
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        _reading.reset(token)
