"""Server time of every dashboard page on SQLite with the demo data (budget ≤ 100 ms a page).

    .venv/bin/python bench/dashboard_demo.py

Builds a throwaway SQLite file (migrations + `flask seed demo`), signs in as each tier's demo
user through the test client and times each page warm: median and p95 of 20, with the size
of the answer (and gzipped, as it goes over the wire). CPU ms is the process's own time (SQLite runs
in-process), which stays honest when other jobs crowd the machine's cores.
"""
from __future__ import annotations

import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPEAT = 20


def main() -> None:
    from flask_migrate import upgrade
    from sqlalchemy import select

    from webapp import create_app
    from webapp.auth.models import User
    from webapp.demo import first_posyandu, seed_demo
    from webapp.extensions import db

    folder = tempfile.mkdtemp(prefix="pokjanal-dash-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/demo.sqlite3", "TESTING": True,
                      "WTF_CSRF_ENABLED": False})
    with app.app_context():
        upgrade(revision="head")
        seed_demo()
        posyandu = first_posyandu("62.02.01.2003").id
        users = {u.username: u.get_id() for u in db.session.scalars(select(User))}
    pages = [
        ("bupati.kotim", "/pemantauan"),
        ("bupati.kotim", "/pemantauan/62.02?rentang=12"),
        ("bupati.kotim", "/pemantauan/62.02.01"),
        ("bupati.kotim", "/pemantauan/62.02.01.2003"),
        ("bupati.kotim", f"/pemantauan/posyandu/{posyandu}?rentang=12"),
        ("camat.kotabesi", "/pemantauan"),
        ("kades.palangan", "/pemantauan"),
        ("admin.ttu", "/pemantauan"),
        ("bupati.kotim", "/pemantauan/62.02/tabel.xlsx"),
        ("bupati.kotim", "/pemantauan/62.02/tabel.csv"),
    ]
    print(f"{'user':16} {'page':42} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>7} {'kB':>6} {'gzip kB':>8}")
    for username, path in pages:
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = users[username]
            session["_fresh"] = True
        assert client.get(path).status_code == 200, path
        times, cpu = [], []
        for _ in range(REPEAT):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        body = response.data
        p95 = sorted(times)[int(0.95 * len(times)) - 1]
        print(f"{username:16} {path:42} {statistics.median(times):10.1f} {p95:8.1f} {statistics.median(cpu):7.1f} {len(body) / 1000:6.1f} "
              f"{len(gzip.compress(body)) / 1000:8.1f}")


if __name__ == "__main__":
    main()
