"""Time `flask regions import` of the full official list (91,599 rows) into a fresh SQLite database.

Budget: under 30 s. Reads ../shared/data/wilayah-kemendagri-2025.csv in place (POKJANAL_REGION_CSV
overrides); never copies it.
"""
import time

from common import OFFICIAL_CSV, fresh_app, table


def main() -> None:
    if not OFFICIAL_CSV.exists():
        raise SystemExit(f"daftar wilayah tidak ada: {OFFICIAL_CSV}")
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
    print(table(["region import, SQLite", "rows read", "inserted", "updated", "regions in db", "seconds"], rows))
    print("budget: < 30 s")


if __name__ == "__main__":
    main()
