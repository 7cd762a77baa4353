"""Server CPU per signed-in page against the stack's floor (budget: every signed-in page ≤ 6× the ceiling).

    .venv/bin/python bench/ceiling.py [--port 8320]   # BENCH_REQUESTS=200 a batch, BENCH_ROUNDS=2; ports P, P+1

Every page is the render path: there is no page cache (bench/rush.py found it kept nothing in a
morning rush), so each request builds its page afresh, as users meet it. The ceiling's template is
compiled once, as any Flask app's is.

The app (demo data, SQLite) and `ceiling_app.py` (bare Flask + Jinja + gzip serving the bytes the
app answered for each page) run under the same gunicorn: 4 sync workers, loopback only, each
started with --pid and stopped by that pid. Batches of each page alternate between the two
(rounds interleaved, median kept), at concurrency 1 and 8. The CPU per request is the workers'
own CPU time (/proc, user + system) over the batch, so clients and other jobs on the machine do
not count; req/s and p50/p95 are wall-clock and do.
"""
from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import ROOT, add_port_option, free_port, fresh_app, table
from pages import page_paths, session_cookie

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
WORKERS = 4
SECRET = "bench-ceiling-not-secret"
TICK = os.sysconf("SC_CLK_TCK")


class Server:
    """One gunicorn on loopback, started with --pid and stopped by it."""

    def __init__(self, module: str, chdir: Path, env: dict, port: int | None = None):
        self.port, self.folder = port or free_port(), Path(tempfile.mkdtemp(prefix="pokjanal-ceiling-"))
        self.pidfile = self.folder / "gunicorn.pid"
        command = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS), "--worker-class", "sync",
                   "--bind", f"127.0.0.1:{self.port}", "--pid", str(self.pidfile), "--chdir", str(chdir),
                   "--log-level", "warning", module]
        self.process = subprocess.Popen(command, env={**os.environ, **env})
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                self.get("/__ready__", {})
                if len(self.workers()) == WORKERS:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn {module} tidak mau jalan")

    def workers(self) -> list[int]:
        master = int(self.pidfile.read_text())
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return [int(pid) for pid in children]

    def cpu_seconds(self) -> float:
        total = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / TICK

    def fetch(self, path: str, headers: dict) -> tuple[int, bytes, dict]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return response.status, response.read(), dict(response.getheaders())
        finally:
            connection.close()

    def get(self, path: str, headers: dict) -> tuple[int, bytes, str]:
        status, body, answer_headers = self.fetch(path, headers)
        return status, body, answer_headers.get("Content-Type", "")

    def settled_cookie(self, path: str, cookie: str) -> str:
        """The session cookie after the server stops changing it, as a browser keeps what is set
        (the first request adds the session's CSRF token and sign-in time)."""
        for _ in range(3):
            set_cookie = self.fetch(path, _headers(cookie))[2].get("Set-Cookie", "")
            if not set_cookie.startswith("pokjanal_session="):
                return cookie
            cookie = set_cookie.split(";", 1)[0].split("=", 1)[1]
        return cookie

    def stop(self) -> None:
        if self.pidfile.exists():
            os.kill(int(self.pidfile.read_text()), signal.SIGTERM)
        self.process.wait(timeout=30)


def _headers(cookie: str | None) -> dict:
    headers = {"Accept-Encoding": "gzip"}
    if cookie:
        headers["Cookie"] = f"pokjanal_session={cookie}"
    return headers


def _floor_path(name: str) -> str:
    """The ceiling's path for a page: one per page, since pages share a path ("/" is each role's home) or differ
    only in their query string (the roll-up's ?wilayah=)."""
    return "/" + name.replace(" ", "-")


def batch(server: Server, path: str, headers: dict, concurrency: int) -> dict:
    """REQUESTS requests over `concurrency` threads: workers' CPU ms a request, req/s, p50/p95 ms."""
    latencies, failures = [], []
    per_thread = REQUESTS // concurrency

    def work():
        for _ in range(per_thread):
            started = time.perf_counter()
            status, _, _ = server.get(path, headers)
            latencies.append((time.perf_counter() - started) * 1000)
            if status != 200:
                failures.append(status)

    threads = [threading.Thread(target=work) for _ in range(concurrency)]
    cpu0, wall0 = server.cpu_seconds(), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall, cpu = time.perf_counter() - wall0, server.cpu_seconds() - cpu0
    assert not failures, (path, failures[:3])
    ordered = sorted(latencies)
    return {"cpu": cpu * 1000 / len(latencies), "rps": len(latencies) / wall,
            "p50": statistics.median(ordered), "p95": ordered[int(0.95 * (len(ordered) - 1))]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_port_option(parser, servers=2)
    args = parser.parse_args()
    app = fresh_app(demo=True, SECRET_KEY=SECRET)
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    pages = page_paths(app)
    cookies = {user: session_cookie(app, user) for _, user, _ in pages}
    env = {"DATABASE_URL": database, "SECRET_KEY": SECRET}
    real = Server("wsgi:app", ROOT, env, args.port)
    captured = {}
    try:
        for name, user, path in pages:
            if user is not None:
                cookies[user] = real.settled_cookie(path, cookies[user])
            status, body, mime = real.get(path, _headers(cookies[user]))
            assert status == 200, (path, status)
            captured[_floor_path(name)] = [mime, gzip.decompress(body).decode("utf-8") if body[:2] == b"\x1f\x8b" else body.decode()]
        pages_file = Path(tempfile.mkdtemp(prefix="pokjanal-ceiling-")) / "pages.json"
        pages_file.write_text(json.dumps(captured), encoding="utf-8")
        ceiling = Server("ceiling_app:app", Path(__file__).resolve().parent, {"CEILING_PAGES": str(pages_file)},
                         args.port and args.port + 1)
        try:
            results = {}
            for _round in range(ROUNDS):
                for name, user, path in pages:
                    for concurrency in (1, 8):
                        for label, server, at, headers in (("app", real, path, _headers(cookies[user])),
                                                           ("ceiling", ceiling, _floor_path(name), _headers(None))):
                            results.setdefault((name, concurrency, label), []).append(
                                batch(server, at, headers, concurrency))
        finally:
            ceiling.stop()
    finally:
        real.stop()

    def median(name, concurrency, label, key):
        return statistics.median(r[key] for r in results[(name, concurrency, label)])

    rows = []
    for name, _, _path in pages:
        app_cpu, floor_cpu = median(name, 1, "app", "cpu"), median(name, 1, "ceiling", "cpu")
        ratio = f"{app_cpu / floor_cpu:.1f}" if floor_cpu else "–"  # below the clock tick: raise BENCH_REQUESTS
        row = [name, f"{len(captured[_floor_path(name)][1]) / 1000:.1f}", f"{app_cpu:.1f}", f"{floor_cpu:.2f}", ratio]
        for concurrency in (1, 8):
            row += [f"{median(name, concurrency, 'app', 'rps'):.0f}", f"{median(name, concurrency, 'ceiling', 'rps'):.0f}",
                    f"{median(name, concurrency, 'app', 'p50'):.1f}/{median(name, concurrency, 'app', 'p95'):.1f}"]
        rows.append(row)
    print(f"render path (no page cache); gunicorn {WORKERS} sync workers, {REQUESTS} requests a batch, "
          f"{ROUNDS} interleaved rounds (median); load average {os.getloadavg()[0]:.2f}")
    print(table(["page", "raw KB", "app cpu ms", "ceiling cpu ms", "ratio", "app req/s c1", "ceil req/s c1",
                 "app p50/p95 c1", "app req/s c8", "ceil req/s c8", "app p50/p95 c8"], rows))
    print("budget: ratio ≤ 6 for every signed-in page (DESIGN §4)")


if __name__ == "__main__":
    main()
