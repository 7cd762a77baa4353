"""Fixtures: a fresh migrated database per test (SQLite file, or PostgreSQL when
POKJANAL_TEST_POSTGRES is set), the app, a client, login_as, and the demo base data."""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from webapp import create_app


def _suffixed(url: str, suffix: str) -> str:
    """The URL of a sibling database on the same server: "<name>_<suffix>"."""
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{suffix}").render_as_string(hide_password=False)


POSTGRES_URL = os.environ.get("POKJANAL_TEST_POSTGRES")
# Under pytest-xdist each worker has its own PostgreSQL database (the run's name + the worker id), created by
# the first test that needs it and dropped at the end: workers never truncate each other's tables.
WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if POSTGRES_URL and WORKER:
    POSTGRES_URL = _suffixed(POSTGRES_URL, WORKER)
FAST_HASH = "scrypt:16384:8:1"  # tests only; the app's default is Argon2id (webapp/auth/passwords.py)


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL only what reaches the database runs (a test on the app fixtures, or marked `postgres`):
    the rest (parsing, formatting, PDF layout, the source's architecture, SQLite files) cannot differ there
    and has run on the SQLite pass already."""
    if not POSTGRES_URL:
        return
    kept, same = [], []
    for item in items:
        reaches = "_templates" in getattr(item, "fixturenames", ()) or item.get_closest_marker("postgres")
        (kept if reaches else same).append(item)
    if same:
        config.hook.pytest_deselected(items=same)
        items[:] = kept


def test_config(url: str) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": FAST_HASH,
        "SERVER_NAME": None,
    }


@contextmanager
def database_at(path, revision: str):
    """A fresh SQLite file migrated to `revision`, in its app's context, for testing a data migration:
    the test inserts rows as they were, then upgrades (or downgrades) and reads them back."""
    from flask_migrate import upgrade

    from webapp.extensions import db

    app = create_app(test_config(f"sqlite:///{path}"))
    with app.app_context():
        upgrade(revision=revision)
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def _upgrade(url: str, seed: bool | str) -> None:
    """Migrate a database to head; seed=True adds the demo base data, seed="full" the whole demo."""
    from flask_migrate import upgrade

    app = create_app(test_config(url))
    with app.app_context():
        upgrade(revision="head")
        if seed:
            from webapp.demo import seed_base, seed_demo
            (seed_demo if seed == "full" else seed_base)()
        from webapp.extensions import db
        db.session.remove()
        db.engine.dispose()


@contextmanager
def _postgres_admin():
    """A connection to the server's maintenance database for CREATE/DROP DATABASE (outside any transaction)."""
    from sqlalchemy import create_engine

    url = make_url(os.environ["POKJANAL_TEST_POSTGRES"]).set(database="postgres")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _postgres_database(url: str, create: bool, template: str | None = None) -> None:
    """Drop the database of `url`, then (create=True) make it afresh, empty or as a copy of `template`."""
    name = make_url(url).database
    with _postgres_admin() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if create:
            copy = f' TEMPLATE "{template}" STRATEGY WAL_LOG' if template else ""  # no checkpoint, unlike FILE_COPY
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))


class Templates(dict):
    """The session's migrated databases: "empty" and "demo" (the base data) at once, "full" (the whole demo,
    built by seed_demo) on first use, since only the tests on `full_demo` need it. Each test gets a copy:
    of the file on SQLite; on PostgreSQL the run's (or worker's) database is made again from the template,
    which is several times quicker there than truncating every table and seeding again."""

    def __init__(self, folder):
        super().__init__()
        self.folder = folder
        for name in ("empty", "demo"):
            self[name] = self._build(name, seed=name == "demo")

    def _build(self, name: str, seed):
        if POSTGRES_URL:
            url = _suffixed(POSTGRES_URL, name)
            _postgres_database(url, create=True)
            _upgrade(url, seed=seed)
            return url
        path = self.folder / f"{name}.sqlite3"
        _upgrade(f"sqlite:///{path}", seed=seed)
        return path

    def __missing__(self, name: str):
        assert name == "full", name
        self[name] = self._build(name, seed="full")
        return self[name]

    def close(self) -> None:
        if POSTGRES_URL:
            for url in [*self.values(), *([POSTGRES_URL] if WORKER else [])]:
                _postgres_database(url, create=False)


@pytest.fixture(scope="session")
def _templates(tmp_path_factory):
    """Migrate once per session (per xdist worker): see Templates."""
    templates = Templates(tmp_path_factory.mktemp("templates"))
    yield templates
    templates.close()


def _which(request) -> str:
    """A test on the `full_demo` fixture (or marked `full_demo`, for live_server) gets the whole demo
    (reports, plans, meetings...), not only its base data."""
    full = "full_demo" in request.fixturenames or request.node.get_closest_marker("full_demo")
    return "full" if full else "demo"


def _make_app(_templates, tmp_path, which: str):
    if POSTGRES_URL:
        _postgres_database(POSTGRES_URL, create=True, template=make_url(_templates[which]).database)
        return create_app(test_config(POSTGRES_URL))
    path = tmp_path / "app.sqlite3"
    shutil.copyfile(_templates[which], path)
    return create_app(test_config(f"sqlite:///{path}"))


@pytest.fixture
def app(_templates, tmp_path):
    """An app on an empty, migrated database."""
    app = _make_app(_templates, tmp_path, "empty")
    with app.app_context():
        yield app
        _dispose(app)


@pytest.fixture
def demo_app(_templates, tmp_path, request):
    """An app whose database holds the demo regions, Posyandu and accounts (the whole demo when the test is
    marked `full_demo`: a copy of one seeded database, not a seed per test)."""
    app = _make_app(_templates, tmp_path, _which(request))
    with app.app_context():
        yield app
        _dispose(app)


@pytest.fixture
def full_demo(demo_app):
    """demo_app holding the whole demo, as `flask seed demo` leaves it; demo_client is on the same app."""
    return demo_app


def _dispose(app) -> None:
    from webapp.extensions import db

    db.session.remove()
    db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def demo_client(demo_app):
    return demo_app.test_client()


def _login(client, user) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


@pytest.fixture
def login_as():
    """login_as(client, user_or_username): sign a test client in without the form."""
    def sign_in(client, user):
        from sqlalchemy import select

        from webapp.auth.models import User
        from webapp.extensions import db

        if isinstance(user, str):
            user = db.session.scalar(select(User).where(User.username == user))
        _login(client, user)
        return user
    return sign_in


@pytest.fixture
def demo_user():
    """demo_user('pokja.palangan') -> the User row."""
    def find(username: str):
        from sqlalchemy import select

        from webapp.auth.models import User
        from webapp.extensions import db

        return db.session.scalar(select(User).where(User.username == username))
    return find


# ---- browser tests ------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def _browser():
    """Debian's Chromium through Playwright; a missing browser fails under CI, else skips."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium tidak ada di /usr/bin/chromium (apt-get install chromium)")
        pytest.skip("Chromium tidak ada: apt-get install chromium")
    from playwright.sync_api import expect, sync_playwright

    # Under pytest-xdist another worker renders PDFs beside the browser: `expect` waits as long as the
    # pages' own actions (10 s, see `phone`) instead of its 5 s default before it calls a page missing.
    expect.set_options(timeout=10_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def live_server(_templates, tmp_path, request):
    """The app served over real HTTP on a free loopback port, on a demo-seeded SQLite file."""
    import threading

    from werkzeug.serving import make_server

    app = _make_app(_templates, tmp_path, _which(request)) if not POSTGRES_URL else None
    if app is None:
        pytest.skip("browser tests run on SQLite")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.app = app
    server.url = f"http://127.0.0.1:{server.server_port}"
    yield server
    server.shutdown()
    with app.app_context():
        _dispose(app)


@pytest.fixture
def phone(_browser):
    """A fresh 360×740 mobile browser context; `phone.new_page()` for each user."""
    context = _browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                   device_scale_factor=2, locale="id-ID")
    context.set_default_timeout(10000)
    yield context
    context.close()


def sign_in_page(page, base_url: str, login: str, password: str = "pokjanal-demo") -> None:
    """Use the real login form; returns once the answer is on screen (hx-boost swaps it in without a
    page load, so waiting for "networkidle" alone can return before the request has even left)."""
    for _ in range(3):
        page.goto(f"{base_url}/masuk")
        if page.locator("input[name=login]").count():
            break
        # Signed in already: a response still on its way for the previous user of this context (the service
        # worker's update check) set that user's cookie again after the test cleared it. A real sign-out ends
        # every session of the account (session_version), so only the tests' cookie clearing meets this.
        page.context.clear_cookies()
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_function("() => { const p = document.querySelector('input[name=password]');"
                           " return !p || p.value === ''; }")
    page.wait_for_load_state("networkidle")
