"""CPU per signed-in page at 1×, 10× and 100× the demo's Posyandu-months (budget: ≤ 2× growth, ≤ 50 ms at 100×).

    .venv/bin/python bench/growth.py      # BENCH_REQUESTS=40 a page and scale; BENCH_PAGES="recap,minutes" a subset

Each scale is its own SQLite file: the demo, then generated rows (nothing stored in the repo):
- copies of the demo's two kabupaten (regions, settings, Posyandu and every report) under new
  kabupaten codes in provinces 70–71, so the tables grow while the demo users' scope stays put;
- history: every report copied to earlier years, so the demo users' own area grows too.
1× = demo; 10× = 5 copies × 2 years; 100× = 25 copies × 4 years. The summary is rebuilt once.
Pages are requested through the Flask test client in one warm process; the figure is this
process's CPU time per request (median), which other jobs on the machine do not inflate.
"""
from __future__ import annotations

import os

from common import fresh_app, table
from pages import cpu_ms, page_paths, sign_in

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
SCALES = {1: (1, 1), 10: (5, 2), 100: (25, 4)}  # scale: (kabupaten copies incl. the demo, years of history)
DEMO_KABUPATEN = ("62.02", "53.03")


def _rows(connection, sql: str, **params) -> list[dict]:
    from sqlalchemy import text

    return [dict(row._mapping) for row in connection.execute(text(sql), params)]


def _insert(connection, table: str, rows: list[dict]) -> None:
    from sqlalchemy import text

    if rows:
        names = list(rows[0])
        statement = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"
        connection.execute(text(statement), rows)


def _copy_kabupaten(connection, source: str, target: str) -> None:
    """One demo kabupaten's regions, setting, Posyandu and reports again under another code."""
    province = target[:2]
    if not _rows(connection, "SELECT code FROM region WHERE code = :c", c=province):
        _insert(connection, "region", [{"code": province, "name": f"Provinsi Uji {province}", "level": "provinsi",
                                        "parent_code": None}])
    regions = _rows(connection, "SELECT code, name, level, parent_code FROM region WHERE code = :c OR code LIKE :p "
                    "ORDER BY length(code), code", c=source, p=source + ".%")
    for region in regions:
        region["code"] = target + region["code"][len(source):]
        region["parent_code"] = province if region["level"] == "kabupaten" else target + region["parent_code"][len(source):]
    _insert(connection, "region", regions)
    setting = _rows(connection, "SELECT * FROM kabupaten_setting WHERE region_code = :c", c=source)[0]
    _insert(connection, "kabupaten_setting", [{**setting, "region_code": target}])
    new_ids = {}
    for posyandu in _rows(connection, "SELECT * FROM posyandu WHERE region_code LIKE :p", p=source + ".%"):
        old = posyandu.pop("id")
        posyandu["region_code"] = target + posyandu["region_code"][len(source):]
        posyandu["registration_number"] = f"{posyandu['registration_number']}-{target}"
        _insert(connection, "posyandu", [posyandu])
        new_ids[old] = connection.exec_driver_sql("SELECT last_insert_rowid()").scalar()
    reports = _rows(connection, "SELECT * FROM monthly_report WHERE region_code LIKE :p", p=source + ".%")
    for report in reports:
        report.pop("id")
        report["posyandu_id"] = new_ids[report["posyandu_id"]]
        report["region_code"] = target + report["region_code"][len(source):]
    _insert(connection, "monthly_report", reports)


def grow(app, copies: int, years: int) -> int:
    """Add the generated rows and rebuild the summary; returns the number of reports."""
    with app.app_context():
        from sqlalchemy import func, select

        from webapp.dashboard.services import rebuild_summary
        from webapp.extensions import db
        from webapp.reports.models import MonthlyReport

        connection = db.session.connection()
        for copy in range(1, copies):
            for j, source in enumerate(DEMO_KABUPATEN):
                n = 2 * (copy - 1) + j
                _copy_kabupaten(connection, source, f"{70 + n // 80}.{10 + n % 80:02d}")
        reports = _rows(connection, "SELECT * FROM monthly_report")
        for year_back in range(1, years):
            older = []
            for report in reports:
                older.append({**{k: v for k, v in report.items() if k != "id"}, "year": report["year"] - year_back})
            _insert(connection, "monthly_report", older)
        db.session.commit()
        rebuild_summary()
        return db.session.scalar(select(func.count()).select_from(MonthlyReport))


def cpu_per_request(app, username: str | None, path: str) -> float:
    client = app.test_client()
    sign_in(app, client, username)
    for _ in range(5):
        assert client.get(path).status_code == 200, (username, path)
    return cpu_ms(client, path, REQUESTS)


def main() -> None:
    apps, sizes = {}, {}
    for scale, (copies, years) in SCALES.items():
        apps[scale] = fresh_app(demo=True)
        sizes[scale] = grow(apps[scale], copies, years)
    only = os.environ.get("BENCH_PAGES")  # e.g. "camat home,recap": a subset while working on it
    paths = [p for p in page_paths(apps[1]) if not only or p[0] in only.split(",") or p[0] == "login"]
    results = {name: {} for name, _, _ in paths}
    for _round in range(2):  # interleaved rounds: a burst of load elsewhere hits every scale alike
        for name, username, path in paths:
            for scale, app in apps.items():
                results[name].setdefault(scale, []).append(cpu_per_request(app, username, path))
    cpu = {name: {scale: min(values) for scale, values in by_scale.items()} for name, by_scale in results.items()}
    login = cpu["login"][1]
    rows = []
    for name, _, path in paths:
        by_scale = cpu[name]
        rows.append([name, path] + [f"{by_scale[s]:.1f}" for s in SCALES]
                    + [f"{by_scale[100] / by_scale[1]:.2f}", f"{by_scale[1] / login:.2f}"])
    print(f"reports per scale: {', '.join(f'{s}× {n:,}' for s, n in sizes.items())}; {REQUESTS} requests a page")
    print(table(["page", "path"] + [f"cpu ms {s}×" for s in SCALES] + ["100×/1×", "1× / login"], rows))
    print("budget: 100×/1× ≤ 2, ≤ 50 ms at 100×; in one warm process ≤ 2× the login page")


if __name__ == "__main__":
    main()
