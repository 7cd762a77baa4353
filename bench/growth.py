"""CPU per signed-in page when the user's OWN area grows 1×, 10×, 100× (budget: 100×/1× ≤ 1.5, ≤ 40 ms at 100×).

    .venv/bin/python bench/growth.py      # BENCH_REQUESTS=20 a page and scale; BENCH_PAGES="recap,completeness" a subset

Each scale is its own SQLite file: the demo, then generated rows inside Kotim (62.02), the area
every demo reader of the benched pages signs in to (nothing stored in the repo). At n×, every Kotim
Posyandu gets n−1 siblings in its own desa (Kota Besi's desa hold n× their Posyandu), each with the
original's months of reports, kader roster (skills, trainings) and kit; every Kotim plan gets n× its
lines; every Kotim meeting n× its action items, and the kabupaten n× its meetings. Same months, same
kabupaten: no other kabupaten or year grows, so a page that reads only its area grows n×.
Rows go in with one executemany a table; then the dashboard and strength summaries are rebuilt as
`flask dashboard rebuild` does after a bulk load. Pages are requested through the Flask test client
in one warm process; the figure is this process's CPU time per request (median).
"""
from __future__ import annotations

import os

from common import fresh_app, table
from pages import cpu_ms, page_paths, sign_in

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
SCALES = (1, 10, 100)
AREA = "62.02"


def _rows(connection, sql: str, **params) -> list[dict]:
    from sqlalchemy import text

    return [dict(row._mapping) for row in connection.execute(text(sql), params)]


def _insert(connection, table_name: str, rows: list[dict]) -> None:
    """One executemany for all rows (the driver batches them)."""
    if rows:
        names = list(rows[0])
        statement = f'INSERT INTO "{table_name}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})'
        connection.exec_driver_sql(statement, [tuple(row[n] for n in names) for row in rows])


class Ids:
    """Fresh primary keys for a table, after its current largest."""

    def __init__(self, connection, table_name: str):
        self.next = (connection.exec_driver_sql(f'SELECT max(id) FROM "{table_name}"').scalar() or 0) + 1

    def take(self) -> int:
        self.next += 1
        return self.next - 1


def _clone(connection, table_name: str, rows: list[dict], copies: int, change) -> dict[tuple[int, int], int]:
    """`copies` copies of each row with a new id, `change(row, copy)` applied; {(copy, old id): new id}."""
    ids, new_ids, out = Ids(connection, table_name), {}, []
    for copy in range(1, copies + 1):
        for row in rows:
            new = {**row, "id": ids.take()}
            change(new, copy)
            new_ids[(copy, row["id"])] = new["id"]
            out.append(new)
    _insert(connection, table_name, out)
    return new_ids


def _grow_posyandu(connection, copies: int) -> None:
    """Siblings of every Kotim Posyandu in its desa, with their reports, roster and kit."""
    posyandu = _rows(connection, "SELECT * FROM posyandu WHERE region_code LIKE :p", p=AREA + ".%")
    twin = _clone(connection, "posyandu", posyandu, copies, lambda row, copy: row.update(
        name=f"{row['name']} {copy + 1}", registration_number=f"{row['registration_number']}-{copy + 1}"))
    by_id = {p["id"] for p in posyandu}

    def moved(row, copy):
        row["posyandu_id"] = twin[(copy, row["posyandu_id"])]

    for name in ("monthly_report", "equipment"):
        rows = [r for r in _rows(connection, f"SELECT * FROM {name}") if r["posyandu_id"] in by_id]
        _clone(connection, name, rows, copies, moved)
    kader = [r for r in _rows(connection, "SELECT * FROM kader") if r["posyandu_id"] in by_id]
    kader_twin = _clone(connection, "kader", kader, copies, lambda row, copy: (moved(row, copy), row.update(user_id=None)))
    kader_ids = {k["id"] for k in kader}
    for name in ("kader_skill", "kader_training"):
        rows = [r for r in _rows(connection, f"SELECT * FROM {name}") if r["kader_id"] in kader_ids]
        _clone(connection, name, rows, copies, lambda row, copy: row.update(kader_id=kader_twin[(copy, row["kader_id"])]))


def _grow_plans_and_meetings(connection, copies: int) -> None:
    """n× the lines of every Kotim plan, n× the action items of every Kotim meeting, n× the meetings."""
    lines = _rows(connection, "SELECT l.* FROM plan_line l JOIN plan p ON p.id = l.plan_id WHERE p.region_code = :a "
                  "OR p.region_code LIKE :p", a=AREA, p=AREA + ".%")
    _clone(connection, "plan_line", lines, copies, lambda row, copy: row.update(position=row["position"] + 1000 * copy))
    meetings = _rows(connection, "SELECT * FROM meeting WHERE region_code = :a OR region_code LIKE :p",
                     a=AREA, p=AREA + ".%")
    meeting_ids = {m["id"] for m in meetings}
    actions = [r for r in _rows(connection, "SELECT * FROM action_item") if r["meeting_id"] in meeting_ids]
    _clone(connection, "action_item", actions, copies, lambda row, copy: None)
    twin = _clone(connection, "meeting", meetings, copies, lambda row, copy: row.update(
        checkin_code=f"G{copy:04d}{row['id']:03d}"[-8:], title=f"{row['title']} ({copy + 1})"))
    agenda = [r for r in _rows(connection, "SELECT * FROM agenda_item") if r["meeting_id"] in meeting_ids]
    _clone(connection, "agenda_item", agenda, copies, lambda row, copy: row.update(meeting_id=twin[(copy, row["meeting_id"])]))


def grow(app, scale: int) -> int:
    """Grow Kotim to `scale`× and rebuild the summaries; returns Kotim's number of reports."""
    with app.app_context():
        from webapp.dashboard.services import rebuild_summary
        from webapp.extensions import db

        connection = db.session.connection()
        if scale > 1:
            _grow_posyandu(connection, scale - 1)
            _grow_plans_and_meetings(connection, scale - 1)
            db.session.commit()
            rebuild_summary()
        return db.session.connection().exec_driver_sql(
            "SELECT count(*) FROM monthly_report WHERE region_code LIKE ?", (AREA + ".%",)).scalar()


def cpu_per_request(app, username: str | None, path: str) -> float:
    client = app.test_client()
    sign_in(app, client, username)
    for _ in range(3):
        assert client.get(path).status_code == 200, (username, path)
    return cpu_ms(client, path, REQUESTS)


def main() -> None:
    apps, sizes = {}, {}
    for scale in SCALES:
        apps[scale] = fresh_app(demo=True)
        sizes[scale] = grow(apps[scale], scale)
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
        over = by_scale[100] / by_scale[1] > 1.5 or by_scale[100] > 40
        rows.append([name, path] + [f"{by_scale[s]:.1f}" for s in SCALES]
                    + [f"{by_scale[100] / by_scale[1]:.2f}", f"{by_scale[1] / login:.2f}", "!" if over else ""])
    print(f"Kotim reports per scale: {', '.join(f'{s}× {n:,}' for s, n in sizes.items())}; {REQUESTS} requests a page; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(table(["page", "path"] + [f"cpu ms {s}×" for s in SCALES] + ["100×/1×", "1× / login", "over"], rows))
    print("budget (DESIGN §4): 100×/1× ≤ 1.5 and ≤ 40 ms at 100× for every page; ! = over")


if __name__ == "__main__":
    main()
