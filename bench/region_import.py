"""Time `flask regions import` of the full official list (91,599 rows) into a fresh SQLite database,
against a bare `executemany` of the same rows into an equally fresh one.

Budgets: under 30 s; the first import ≤ 2× the bare executemany (issue 17). Reads
../shared/data/wilayah-kemendagri-2025.csv in place (POKJANAL_REGION_CSV overrides); never copies it.
"""
import csv
import io
import sqlite3
import time

from common import OFFICIAL_CSV, fresh_app, table


def main() -> None:
    if not OFFICIAL_CSV.exists():
        raise SystemExit(f"daftar wilayah tidak ada: {OFFICIAL_CSV}")
    bare = _bare_executemany()
    app = fresh_app()
    rows = []
    with app.app_context():
        from sqlalchemy import func, select

        from webapp.extensions import db
        from webapp.regions.importer import import_regions
        from webapp.regions.models import Region

        for label in ("first run (empty database)", "second run (nothing changes)"):
            started = time.perf_counter()
            text = OFFICIAL_CSV.read_text(encoding="utf-8-sig")
            result = import_regions(text)
            seconds = time.perf_counter() - started
            assert result.ok, result.errors[:3]
            total = db.session.scalar(select(func.count()).select_from(Region))
            rows.append([label, result.rows, result.inserted, result.updated, total, f"{seconds:.2f}"])
    rows.append(["bare executemany (same rows, no checks)", "", "", "", "", f"{bare:.2f}"])
    print(table(["region import, SQLite", "rows read", "inserted", "updated", "regions in db", "seconds"], rows))
    print(f"first import / bare executemany: {float(rows[0][-1]) / bare:.2f} (budget ≤ 2); budget: < 30 s")


def _bare_executemany() -> float:
    """Read the file and insert its rows, parents first, with one executemany into the migrated region table."""
    app = fresh_app()
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    started = time.perf_counter()
    reader = csv.reader(io.StringIO(OFFICIAL_CSV.read_text(encoding="utf-8-sig")))
    next(reader)
    levels = {1: "provinsi", 2: "kabupaten", 3: "kecamatan", 4: "desa"}
    records = sorted(((code, name, levels[code.count(".") + 1], code.rsplit(".", 1)[0] if "." in code else None)
                      for code, name in reader), key=lambda r: (r[0].count("."), r[0]))
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.executemany("INSERT INTO region (code, name, level, parent_code) VALUES (?, ?, ?, ?)", records)
    connection.commit()
    connection.close()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
