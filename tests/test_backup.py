"""Backups that restore: a backup taken while writes go on holds every write acknowledged before
it began, passes the integrity check, and restores into a fresh database; restore refuses a
database another process has open, and a damaged file."""
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import conftest
from webapp import create_app
from webapp.audit import AuditEvent
from webapp.extensions import db

pytestmark = pytest.mark.skipif(bool(conftest.POSTGRES_URL), reason="SQLite backups; PostgreSQL uses pg_dump (README)")


def _database(app) -> Path:
    return Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))


def _writer(path: Path, acknowledged: list, stop: threading.Event) -> None:
    """Insert audit rows one transaction each; a row is acknowledged once its COMMIT returned."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=10)
    n = 0
    while not stop.is_set():
        n += 1
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO audit_event (action, subject, detail, address, at)"
                           " VALUES ('uji.tulis', ?, '', '', '2026-01-01 00:00:00')", (f"baris {n}",))
        connection.execute("COMMIT")
        acknowledged.append(f"baris {n}")
    connection.close()


def test_backup_during_writes_restores_every_acknowledged_row(demo_app, tmp_path):
    db.session.remove()
    acknowledged, stop = [], threading.Event()
    writer = threading.Thread(target=_writer, args=(_database(demo_app), acknowledged, stop))
    writer.start()
    time.sleep(0.3)
    before = len(acknowledged)
    result = demo_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "cadangan")])
    during = len(acknowledged)
    time.sleep(0.1)
    stop.set()
    writer.join()
    assert result.exit_code == 0, result.output
    assert "sudah diperiksa" in result.output
    (backup_file,) = (tmp_path / "cadangan").glob("pokjanal-*.sqlite3")
    assert before > 10 and len(acknowledged) > during  # writes went on before, during and after

    fresh = create_app(conftest.test_config(f"sqlite:///{tmp_path / 'baru.sqlite3'}"))
    with fresh.app_context():
        restored = fresh.test_cli_runner().invoke(args=["restore", str(backup_file)])
        assert restored.exit_code == 0, restored.output
        rows = set(db.session.scalars(select(AuditEvent.subject).where(AuditEvent.action == "uji.tulis")))
        assert set(acknowledged[:before]) <= rows  # every write acknowledged before the backup began
        assert rows == set(acknowledged[:len(rows)])  # a consistent prefix: nothing torn, nothing invented
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) >= len(rows)
        db.session.remove()
        db.engine.dispose()


@contextmanager
def _backup_and_a_holder(app, folder: Path, listening: bool = False):
    """A fresh backup in `folder`, and another process holding the app's database open (and listening on a
    port, as an app server does, when `listening`) until the block ends. Yields (backup file, holder)."""
    result = app.test_cli_runner().invoke(args=["backup", str(folder)])
    (backup_file,) = folder.glob("pokjanal-*.sqlite3")
    assert result.exit_code == 0, result.output
    listen = " s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen();" if listening else ""
    holder = subprocess.Popen([sys.executable, "-c", "import socket, sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]);"
                               f" c.execute('select count(*) from user').fetchall();{listen} print('ok', flush=True);"
                               " time.sleep(30)", str(_database(app))], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        yield backup_file, holder
    finally:
        holder.kill()
        holder.wait()


def test_restore_refuses_a_database_in_use_and_a_damaged_file(demo_app, tmp_path):
    with _backup_and_a_holder(demo_app, tmp_path) as (backup_file, holder):
        result = demo_app.test_cli_runner().invoke(args=["restore", str(backup_file)])
        assert result.exit_code == 1 and f"sedang dibuka proses {holder.pid}" in result.output
        forced = demo_app.test_cli_runner().invoke(args=["restore", str(backup_file), "--force"])
        assert forced.exit_code == 0 and "sebelum-pulih-" in forced.output, forced.output
    damaged = tmp_path / "rusak.sqlite3"
    damaged.write_bytes(backup_file.read_bytes()[:4096] + b"\x00" * 4096)
    result = demo_app.test_cli_runner().invoke(args=["restore", str(damaged)])
    assert result.exit_code == 1 and "tidak dipulihkan" in result.output
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) >= 0  # the database still answers


def _side_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(("-wal", "-shm", ".partial")))


def test_a_backup_and_the_copy_kept_before_a_restore_leave_no_side_files(demo_app, tmp_path):
    """Issue 23: each backup left empty -wal/-shm files beside it."""
    runner = demo_app.test_cli_runner()
    assert runner.invoke(args=["backup", str(tmp_path / "cadangan")]).exit_code == 0
    (backup_file,) = (tmp_path / "cadangan").glob("pokjanal-*.sqlite3")
    assert _side_files(tmp_path / "cadangan") == [] and len(list((tmp_path / "cadangan").iterdir())) == 1
    with sqlite3.connect(backup_file) as check:  # still a sound database once opened for writing
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.session.remove()
    result = runner.invoke(args=["restore", str(backup_file), "--force"])
    assert result.exit_code == 0, result.output
    (kept,) = _database(demo_app).parent.glob("sebelum-pulih-*.sqlite3")
    assert [name for name in _side_files(kept.parent) if name.startswith("sebelum-pulih-")] == []


def test_restore_refuses_even_forced_while_an_app_server_serves_from_the_database(demo_app, tmp_path):
    """Issue 23: `restore --force` under a serving app made its requests in flight fail."""
    with _backup_and_a_holder(demo_app, tmp_path, listening=True) as (backup_file, server):
        forced = demo_app.test_cli_runner().invoke(args=["restore", str(backup_file), "--force"])
        assert forced.exit_code == 1
        assert f"Aplikasi sedang melayani dari basis data {_database(demo_app).resolve()} (proses {server.pid})" \
            in forced.output and "--force tidak berlaku selama aplikasi melayani" in forced.output
        assert list(tmp_path.glob("sebelum-pulih-*")) == []  # nothing was touched
