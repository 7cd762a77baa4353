"""Report form budget: first-load bytes (gzip) of the kader's form, bytes of a section save, and the
server time of section saves with a year of demo data.

    .venv/bin/python bench/report_form.py [--saves 300]

Runs the app in-process (Flask test client) on a fresh SQLite file with `flask seed demo`; bytes are
each response body gzipped (level 6, as nginx would), so headers are not counted.
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BUDGET_FIRST_LOAD = 60 * 1024
BUDGET_SAVE = 5 * 1024
BUDGET_P95_MS = 50


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=300)
    args = parser.parse_args()

    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from webapp import create_app
    from webapp.auth.models import User
    from webapp.extensions import db

    folder = tempfile.mkdtemp(prefix="bench-report-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3", "WTF_CSRF_ENABLED": False})
    with app.app_context():
        upgrade(revision="head")
        from webapp.demo import first_posyandu, seed_demo
        from webapp.reports.models import MonthlyReport
        from webapp.clock import month_key, shift_month, today_in

        from webapp.demo import seed_base
        from webapp.reports.demo import seed_reports

        seed_base()
        started = time.perf_counter()
        seed_reports()
        db.session.commit()
        seed_seconds = time.perf_counter() - started
        seed_demo()  # the other domains' demo data, so the home page and navigation are as in the demo
        reports = db.session.scalar(select(func.count(MonthlyReport.id)))
        posyandu = first_posyandu("62.02.01.2003")
        today = today_in("Asia/Pontianak")
        url = f"/laporan/posyandu/{posyandu.id}/{month_key(*shift_month(today.year, today.month, -1))}"
        user = db.session.scalar(select(User).where(User.username == "kader.palangan"))
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = user.get_id(), True

        page = client.get(url)
        assert page.status_code == 200, page.status_code
        html = page.data
        assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
        rows = [("HTML " + url, len(html), gz(html))]
        for asset in assets:
            body = client.get(asset.decode()).data
            rows.append((asset.decode().split("?")[0], len(body), gz(body)))
        first_load = sum(r[2] for r in rows)
        scripts = sum(r[2] for r in rows if r[0].endswith(".js"))

        section = {"balita_s": "48", "balita_k": "45", "balita_d": "40", "balita_n": "30", "balita_o": "2",
                   "balita_b": "1", "balita_bgm": "0", "measured": "38", "stunted": "7", "wasted": "2",
                   "underweight": "4", "balita_referred": "1"}
        timings, cpu, sizes = [], [], []
        for index in range(args.saves):
            data = dict(section, balita_n=str(25 + index % 10), client_id=uuid.uuid4().hex, base="")
            started, started_cpu = time.perf_counter(), time.process_time()
            answer = client.post(f"{url}/bagian/gizi", data=data, headers={"HX-Request": "true"})
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert answer.status_code == 200, answer.status_code
            sizes.append(gz(answer.data))
        page_ms, page_cpu = [], []
        for _ in range(100):
            started, started_cpu = time.perf_counter(), time.process_time()
            assert client.get(url).status_code == 200
            page_ms.append((time.perf_counter() - started) * 1000)
            page_cpu.append((time.process_time() - started_cpu) * 1000)
        replay = client.post(f"{url}/bagian/gizi", data=dict(section, client_id="same", base=""),
                             headers={"HX-Request": "true"})
        replay_ms = []
        for _ in range(50):
            started = time.perf_counter()
            client.post(f"{url}/bagian/gizi", data=dict(section, client_id="same", base=""),
                        headers={"HX-Request": "true"})
            replay_ms.append((time.perf_counter() - started) * 1000)
        assert replay.status_code == 200

    def p(values, q):
        return statistics.quantiles(values, n=100)[q - 1]

    print(f"demo data: {reports} reports; the report seeder took {seed_seconds:.2f} s\n")
    print(f"{'first load of the form':<44}{'raw B':>9}{'gzip B':>9}")
    for name, raw, packed in rows:
        print(f"  {name:<42}{raw:>9}{packed:>9}")
    print(f"  {'total (JS ' + str(scripts) + ' B gzip)':<42}{sum(r[1] for r in rows):>9}{first_load:>9}"
          f"   budget {BUDGET_FIRST_LOAD}  {'OK' if first_load <= BUDGET_FIRST_LOAD else 'OVER'}")
    print(f"\n{'section save (htmx, gizi)':<44}{'value':>9}")
    print(f"  {'answer gzip bytes (max)':<42}{max(sizes):>9}   budget {BUDGET_SAVE}  "
          f"{'OK' if max(sizes) <= BUDGET_SAVE else 'OVER'}")
    print(f"  {'server ms p50':<42}{statistics.median(timings):>9.1f}")
    print(f"  {'server ms p95 (' + str(args.saves) + ' saves)':<42}{p(timings, 95):>9.1f}   budget {BUDGET_P95_MS}  "
          f"{'OK' if p(timings, 95) <= BUDGET_P95_MS else 'OVER'}")
    print(f"  {'server CPU ms p50 / p95':<42}{statistics.median(cpu):>9.1f}{p(cpu, 95):>9.1f}")
    print(f"  {'replayed client_id ms p95':<42}{p(replay_ms, 95):>9.1f}")
    print(f"  {'form page GET ms p95 / CPU ms p95':<42}{p(page_ms, 95):>9.1f}{p(page_cpu, 95):>9.1f}")
    print(f"\nload average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs"
          " (wall times inflate when other work shares the CPUs; CPU ms does not)")


if __name__ == "__main__":
    main()
