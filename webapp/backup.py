"""Backups that restore: a consistent copy of the live SQLite database (the online backup API,
so what still sits in the WAL is included), checked before it is trusted, and a restore that
refuses a database a running app has open (always, even forced, while an app server serves from it).
PostgreSQL is backed up with pg_dump (README)."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    """A backup or restore refused, with the reason in Bahasa Indonesia."""


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for another backend (or an in-memory database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).resolve()


def integrity_problem(path: Path) -> str | None:
    """None when the file is a sound SQLite database holding a migrated Pokjanal schema."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            result = connection.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                return f"pemeriksaan integritas gagal: {result[:3]}"
            if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").fetchone():
                return "bukan basis data Pokjanal (tabel alembic_version tidak ada)"
    except sqlite3.DatabaseError as error:
        return f"bukan berkas SQLite yang utuh ({error})"
    return None


def _copy(source: Path, target: Path, standalone: bool = False) -> None:
    """Copy through SQLite's online backup API in one step: a consistent snapshot (WAL included)
    while writers go on (a step-by-step copy restarts at every write and may never end). A standalone copy
    (a backup file) leaves WAL mode, so neither it nor a read-only check of it leaves -wal/-shm files beside."""
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)) as src, \
            closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        if standalone:
            dst.execute("PRAGMA journal_mode=DELETE")
    if standalone:
        for side in ("-wal", "-shm"):
            Path(f"{target}{side}").unlink(missing_ok=True)


def backup(url: str, folder: Path, prefix: str = "pokjanal") -> Path:
    """Write a dated backup into folder and check it; answers its path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    source = sqlite_path(url)
    if source is None:
        return _pg_dump(url, folder / f"{prefix}-{stamp}.dump")
    if not source.exists():
        raise BackupError(f"Basis data {source} tidak ada.")
    target = folder / f"{prefix}-{stamp}.sqlite3"
    partial = target.with_suffix(".partial")
    _copy(source, partial, standalone=True)
    problem = integrity_problem(partial)
    if problem:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Cadangan tidak bisa dipercaya: {problem}.")
    partial.rename(target)
    return target


def _pg_dump(url: str, target: Path) -> Path:
    if not shutil.which("pg_dump"):
        raise BackupError("pg_dump tidak ditemukan (apt-get install postgresql-client); lihat README, bagian Cadangan.")
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(["pg_dump", "--format=custom", "--file", str(target), plain], check=True)
    return target


def _listening_sockets() -> set[str]:
    """The inodes of listening TCP sockets on this machine ("socket:[inode]" as a process's fd reads)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        found |= {f"socket:[{parts[9]}]" for parts in map(str.split, lines) if len(parts) > 9 and parts[3] == "0A"}
    return found


def serving(pids: list[int]) -> list[int]:
    """Those of `pids` that listen on a port: an app server (gunicorn's workers hold its socket), whose
    requests in flight would fail if the database were replaced under them."""
    sockets = _listening_sockets()
    found = []
    for pid in pids:
        try:
            if any(os.readlink(fd) in sockets for fd in Path(f"/proc/{pid}/fd").iterdir()):
                found.append(pid)
        except OSError:
            continue
    return found


def processes_using(path: Path) -> list[int]:
    """Other processes holding the database (or its WAL) open, read from /proc (Linux)."""
    names = {str(path), f"{path}-wal", f"{path}-shm"}
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        if int(entry.name) == os.getpid():
            continue
        try:
            if any(os.readlink(fd) in names for fd in (entry / "fd").iterdir()):
                found.append(int(entry.name))
        except OSError:
            continue  # gone meanwhile, or not ours to read
    return sorted(found)


def restore(url: str, source: Path, force: bool = False, folder: Path | None = None) -> Path | None:
    """Replace the app's SQLite database with a checked backup; the current one is kept beside it first.
    Refuses while another process has the database open, unless forced. Answers the kept copy's path."""
    target = sqlite_path(url)
    if target is None:
        raise BackupError("Pemulihan otomatis hanya untuk SQLite; untuk PostgreSQL pakai pg_restore (lihat README).")
    problem = integrity_problem(source)
    if problem:
        raise BackupError(f"Berkas {source} tidak dipulihkan: {problem}.")
    users = processes_using(target)
    servers = serving(users)
    if servers:  # --force never replaces a database under requests in flight
        raise BackupError(f"Aplikasi sedang melayani dari basis data {target} (proses {', '.join(map(str, servers))}"
                          "). Hentikan layanan dulu (mis. systemctl stop pokjanal, atau Ctrl+C pada make run), "
                          "lalu ulangi pemulihan; --force tidak berlaku selama aplikasi melayani.")
    if users and not force:
        raise BackupError(f"Basis data {target} sedang dibuka proses {', '.join(map(str, users))} (aplikasi masih "
                          "berjalan?). Hentikan aplikasi dulu, atau tambahkan --force bila Anda yakin.")
    kept = None
    if target.exists() and target.stat().st_size and not integrity_problem(target):
        kept = backup(url, folder or target.parent, prefix="sebelum-pulih")
    _copy(source, target)
    problem = integrity_problem(target)
    if problem:
        raise BackupError(f"Hasil pemulihan gagal diperiksa: {problem}.")
    return kept
