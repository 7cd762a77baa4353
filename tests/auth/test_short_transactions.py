"""Sign-in, password change, account creation and reset hash outside the write lock: on SQLite
another writer waits only milliseconds while they hash."""
import sqlite3

import pytest
from sqlalchemy import select

from tests.conftest import POSTGRES_URL
from webapp.auth.models import User
from webapp.extensions import db

pytestmark = pytest.mark.skipif(bool(POSTGRES_URL), reason="the write lock is SQLite's")
PRODUCTION_HASH = "argon2id"


def _lock_is_free(path: str) -> bool:
    """Whether another connection could take SQLite's write lock right now (no waiting)."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


def test_slow_hashing_never_holds_the_write_lock(demo_app, login_as, monkeypatch):
    """Every hash and every check of a password, in each of the five requests that do one, starts while
    another connection could take the write lock: no request holds it through the slow part."""
    from webapp.auth import services

    path = demo_app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    posyandu_id = db.session.scalar(select(User).where(User.username == "kader.palangan")).roles[0].posyandu_id
    manager = demo_app.test_client()
    login_as(manager, "pokja.palangan")
    db.session.rollback()  # this thread's own reads must not count
    free: list[bool] = []

    def probing(fn):
        def probe(*args, **kwargs):
            free.append(_lock_is_free(path))
            return fn(*args, **kwargs)
        return probe

    # at production's method the demo's older hashes are replaced at sign-in: one more hash to probe
    monkeypatch.setitem(demo_app.config, "PASSWORD_HASH_METHOD", PRODUCTION_HASH)
    monkeypatch.setattr(services, "hash_password", probing(services.hash_password))
    monkeypatch.setattr(services, "verify_password", probing(services.verify_password))
    client = demo_app.test_client()
    answers = [
        client.post("/masuk", data={"login": "kader.palangan", "password": "pokjanal-demo"}).status_code,
        client.post("/masuk", data={"login": "kader.palangan", "password": "salah-sandi-1"}).status_code,
        client.post("/masuk", data={"login": "tidak.ada", "password": "salah-sandi-2"}).status_code,
        manager.post("/akun", data={"current_password": "pokjanal-demo",
                                    "new_password": "Sandi-baru-kuat-9"}).status_code,
        manager.post("/pengguna", data={
            "full_name": "Kader Baru", "username": "kader.baru", "phone": "", "jabatan": "", "nip": "",
            "role": "kader", "region_code": "62.02.01.2003", "password": "Sandi-awal-kuat-1",
            "posyandu_id": str(posyandu_id)}).status_code,
    ]
    assert sorted(answers) == [302, 302, 302, 422, 422], answers
    assert len(free) >= 6 and all(free), free
