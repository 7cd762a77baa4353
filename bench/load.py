"""A morning rush on loopback, with crashes: 50 clients for 60 s (sign-ins spread over the first
10 s, section saves, submits, attendance marks, page reads) against gunicorn (2 workers); a worker
is killed with SIGKILL at 20 s and the master at 40 s (its orphaned workers too, as systemd's
KillMode=mixed does), and the script restarts it. Prints requests/s and p50/p95/p99 per kind,
acknowledged writes, lost, duplicated, false conflicts (409 on a Posyandu only its own client
writes), 5xx inside and outside the restart windows, and the database integrity check.
By default nobody pauses between taps, so the server runs saturated; `--think 1` lets each person
pause about a second between taps, closer to what a person waits on a real morning.

Bounded and local: binds 127.0.0.1 only, at most 100 clients and 120 s, stops by itself.

    .venv/bin/python bench/load.py                  # SQLite file in a temporary folder
    .venv/bin/python bench/load.py --postgres URL   # a PostgreSQL database it may empty (loopback only)
    .venv/bin/python bench/load.py --think 1        # a second between a person's taps
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from common import ROOT, add_port_option, free_port, table

# the checkout's own venv (`make setup`), else the one running this script
BIN = ROOT / ".venv" / "bin" if (ROOT / ".venv" / "bin" / "gunicorn").exists() else Path(sys.executable).parent
PASSWORD = "Sandi-beban-uji-2026"
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|"X-CSRFToken": "([^"]+)"')
GOOD = {  # a valid report, section by section (tests/reports/helpers.py has the same figures)
    "buka": {"kader_on_duty": 5, "home_visits": 3, "referrals": 1},
    "sasaran": {"ibu_hamil_target": 6, "ibu_hamil_served": 5, "ibu_nifas_target": 3, "ibu_nifas_served": 3,
                "bayi_target": 8, "bayi_served": 7, "balita_target": 40, "balita_served": 35, "remaja_target": 30,
                "remaja_served": 20, "dewasa_target": 80, "dewasa_served": 50, "lansia_target": 25,
                "lansia_served": 20},
    "gizi": {"balita_s": 48, "balita_k": 45, "balita_d": 40, "balita_n": 30, "balita_o": 2, "balita_b": 1,
             "balita_bgm": 0, "measured": 38, "stunted": 7, "wasted": 2, "underweight": 4, "balita_referred": 1},
    "ibu": {"ibu_hamil_examined": 5, "ibu_hamil_kek": 1, "ibu_hamil_anemia": 0, "ibu_hamil_ttd": 5,
            "remaja_putri_ttd": 9},
    "ptm": {"dewasa_screened": 50, "dewasa_at_risk": 6, "lansia_screened": 20, "lansia_at_risk": 5},
    "layanan": {"pus_target": 70, "kb_participants": 45, "bayi_immunised": 7},
}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)
        self.errors5xx = []  # (time, kind, status)
        self.conflicts = 0
        self.acked_saves = {}  # (posyandu, month) -> last acknowledged home_visits
        self.acked_submits = defaultdict(int)  # (posyandu, month) -> acknowledged submits
        self.acked_marks = 0
        self.windows = []  # (start, end) of the restart windows, seconds since start

    def record(self, kind: str, seconds: float, status: int, at: float) -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            if status >= 500:
                self.errors5xx.append((at, kind, status))


class Client:
    """One phone: its own cookie, CSRF token, and retries (same client id) across a restart."""

    def __init__(self, port: int, stats: Stats, started: float, deadline: float, think: float, seed: int):
        self.port, self.stats, self.started, self.deadline = port, stats, started, deadline
        self.cookie, self.token = "", ""
        self.think, self.rng = think, random.Random(seed)

    def pause(self) -> None:
        """Time between two taps: a person reads and types (0 = no pause, a saturation test)."""
        if self.think:
            time.sleep(self.rng.uniform(0.5, 1.5) * self.think)

    def request(self, kind: str, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urlencode({**(data or {}), "csrf_token": self.token}) if method == "POST" else None
        while time.monotonic() < self.deadline + 10:
            t0 = time.monotonic()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                headers = {"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"}
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                connection.close()
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)  # the server is restarting: the same request again, same client id
                continue
            self.stats.record(kind, time.monotonic() - t0, response.status, t0 - self.started)
            for header, value in response.getheaders():
                if header.lower() == "set-cookie" and value.startswith("pokjanal_session="):
                    self.cookie = value.split(";", 1)[0]
            if (found := TOKEN.search(text)) is not None:
                self.token = found.group(1) or found.group(2)
            if response.status >= 500 and time.monotonic() < self.deadline:
                time.sleep(0.2)
                continue
            return response.status, text
        return 0, ""

    def sign_in(self, login: str) -> bool:
        self.request("page", "GET", "/masuk")
        status, _ = self.request("signin", "POST", "/masuk", {"login": login, "password": PASSWORD})
        return status == 302


def kader(client: Client, login: str, posyandu: int, months: list[str], stop: threading.Event) -> None:
    """Fill each month section by section (the buka section three times, counting up), then submit."""
    if not client.sign_in(login):
        return
    for month in months:
        page = f"/laporan/posyandu/{posyandu}/{month}"
        year, mon = month.split("-")
        for key, values in GOOD.items():
            repeats = 3 if key == "buka" else 1
            for n in range(1, repeats + 1):
                if stop.is_set():
                    return
                client.request("read", "GET", page)
                data = {k: str(v) for k, v in values.items()}
                if key == "buka":
                    data.update(home_visits=str(n), open_date_1=f"{year}-{mon}-14")
                data["client_id"] = uuid.uuid4().hex
                client.pause()
                status, _ = client.request("save", "POST", f"{page}/bagian/{key}", data)
                with client.stats.lock:
                    if status == 409:
                        client.stats.conflicts += 1
                    elif status in (200, 302) and key == "buka":
                        client.stats.acked_saves[(posyandu, month)] = n
        status, _ = client.request("submit", "POST", f"{page}/kirim", {"client_id": uuid.uuid4().hex, "confirm": "y"})
        with client.stats.lock:
            if status == 409:
                client.stats.conflicts += 1
            elif status == 302:
                client.stats.acked_submits[(posyandu, month)] += 1


def member(client: Client, login: str, meeting: int, participants: list[int], stop: threading.Event) -> None:
    """Marks attendance and reads the dashboard and the registry."""
    if not client.sign_in(login):
        return
    rng = random.Random(meeting + len(participants))
    while not stop.is_set():
        client.request("read", "GET", rng.choice(["/pemantauan/62.02.01", "/posyandu", f"/rapat/{meeting}", "/"]))
        status, _ = client.request("attendance", "POST", f"/rapat/{meeting}/peserta/{rng.choice(participants)}/kehadiran",
                                   {"attendance": rng.choice(["hadir", "izin", "tidak_hadir"])})
        if status in (200, 302):
            with client.stats.lock:
                client.stats.acked_marks += 1
        client.pause()


# ---- the database and the server -------------------------------------------------------------

def prepare(env: dict, kader_count: int) -> tuple[list[tuple[str, int, list[str]]], int, list[int]]:
    """Migrate, seed the demo, add one kader account per Posyandu and a meeting; answers the
    (login, posyandu, months without a report yet) triples, the meeting id and its participant ids."""
    with demo_database(env) as password_hash:
        import datetime as dt

        from sqlalchemy import select

        from webapp.access import Actor
        from webapp.auth.models import User
        from webapp.clock import today_in
        from webapp.extensions import db
        from webapp.meetings import services as meetings
        from webapp.regions.models import Posyandu

        posyandu = db.session.scalars(select(Posyandu).where(Posyandu.region_code.startswith("62.02."))
                                      .order_by(Posyandu.id).limit(kader_count)).all()
        pairs = []
        today = today_in("Asia/Pontianak")
        for index, item in enumerate(posyandu):
            login = f"beban.kader{index:02d}"
            pairs.append((login, item.id, add_kader(login, f"Kader Beban {index}", item, password_hash, today)))
        db.session.commit()
        who = Actor(db.session.scalar(select(User).where(User.username == "pokjanal.kotabesi")))
        chair = db.session.scalar(select(User.id).where(User.username == "camat.kotabesi"))
        meeting = meetings.create_meeting(who, {
            "region_code": "62.02.01", "kind": "koordinasi", "title": "Rapat beban", "day": dt.date.today(),
            "starts": dt.time(9), "ends": None, "place": "Aula", "chair_id": chair, "notulis_id": who.id,
            "agenda": ["Laporan"]})
        meetings.invite(who, meeting, ["62.02.01.2003", "62.02.01.2004"], [])
        participants = [p.id for p in meeting.participants]
    return pairs, meeting.id, participants


@contextmanager
def demo_database(env: dict):
    """Migrate and seed the demo (as `make run` does), every account's password PASSWORD at the configured
    hash cost (sign-ins are measured at it); yields that hash inside the app's context."""
    for command in (["db", "upgrade", "heads"], ["seed", "demo"]):
        subprocess.run([str(BIN / "flask"), *command], cwd=ROOT, env=env, check=True, capture_output=True)
    os.environ.update(env)
    from sqlalchemy import select

    from webapp import create_app
    from webapp.auth.models import User
    from webapp.auth.passwords import hash_password
    from webapp.extensions import db

    with create_app().app_context():
        password_hash = hash_password(PASSWORD)
        for user in db.session.scalars(select(User)):
            user.password_hash = password_hash
        yield password_hash
        db.session.remove()
        db.engine.dispose()


def add_kader(login: str, name: str, posyandu, password_hash: str, today) -> list[str]:
    """A kader account for `posyandu` (in the session, not committed); answers the months of the last
    three years it has no report for, newest first."""
    from sqlalchemy import select

    from webapp.auth.models import Role, RoleAssignment, User
    from webapp.clock import month_key, shift_month
    from webapp.extensions import db
    from webapp.reports.models import MonthlyReport

    user = User(username=login, full_name=name, password_hash=password_hash)
    user.roles.append(RoleAssignment(role=Role.KADER, region_code=posyandu.region_code, posyandu_id=posyandu.id))
    db.session.add(user)
    filed = {tuple(row) for row in db.session.execute(
        select(MonthlyReport.year, MonthlyReport.month).where(MonthlyReport.posyandu_id == posyandu.id))}
    months = [shift_month(today.year, today.month, -k) for k in range(1, 37)]
    return [month_key(*m) for m in months if m not in filed]


class Server:
    """gunicorn (2 sync workers unless told) on loopback, started with --pid and stopped by that pid."""

    def __init__(self, env: dict, folder: Path, port: int, workers: tuple[str, ...] = ("-w", "2")):
        self.env, self.folder, self.port, self.worker_options = env, folder, port, list(workers)
        self.pidfile = folder / "gunicorn.pid"
        self.log = open(folder / "gunicorn.log", "a")

    def start(self) -> None:
        self.pidfile.unlink(missing_ok=True)
        subprocess.Popen([str(BIN / "gunicorn"), *self.worker_options, "-b", f"127.0.0.1:{self.port}", "--timeout", "30",
                          "--pid", str(self.pidfile), "wsgi:app"], cwd=ROOT, env=self.env, stdout=self.log,
                         stderr=self.log)
        for _ in range(200):
            if self.pidfile.exists() and len(self.workers()) == 2:
                return
            time.sleep(0.05)
        raise RuntimeError(f"gunicorn did not start: see {self.folder / 'gunicorn.log'}")

    @property
    def master(self) -> int:
        return int(self.pidfile.read_text().strip())

    def workers(self, master: int | None = None) -> list[int]:
        try:
            master = master or self.master
            return [int(p) for p in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
        except (OSError, ValueError):
            return []

    def kill_worker(self) -> None:
        os.kill(self.workers()[0], signal.SIGKILL)

    def kill_master_and_restart(self) -> None:
        master, orphans = self.master, self.workers()
        os.kill(master, signal.SIGKILL)
        for pid in orphans:  # what KillMode=mixed does under systemd: no orphan keeps the port
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.2)
        self.start()

    def stop(self) -> None:
        if self.pidfile.exists():
            os.kill(self.master, signal.SIGTERM)
            time.sleep(1)
        self.log.close()


def verify(env: dict, stats: Stats) -> dict:
    """Compare what was acknowledged with what the database holds."""
    from sqlalchemy import func, select, text

    from webapp import create_app
    from webapp.extensions import db
    from webapp.reports.models import MonthlyReport, ReportEvent

    app = create_app()
    result = {"lost": 0, "duplicated": 0}
    with app.app_context():
        for (posyandu, month), value in stats.acked_saves.items():
            year, mon = map(int, month.split("-"))
            stored = db.session.scalar(select(MonthlyReport.home_visits).where(
                MonthlyReport.posyandu_id == posyandu, MonthlyReport.year == year, MonthlyReport.month == mon))
            result["lost"] += stored is None or stored < value  # a later, unacknowledged save may have landed
        for posyandu, month in stats.acked_submits:
            year, mon = map(int, month.split("-"))
            report = db.session.scalar(select(MonthlyReport).where(
                MonthlyReport.posyandu_id == posyandu, MonthlyReport.year == year, MonthlyReport.month == mon))
            if report is None or report.status != "submitted":
                result["lost"] += 1
                continue
            events = db.session.scalar(select(func.count()).select_from(ReportEvent).where(
                ReportEvent.report_id == report.id, ReportEvent.action == "submitted"))
            result["duplicated"] += events > 1
        if db.engine.dialect.name == "sqlite":
            result["integrity"] = db.session.execute(text("PRAGMA integrity_check")).scalar()
        else:
            result["integrity"] = "ok" if db.session.execute(text("SELECT 1")).scalar() == 1 else "gagal"
        db.session.remove()
        db.engine.dispose()
    return result


def bench_environment(folder: Path, postgres: str | None, **settings) -> dict:
    """The server's environment: a SQLite file in `folder`, or a loopback PostgreSQL database emptied first."""
    if postgres and urlsplit(postgres).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("Hanya basis data di loopback (127.0.0.1).")
    if postgres:
        subprocess.run([str(BIN / "python"), "-c", "import sqlalchemy as s, sys; e = s.create_engine(sys.argv[1]);"
                        " c = e.connect(); c.execute(s.text('DROP SCHEMA public CASCADE; CREATE SCHEMA public'));"
                        " c.commit()", postgres], check=True)
    return dict(os.environ, DATABASE_URL=postgres or f"sqlite:///{folder / 'load.sqlite3'}", FLASK_APP="wsgi",
                SECRET_KEY="beban-" + "k" * 40, POKJANAL_ENV="development", PYTHONPATH=str(ROOT), **settings)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_port_option(parser)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--postgres", help="postgresql+psycopg://… on loopback; its tables are replaced")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds between a person's taps (default 0: no pause, the server saturated; "
                             "1 s is a kader typing three times faster than the phone journey's 3 s per value)")
    parser.add_argument("--hash-method", default="argon2id",
                        help="the accounts' password hash (default: production's; a cheaper one isolates the writes)")
    args = parser.parse_args()
    clients, seconds = min(args.clients, 100), min(args.seconds, 120)
    folder = Path(tempfile.mkdtemp(prefix="pokjanal-load-"))
    env = bench_environment(folder, args.postgres, PASSWORD_HASH_METHOD=args.hash_method)
    members = max(1, clients // 10)
    pairs, meeting, participants = prepare(env, clients - members)
    port = args.port or free_port()
    server = Server(env, folder, port)
    server.start()
    stats, stop = Stats(), threading.Event()
    started = time.monotonic()
    deadline = started + seconds
    rng = random.Random(16)
    threads = []
    for index in range(clients):
        client = Client(port, stats, started, deadline, args.think, index)
        if index < len(pairs):
            login, posyandu, months = pairs[index]
            target, arguments = kader, (client, login, posyandu, months, stop)
        else:
            target, arguments = member, (client, "pokjanal.kotabesi", meeting, participants, stop)
        delay = rng.uniform(0, 10)  # sign-ins spread over the first 10 s
        threads.append(threading.Thread(target=lambda t=target, a=arguments, d=delay: (time.sleep(d), t(*a))))
    for thread in threads:
        thread.start()
    for at, action in ((20, server.kill_worker), (40, server.kill_master_and_restart)):
        time.sleep(max(0, started + at - time.monotonic()))
        window_start = time.monotonic() - started
        action()
        stats.windows.append((window_start, time.monotonic() - started + 3))
    time.sleep(max(0, deadline - time.monotonic()))
    stop.set()
    for thread in threads:
        thread.join(timeout=40)
    elapsed = time.monotonic() - started
    server.stop()
    outcome = verify(env, stats)
    rows = [[kind, len(v), f"{len(v) / elapsed:.1f}", f"{percentile(v, .5) * 1000:.0f}",
             f"{percentile(v, .95) * 1000:.0f}", f"{percentile(v, .99) * 1000:.0f}"]
            for kind, v in sorted(stats.latency.items())]
    total = sum(len(v) for v in stats.latency.values())
    inside = [e for e in stats.errors5xx if any(a <= e[0] <= b for a, b in stats.windows)]
    print(f"{'PostgreSQL' if args.postgres else 'SQLite'} ({args.hash_method}, jeda {args.think:g} s): {clients} klien, "
          f"{elapsed:.0f} s, {total / elapsed:.1f} permintaan/s")
    print(table(["jenis", "jumlah", "per s", "p50 ms", "p95 ms", "p99 ms"], rows))
    print(f"tulisan diakui: {len(stats.acked_saves)} bagian terakhir, {sum(stats.acked_submits.values())} kiriman, "
          f"{stats.acked_marks} tanda hadir · hilang: {outcome['lost']} · ganda: {outcome['duplicated']} · "
          f"konflik palsu: {stats.conflicts} · 5xx di luar jendela restart: {len(stats.errors5xx) - len(inside)} "
          f"(di dalam: {len(inside)}) · integritas: {outcome['integrity']}")


if __name__ == "__main__":
    main()
