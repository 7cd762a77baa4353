"""Fixtures: a fresh migrated database per test (SQLite file, or PostgreSQL when
POKJANAL_TEST_POSTGRES is set), the app, a client, login_as, and the demo base data."""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from webapp import create_app

POSTGRES_URL = os.environ.get("POKJANAL_TEST_POSTGRES")
FAST_HASH = "scrypt:16384:8:1"  # tests only; the app's default is Argon2id (webapp/auth/passwords.py)


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


def _upgrade(url: str, seed: bool) -> None:
    from flask_migrate import upgrade

    app = create_app(test_config(url))
    with app.app_context():
        upgrade(revision="head")
        if seed:
            from webapp.demo import seed_base
            seed_base()
        from webapp.extensions import db
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def _templates(tmp_path_factory):
    """Migrate once per session: an empty schema and one with the demo base data."""
    if POSTGRES_URL:
        _upgrade(POSTGRES_URL, seed=False)
        return {"empty": None, "demo": None}
    folder = tmp_path_factory.mktemp("templates")
    paths = {}
    for name in ("empty", "demo"):
        path = folder / f"{name}.sqlite3"
        _upgrade(f"sqlite:///{path}", seed=name == "demo")
        paths[name] = path
    return paths


def _truncate_postgres(app) -> None:
    from webapp.extensions import db

    tables = [t.name for t in db.metadata.sorted_tables]
    with db.engine.begin() as conn:
        conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))


def _make_app(_templates, tmp_path, which: str):
    if POSTGRES_URL:
        app = create_app(test_config(POSTGRES_URL))
        with app.app_context():
            _truncate_postgres(app)
            if which == "demo":
                from webapp.demo import seed_base
                seed_base()
        return app
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
def demo_app(_templates, tmp_path):
    """An app whose database holds the demo regions, Posyandu and accounts."""
    app = _make_app(_templates, tmp_path, "demo")
    with app.app_context():
        yield app
        _dispose(app)


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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def live_server(_templates, tmp_path):
    """The app served over real HTTP on a free loopback port, on a demo-seeded SQLite file."""
    import threading

    from werkzeug.serving import make_server

    app = _make_app(_templates, tmp_path, "demo") if not POSTGRES_URL else None
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
