"""Every benched page against the anonymous login page in one warm process (budget: each ≤ 6× login, DESIGN §4).

Every page is rendered afresh on each request (there is no page cache: bench/rush.py showed it kept
nothing in a morning rush), so the figure is what every view costs.

    .venv/bin/python bench/warm.py                       # BENCH_REQUESTS=100 a page, 3 interleaved rounds
    BENCH_PROFILE="report form" .venv/bin/python bench/warm.py   # and cProfile that page (top 30, cumulative)

The Flask test client on the demo (SQLite), this process's CPU time per request (`time.process_time`,
median of the rounds' medians), so other jobs on the machine barely move it; the SQL statements a
request runs are counted beside it.
"""
from __future__ import annotations

import cProfile
import os
import pstats
import statistics

from common import fresh_app, table
from pages import cpu_ms, page_paths, sign_in

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def _client(app, username):
    client = app.test_client()
    sign_in(app, client, username)
    for _ in range(5):
        assert client.get("/").status_code in (200, 302)
    return client


def statements(app, client, path: str) -> int:
    """SQL statements one request for `path` runs (BEGIN left out), straight after one that warms it."""
    from sqlalchemy import event

    from webapp.extensions import db

    client.get(path)
    seen = []

    def record(_conn, _cursor, statement, *_args):
        if statement.strip().upper() != "BEGIN":
            seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(seen)


def profile(client, path: str) -> None:
    """cProfile of REQUESTS requests for `path`: the top 30 by cumulative time, then our own code's top 40."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(REQUESTS):
        client.get(path, headers={"Accept-Encoding": "gzip"})
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(os.environ.get("BENCH_PROFILE_FILTER", "webapp/|templates/"), 40)


def _cpu(app, pages) -> tuple[dict[str, float], dict]:
    clients = {name: _client(app, user) for name, user, _ in pages}
    for name, _, path in pages:
        response = clients[name].get(path)
        assert response.status_code == 200, (name, path, response.status_code)
    results = {name: [] for name, _, _ in pages}
    for _round in range(ROUNDS):
        for name, _, path in pages:
            results[name].append(cpu_ms(clients[name], path, REQUESTS))
    return {name: statistics.median(values) for name, values in results.items()}, clients


def main() -> None:
    wanted = os.environ.get("BENCH_PROFILE")
    if wanted:
        app = fresh_app(demo=True)
        pages = page_paths(app)
        client = _client(app, next(user for n, user, _ in pages if n == wanted))
        profile(client, next(p for n, _, p in pages if n == wanted))
        return
    app = fresh_app(demo=True)
    pages = page_paths(app)
    rendered, clients = _cpu(app, pages)
    rows = [[name, path, f"{rendered[name]:.2f}", f"{rendered[name] / rendered['login']:.2f}",
             statements(app, clients[name], path)] for name, _, path in pages]
    print(f"{REQUESTS} requests a page, {ROUNDS} interleaved rounds (median); load average {os.getloadavg()[0]:.2f}")
    print(table(["page", "path", "rendered ms", "× login", "stmts"], rows))
    print("budget: every signed-in page ≤ 6× the login page (render path: there is no page cache)")


if __name__ == "__main__":
    main()
