"""The kabupaten work-plan roll-up with 300 desa plans × 15 lines (budget ≤ 300 ms median, warm, SQLite).

Run: .venv/bin/python bench/plan_rollup.py [--desa 300] [--lines 15] [--runs 15]
Adds synthetic desa under Kotim's kecamatan, one approved plan per desa whose lines are spread over the
SPM fields, funding sources and the demo mitra, some realised; then times GET /rencana-kerja/rekap for the
kabupaten (bupati.kotim) and for one kecamatan (camat.kotabesi) after one warm-up request each.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from common import fresh_app, table


def build(desa: int, lines: int) -> None:
    from sqlalchemy import select

    from webapp.auth.models import User
    from webapp.extensions import db
    from webapp.mitra.models import Mitra
    from webapp.regions.models import Level, Region
    from webapp.spm import FundingSource, SpmField
    from webapp.workplans.models import Plan, PlanLine, PlanStatus

    kecamatan = list(db.session.scalars(select(Region.code).where(Region.parent_code == "62.02")))
    serving = {f: [None] + [m.id for m in db.session.scalars(select(Mitra).where(Mitra.kabupaten_code == "62.02"))
                            if f in m.field_list] for f in SpmField}  # a mitra carries lines of its own fields
    drafter = db.session.scalar(select(User.id).where(User.username == "pokja.palangan"))
    fields, sources = list(SpmField), list(FundingSource)
    for n in range(desa):
        code = f"{kecamatan[n % len(kecamatan)]}.2{100 + n:03d}"
        db.session.add(Region(code=code, name=f"Desa Uji {n}", level=Level.DESA, parent_code=code.rsplit(".", 1)[0]))
        plan = Plan(region_code=code, year=2026, title=f"Rencana {code}", created_by_id=drafter,
                    status=PlanStatus.ENDORSED if n % 3 else PlanStatus.SUBMITTED,
                    status_changed_at=dt.datetime(2026, 3, 1))
        for k in range(lines):
            spm = fields[(n + k) % len(fields)]
            plan.lines.append(PlanLine(position=k, activity=f"Kegiatan {k}", spm_field=spm,
                                       funding_source=sources[(n * 7 + k) % len(sources)], months="1,2",
                                       budget=1_000_000 + 1000 * k, mitra_id=serving[spm][(n + k) % len(serving[spm])],
                                       location_code=code, spent=500_000 if k % 4 == 0 else 0,
                                       progress="berjalan" if k % 4 == 0 else "belum"))
        db.session.add(plan)
    db.session.commit()


def timed(client, path: str, runs: int) -> tuple[float, int]:
    client.get(path)  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(samples), len(response.data)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--desa", type=int, default=300)
    parser.add_argument("--lines", type=int, default=15)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    app = fresh_app(demo=True)
    with app.app_context():
        from sqlalchemy import select

        from webapp.auth.models import User
        from webapp.extensions import db

        build(args.desa, args.lines)
        rows = []
        for username, path in (("bupati.kotim", "/rencana-kerja/rekap?wilayah=62.02&tahun=2026"),
                               ("camat.kotabesi", "/rencana-kerja/rekap?wilayah=62.02.01&tahun=2026")):
            client = app.test_client()
            user = db.session.scalar(select(User).where(User.username == username))
            with client.session_transaction() as session:
                session["_user_id"], session["_fresh"] = user.get_id(), True
            median, size = timed(client, path, args.runs)
            rows.append([username, path, f"{median:.0f}", size])
    print(f"{args.desa} desa plans × {args.lines} lines, median of {args.runs} warm requests")
    print(table(["user", "page", "ms", "bytes"], rows))
    print("budget: kabupaten ≤ 300 ms")


if __name__ == "__main__":
    main()
