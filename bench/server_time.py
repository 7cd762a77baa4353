"""Server time per main page with the demo data: Flask test client in a warm process,
200 requests each (after 10 warm-up requests), p50 and p95 in milliseconds. Budget p95 ≤ 50 ms.

Wall-clock time suffers when other processes share the CPU; the "cpu p50" column (this process's
CPU time per request) is the figure that does not depend on the machine's load."""
import os
import statistics
import time

from common import fresh_app, table

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
PAGES = [
    (None, "/masuk"),
    ("kader.palangan", "/"),
    ("kader.palangan", "/posyandu"),
    ("pokja.palangan", "/"),
    ("pokja.palangan", "/posyandu/{posyandu}"),
    ("pokja.palangan", "/pengguna"),
    ("camat.kotabesi", "/"),
    ("camat.kotabesi", "/wilayah/62.02.01"),
    ("camat.kotabesi", "/posyandu"),
    ("pokjanal.kotim", "/wilayah/62.02"),
    ("pokjanal.kotim", "/posyandu"),
    ("admin.kotim", "/pengguna"),
    ("admin.kotim", "/pengaturan"),
    ("admin.kotim", "/akun"),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    app = fresh_app(demo=True)
    rows = []
    with app.app_context():
        from sqlalchemy import select

        from webapp.auth.models import User
        from webapp.demo import first_posyandu
        from webapp.extensions import db

        posyandu = first_posyandu("62.02.01.2003").id
        for username, pattern in PAGES:
            client = app.test_client()
            if username:
                user = db.session.scalar(select(User).where(User.username == username))
                with client.session_transaction() as session:
                    session["_user_id"], session["_fresh"] = user.get_id(), True
            path = pattern.format(posyandu=posyandu)
            for _ in range(10):
                assert client.get(path).status_code == 200, (username, path)
            timings, cpu, size = [], [], 0
            for _ in range(REQUESTS):
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(path, headers={"Accept-Encoding": "gzip"})
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
                size = len(response.data)
            rows.append([username or "(anonim)", path, REQUESTS, f"{statistics.median(timings):.1f}",
                         f"{percentile(timings, 0.95):.1f}", f"{max(timings):.1f}", f"{statistics.median(cpu):.1f}", size])
    print(table(["user", "page", "requests", "p50 ms", "p95 ms", "max ms", "cpu p50 ms", "gzip bytes"], rows))
    print("budget: p95 ≤ 50 ms per page")


if __name__ == "__main__":
    main()
