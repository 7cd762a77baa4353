"""Pages kept as rendered until the data, the session or the hour changes.

A signed-in page is a function of who asks (the session: the account, its CSRF token), what is asked
(path, query, htmx headers), the data and the clock. Every committed write replaces one random stamp
(`data_stamp`), in the same transaction as the write, whatever wrote it (ORM, Core, a CLI import). The
clock enters as the UTC hour (every Indonesian zone turns its date on a whole UTC hour), or the minute
for a page that counts hours. A view marked `@kept_until_data_changes` is
answered from this worker's memory when all of those are as they were; anything else renders it afresh.
The same key, hashed, is the page's ETag, so a phone that already holds the page gets a bodyless 304
from any worker.

Rendering reads the stamp in the request's own transaction before the page's rows, so a kept page is
never older than its stamp: on SQLite the read transaction is one snapshot, on PostgreSQL each later
statement sees at least what the stamp read saw.
"""
from __future__ import annotations

import hashlib
import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import wraps

from flask import current_app, g, has_request_context, request, session
from sqlalchemy import BigInteger, Integer, event
from sqlalchemy.orm import Mapped, mapped_column

from webapp.clock import utcnow
from webapp.compression import gzip_page, wants_gzip
from webapp.extensions import db

PER_HOUR, PER_MINUTE = "%Y%m%d%H", "%Y%m%d%H%M"  # UTC: every Indonesian zone turns its date on the hour
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|TRUNCATE)\b", re.IGNORECASE)
_WRITES_INSIDE = re.compile(r"\b(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
_KEPT_HEADERS_SKIPPED = {"content-length", "set-cookie", "content-encoding"}


class DataStamp(db.Model):
    """One row whose stamp every committed write replaces (see the module docstring)."""

    __tablename__ = "data_stamp"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stamp: Mapped[int] = mapped_column(BigInteger)


def _is_write(statement: str) -> bool:
    if _WRITES.match(statement):
        return True
    return statement.lstrip()[:4].upper() == "WITH" and bool(_WRITES_INSIDE.search(statement))


@dataclass
class Kept:
    """A rendered answer: status, the view's own headers, the body, and its gzip made on first need."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fresh_values: tuple[str, ...]
    gzipped: bytes | None = None

    def answer(self):
        body, encoding = self.body, None
        if self.fresh_values:  # values that must differ in every answer (a form's client id)
            for value in self.fresh_values:
                body = body.replace(value.encode(), secrets.token_hex(16).encode())
        elif wants_gzip(body):
            if self.gzipped is None:
                self.gzipped = gzip_page(body)
            body, encoding = self.gzipped, "gzip"
        response = current_app.response_class(body, status=self.status, headers=self.headers)
        if encoding:
            response.headers["Content-Encoding"] = encoding
        return response


@dataclass
class Keeper:
    """This worker's kept pages (least recently used first out) and whether the stamp table exists."""

    dialect: str
    entries: int
    has_table: bool = False
    pages: OrderedDict = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ready(self, dbapi_connection) -> bool:
        """Pages are kept and writes stamped once the database has the stamp table (asked, on the
        connection at hand, until it has: another connection could wait on this one's write lock)."""
        if self.entries > 0 and not self.has_table:
            self.has_table = _has_stamp_table(dbapi_connection, self.dialect)
        return self.entries > 0 and self.has_table

    def get(self, key) -> Kept | None:
        with self.lock:
            kept = self.pages.get(key)
            if kept is not None:
                self.pages.move_to_end(key)
            return kept

    def put(self, key, kept: Kept) -> None:
        with self.lock:
            self.pages[key] = kept
            while len(self.pages) > self.entries:
                self.pages.popitem(last=False)


def _has_stamp_table(dbapi_connection, dialect: str) -> bool:
    catalog = ("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'data_stamp'"
               if dialect == "sqlite" else "SELECT count(*) FROM pg_tables WHERE tablename = 'data_stamp'")
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(catalog)
        return cursor.fetchone()[0] > 0
    finally:
        cursor.close()


def _keeper() -> Keeper:
    return current_app.extensions["page_cache"]


def _request_key(connection, clock: str):
    """Everything a kept page depends on, or None when this answer must not be kept or reused.
    `connection` is the request's own, so the stamp is read in its transaction."""
    if request.method != "GET" or "_flashes" in session:
        return None
    if connection.info.get("wrote"):  # this transaction's own writes: no stamp names them yet
        return None
    stamp = connection.exec_driver_sql("SELECT stamp FROM data_stamp WHERE id = 1").scalar()  # None: never stamped
    if stamp is None:
        return None
    htmx = tuple(sorted((name, value) for name, value in request.headers.items() if name.startswith("Hx-")))
    state = tuple(sorted((name, repr(value)) for name, value in session.items()))
    return request.endpoint, request.full_path, htmx, state, stamp, utcnow().strftime(clock)


def _etag(key) -> str:
    """The same in every worker for the same key, and telling nothing of the session it was made from."""
    return hashlib.blake2b(repr(key).encode(), digest_size=12, key=current_app.secret_key.encode()[:64]).hexdigest()


def _not_modified(tag: str):
    """The phone's copy is this page: 304, no body (a revisit on slow data costs a few hundred bytes)."""
    response = current_app.response_class(status=304)
    response.set_etag(tag, weak=True)
    response.vary.add("HX-Request")
    return response


def _counted(response, how: str):
    """In a bench (PAGE_CACHE_HIT_HEADER), say that the answer came from memory: bench/rush.py counts them."""
    if current_app.config.get("PAGE_CACHE_HIT_HEADER"):
        response.headers["X-Kept-Page"] = how
    return response


def fresh(value: str) -> str:
    """Mark a value the page must carry anew in every answer (a submission's client id); returns it."""
    if has_request_context():
        g.setdefault("page_fresh_values", []).append(value)
    return value


def kept_until_data_changes(view=None, *, per_minute: bool = False):
    """Answer a GET of this view from the kept page when nothing it depends on has changed.

    Only for views whose page depends on nothing but the session, the URL, htmx headers, the data and
    the date (`per_minute` for a page that also counts hours, such as meetings "from twelve hours ago");
    access checks stay outside (a decorator above this one), so they run on every request.
    """
    if view is None:
        return lambda view: kept_until_data_changes(view, per_minute=per_minute)
    clock = PER_MINUTE if per_minute else PER_HOUR

    @wraps(view)
    def wrapped(*args, **kwargs):
        keeper, connection = _keeper(), db.session.connection()
        key = _request_key(connection, clock) if keeper.ready(connection.connection) else None
        if key is None:
            return view(*args, **kwargs)
        tag = _etag(key)
        if request.if_none_match.contains_weak(tag):
            return _counted(_not_modified(tag), "304")
        if (kept := keeper.get(key)) is not None:
            return _counted(kept.answer(), "hit")
        g.pop("page_fresh_values", None)
        response = current_app.make_response(view(*args, **kwargs))
        if (response.status_code == 200 and response.mimetype == "text/html" and not response.direct_passthrough
                and not session.modified and "_flashes" not in session):
            fresh_values = tuple(g.pop("page_fresh_values", ()))
            if not fresh_values:  # the phone may reuse its copy; never one whose submission ids were used
                response.set_etag(tag, weak=True)  # weak: gzip or not, the same page
            headers = [(name, value) for name, value in response.headers.items()
                       if name.lower() not in _KEPT_HEADERS_SKIPPED]
            keeper.put(key, Kept(response.status_code, headers, response.get_data(), fresh_values))
        return response
    return wrapped


def _stamp_commits(engine, keeper: Keeper) -> None:
    """Replace the stamp in every transaction that wrote, just before it commits.

    A migration's transaction (it writes alembic_version) is left unstamped: it may be removing the
    stamp table itself, and a deploy restarts the workers after migrating.
    """
    @event.listens_for(engine, "before_cursor_execute")
    def _note_write(conn, _cursor, statement, *_args):
        if _is_write(statement):
            conn.info["wrote"] = True
            if "alembic_version" in statement:
                conn.info["migrating"] = True

    @event.listens_for(engine, "commit")
    def _stamp(conn):
        wrote, migrating = conn.info.pop("wrote", False), conn.info.pop("migrating", False)
        if wrote and not migrating and keeper.ready(conn.connection):
            cursor = conn.connection.cursor()
            try:
                cursor.execute("INSERT INTO data_stamp (id, stamp) VALUES (1, %d) ON CONFLICT (id) "
                               "DO UPDATE SET stamp = excluded.stamp" % secrets.randbits(62))
            finally:
                cursor.close()

    @event.listens_for(engine, "rollback")
    def _forget(conn):
        conn.info.pop("wrote", None)
        conn.info.pop("migrating", None)


def register(app) -> None:
    """Keep pages in this worker's memory (PAGE_CACHE_ENTRIES of them; 0 keeps none)."""
    with app.app_context():
        engine = db.engine
    keeper = Keeper(engine.dialect.name, entries=app.config["PAGE_CACHE_ENTRIES"])
    app.extensions["page_cache"] = keeper
    _stamp_commits(engine, keeper)
