"""The DHIS2 files of a whole kabupaten-month (issue 25 budget: each ≤ 2 s), with Kotim grown to ~420 Posyandu.

    .venv/bin/python bench/exchange.py      # BENCH_REQUESTS=5 a file; BENCH_POSYANDU=420 the size to grow to

The demo, then every Kotim Posyandu cloned inside its own desa with its months of reports (bench/growth.py's
`grow`, nothing stored in the repo) until Kotim holds about BENCH_POSYANDU Posyandu. The month benched is the one
with the most verified Kotim reports. Each file is requested through the Flask test client as pokjanal.kotim;
the figure is the median wall time of a request, beside this process's CPU time and the machine's load.
"""
from __future__ import annotations

import math
import os
import statistics
import time

from common import fresh_app, table
from growth import AREA, grow
from pages import sign_in

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "5"))
TARGET = int(os.environ.get("BENCH_POSYANDU", "420"))
BUDGET_S = 2.0


def _count(app, sql: str, *params):
    with app.app_context():
        from webapp.extensions import db

        return db.session.connection().exec_driver_sql(sql, params).first()


def _timed(client, path: str) -> tuple[float, float, int]:
    wall, cpu, size = [], [], 0
    for _ in range(REQUESTS):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200, (path, response.status_code)
        size = len(response.data)
    return statistics.median(wall), statistics.median(cpu), size


def main() -> None:
    app = fresh_app(demo=True)
    (posyandu,) = _count(app, "SELECT count(*) FROM posyandu WHERE region_code LIKE ?", AREA + ".%")
    grow(app, max(1, math.ceil(TARGET / posyandu)))
    (grown,) = _count(app, "SELECT count(*) FROM posyandu WHERE region_code LIKE ?", AREA + ".%")
    year, month, verified = _count(
        app, "SELECT year, month, count(*) AS n FROM monthly_report WHERE region_code LIKE ? AND status = 'verified' "
             "GROUP BY year, month ORDER BY n DESC LIMIT 1", AREA + ".%")
    client = app.test_client()
    sign_in(app, client, "pokjanal.kotim")
    key = f"{year:04d}-{month:02d}"
    rows = []
    for name, path in (("ADX", f"/pertukaran/{AREA}/{key}/adx.xml"),
                       ("dataValueSet JSON", f"/pertukaran/{AREA}/{key}/datavalueset.json"),
                       ("metadata JSON", f"/pertukaran/{AREA}/metadata.json")):
        client.get(path)  # warm
        wall, cpu, size = _timed(client, path)
        rows.append([name, path, f"{wall * 1000:.0f}", f"{cpu * 1000:.0f}", f"{size / 1024:.0f}",
                     "!" if wall > BUDGET_S else ""])
    print(f"Kotim: {grown} Posyandu ({posyandu} in the demo), {verified} verified reports in {key}; "
          f"{REQUESTS} requests a file; load average {os.getloadavg()[0]:.2f}")
    print(table(["file", "path", "wall ms", "cpu ms", "KiB", "over"], rows))
    print(f"budget (issue 25): each file of a whole kabupaten-month ≤ {BUDGET_S:.0f} s; ! = over")


if __name__ == "__main__":
    main()
