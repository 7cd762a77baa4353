"""Sign-in, password change, account creation and reset hash outside the write lock: on SQLite
another writer waits only milliseconds while they run at the production scrypt cost."""
import sqlite3
import threading
import time

import pytest
from sqlalchemy import select

from tests.conftest import POSTGRES_URL
from webapp.auth.models import User
from webapp.auth.passwords import hash_password
from webapp.extensions import db

pytestmark = pytest.mark.skipif(bool(POSTGRES_URL), reason="the write lock is SQLite's")
OWASP = "scrypt:131072:8:1"


def _writer_waits(path: str, stop: threading.Event) -> list[float]:
    """Write every 10 ms from another connection; how long each write waited for the lock."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=2)
    waits = []
    while not stop.is_set():
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO login_attempt (login, address, succeeded, at)"
                           " VALUES ('pengukur', '10.0.0.1', 1, '2026-01-01 00:00:00')")
        connection.execute("COMMIT")
        waits.append(time.perf_counter() - started)
        time.sleep(0.01)
    connection.close()
    return waits


def _timed(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


def test_slow_hashing_never_holds_the_write_lock(demo_app, login_as):
    demo_app.config["PASSWORD_HASH_METHOD"] = OWASP
    for name in ("kader.palangan", "pokja.palangan"):
        db.session.scalar(select(User).where(User.username == name)).password_hash = hash_password("pokjanal-demo")
    db.session.commit()
    posyandu_id = db.session.scalar(select(User).where(User.username == "kader.palangan")).roles[0].posyandu_id
    manager = demo_app.test_client()
    login_as(manager, "pokja.palangan")
    db.session.rollback()  # this thread's reads held the lock (no request here: BEGIN IMMEDIATE)
    jobs = [
        lambda c: c.post("/masuk", data={"login": "kader.palangan", "password": "pokjanal-demo"}),
        lambda c: c.post("/masuk", data={"login": "kader.palangan", "password": "salah-sandi-1"}),
        lambda c: c.post("/masuk", data={"login": "tidak.ada", "password": "salah-sandi-2"}),
        lambda c: manager.post("/akun", data={"current_password": "pokjanal-demo",
                                              "new_password": "Sandi-baru-kuat-9"}),
        lambda c: manager.post("/pengguna", data={
            "full_name": "Kader Baru", "username": "kader.baru", "phone": "", "jabatan": "", "nip": "",
            "role": "kader", "region_code": "62.02.01.2003", "password": "Sandi-awal-kuat-1",
            "posyandu_id": str(posyandu_id)}),
    ]
    hash_seconds = min(_timed(hash_password, "ukur-biaya-hash") for _ in range(2))  # this machine, right now
    path = demo_app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    stop, answers, waits = threading.Event(), [], []
    writer = threading.Thread(target=lambda: waits.extend(_writer_waits(path, stop)))
    writer.start()
    started = time.perf_counter()
    threads = [threading.Thread(target=lambda job=job: answers.append(job(demo_app.test_client()).status_code))
               for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    stop.set()
    writer.join()
    assert sorted(answers) == [302, 302, 302, 422, 422], answers
    assert elapsed > hash_seconds, elapsed  # the hashing really ran at the production cost meanwhile
    # Holding the lock through a hash makes another writer wait a whole hash (or several in a row);
    # outside it, only the few rows written: milliseconds on an idle machine, well under one hash on a busy one.
    assert len(waits) > 10 and max(waits) < 0.6 * hash_seconds, (len(waits), max(waits, default=None), hash_seconds)
