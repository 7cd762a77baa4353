"""Agenda pack (/rapat/<id>/bahan) and Bahan Rapat PDF times, warm, median of several runs (budget: the page
≤ 500 ms for a kabupaten, all kecamatan).

    .venv/bin/python bench/agenda_pack.py                      # SQLite, demo data
    bash tests/postgres.sh .venv/bin/python bench/agenda_pack.py --postgres [--reuse]

SQLite: the demo database; the Kotim kabupaten meeting (17 kecamatan) and the next Kota Besi rakor. The time
is the page's server time without the network: the signals' queries, the pack's context and the template.
PostgreSQL: the national-scale data of bench/national_scale.py (83k desa, ~300k Posyandu, 12 months), loaded
into its own database, pokjanal_bench_pack, with one kabupaten meeting (62.02) added; the same page timed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time

from common import OFFICIAL_CSV, fresh_app, table

RUNS = 5
PACK_DB = "pokjanal_bench_pack"


def _timed(fn, runs: int = RUNS) -> tuple[float, float, object]:
    """Median wall time and median CPU time of this process (the latter holds up on a busy machine)."""
    result = fn()  # warm
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(times), statistics.median(cpu), result


def _page(app, actor, meeting_id: int, pdf: bool = False):
    from flask import render_template

    from webapp.evidence import pack, pages
    from webapp.extensions import db
    from webapp.meetings.models import Meeting
    from webapp.pdf import render_pdf

    def run():
        with app.test_request_context(f"/rapat/{meeting_id}/bahan"):
            meeting = db.session.get(Meeting, meeting_id)
            context = pages.context(actor, pack.build(meeting))
            out = render_pdf("pdf/agenda_pack.html", **context) if pdf else render_template("evidence/pack.html",
                                                                                             **context)
            signals = sum(len(s) for _, s in context["pack"].groups)
            db.session.rollback()
            return signals, len(out)
    return run


def sqlite_rows() -> list[list]:
    from sqlalchemy import select

    from webapp.access import Actor
    from webapp.auth.models import User
    from webapp.evidence.demo import NEXT_TITLE
    from webapp.extensions import db
    from webapp.meetings.models import Meeting

    app = fresh_app(demo=True)
    rows = []
    with app.app_context():
        cases = [("SQLite, kabupaten 62.02 (Kotim)", "pokjanal.kotim",
                  select(Meeting.id).where(Meeting.region_code == "62.02").order_by(Meeting.starts_at.desc())),
                 ("SQLite, kecamatan Kota Besi", "pokjanal.kotabesi", select(Meeting.id).where(Meeting.title == NEXT_TITLE))]
        for label, username, query in cases:
            actor = Actor(db.session.scalar(select(User).where(User.username == username)))
            meeting_id = db.session.scalar(query.limit(1))
            for what, pdf in (("halaman", False), ("PDF", True)):
                median, cpu, (signals, size) = _timed(_page(app, actor, meeting_id, pdf), runs=RUNS if not pdf else 3)
                rows.append([label, what, signals, f"{median * 1000:.0f}", f"{cpu * 1000:.0f}", f"{size / 1000:.1f}"])
    return rows


def postgres_rows(reuse: bool) -> list[list]:
    import psycopg
    from flask_migrate import upgrade
    from sqlalchemy import select
    from sqlalchemy.engine import make_url

    import national_scale
    from webapp import create_app
    from webapp.auth.models import User
    from webapp.clock import to_utc
    from webapp.dashboard import summary
    from webapp.dashboard.periods import last_complete
    from webapp.signals.keys import year_month
    from webapp.extensions import db
    from webapp.meetings.models import Meeting

    national_scale.CSV_PATH = OFFICIAL_CSV  # POKJANAL_REGION_CSV, for a worktree that sits elsewhere
    admin_url, _ = national_scale._urls()
    bench_url = make_url(admin_url).set(database=PACK_DB).render_as_string(hide_password=False)
    app = create_app({"SQLALCHEMY_DATABASE_URI": make_url(bench_url).set(drivername="postgresql+psycopg")
                      .render_as_string(hide_password=False), "TESTING": True})
    if not reuse:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PACK_DB}"')
            conn.execute(f'CREATE DATABASE "{PACK_DB}"')
        with app.app_context():
            upgrade(revision="head")
            db.engine.dispose()
        end = last_complete("Asia/Jakarta")
        national_scale._load(bench_url, [year_month(p) for p in range(end - 11, end + 1)])
    with app.app_context():
        upgrade(revision="head")  # a reused database may predate the last migrations
        if db.session.scalar(db.text("SELECT count(*) FROM strength_window WHERE desa_code LIKE '62.02.%'")) == 0:
            with db.engine.begin() as connection:  # the strength summary the aktif/ILP signal reads, for 62.02
                summary.rebuild(connection, "62.02")
        db.session.commit()
        user = db.session.scalar(select(User).limit(1))
        if user is None:
            user = User(username="bench.pack", full_name="Bench", password_hash="x", jabatan="", nip="")
            db.session.add(user)
            db.session.flush()
        meeting_id = db.session.scalar(select(Meeting.id).where(Meeting.region_code == "62.02").limit(1))
        if meeting_id is None:
            meeting = Meeting(region_code="62.02", kind="koordinasi", title="Rakor Pokjanal Kabupaten (bench)",
                              starts_at=to_utc(dt.date.today(), dt.time(9), "Asia/Pontianak"), place="Sampit",
                              chair_id=user.id, notulis_id=user.id, checkin_code="BENCH1")
            db.session.add(meeting)
            db.session.commit()
            meeting_id = meeting.id
        class BenchActor(national_scale.NationalActor):
            id = -1  # runs no meeting, signs nothing: reads the pack as a national reader would

        actor = BenchActor()
        median, cpu, (signals, size) = _timed(_page(app, actor, meeting_id))
        desa = db.session.scalar(db.text("SELECT count(*) FROM region WHERE level='desa'"))
        return [[f"PostgreSQL nasional ({desa:,} desa), kabupaten 62.02", "halaman", signals,
                 f"{median * 1000:.0f}", f"{cpu * 1000:.0f}", f"{size / 1000:.1f}"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="time on national-scale PostgreSQL data")
    parser.add_argument("--reuse", action="store_true", help="keep a loaded pokjanal_bench_pack database")
    args = parser.parse_args()
    rows = postgres_rows(args.reuse) if args.postgres else sqlite_rows()
    print(f"Beban mesin (load average 1 menit): {os.getloadavg()[0]:.1f} pada {os.cpu_count()} inti")
    print(table(["Data", "Apa", "Sinyal", "ms (hangat, median)", "ms CPU app", "kB"], rows))


if __name__ == "__main__":
    sys.exit(main())
