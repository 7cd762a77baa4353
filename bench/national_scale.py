"""National scale on PostgreSQL: 83k desa, ~300k Posyandu, 12 months of reports; dashboard times.

    bash tests/postgres.sh .venv/bin/python bench/national_scale.py [--reuse]

Reads POKJANAL_TEST_POSTGRES for the server and works in a separate database, pokjanal_bench,
which it (re)creates. Regions come from ../shared/data/wilayah-kemendagri-2025.csv, read in place.
Posyandu (3–4 per desa) and reports (12 months, a few missing, drafts, returned, late) are
generated and loaded with COPY; then the summary tables are built once, as `flask dashboard
rebuild` would after a bulk load. The dashboard of one kabupaten, one province and the whole
country (a national admin actor that exists only here) is timed warm, median of 5: the queries
plus the page's template, i.e. the server time of the page without the network. So is the Posyandu
strength page (five aktif criteria, ILP) of the kabupaten, the province and the nation, read from the
strength summary; its CPU time is this process's (the database server's CPU is apart).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402
from sqlalchemy import true  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from webapp.access import Actor  # noqa: E402
from webapp.reports.fields import COUNT_NAMES  # noqa: E402

CSV_PATH = Path(os.environ.get("POKJANAL_REGIONS_CSV")
                or Path(__file__).resolve().parents[2] / "shared" / "data" / "wilayah-kemendagri-2025.csv")
BENCH_DB = os.environ.get("POKJANAL_BENCH_DB", "pokjanal_bench")  # its own name lets benches run side by side
KABUPATEN, PROVINCE = "62.02", "35"
REPEAT = 5


class NationalActor(Actor):
    """A national admin for the bench only: every region, no grant row behind it."""

    def __init__(self):
        self.user, self.grants = None, []

    def has(self, permission: str) -> bool:
        return True

    def covers(self, permission, region_code, posyandu_id=None) -> bool:
        return True

    def region_codes(self, permission):
        return []

    def where_region(self, permission, column):
        return true()

    def where_posyandu(self, permission, posyandu_column, region_column):
        return true()


def _urls() -> tuple[str, str]:
    base = os.environ.get("POKJANAL_TEST_POSTGRES")
    if not base:
        sys.exit("POKJANAL_TEST_POSTGRES tidak disetel: jalankan lewat bash tests/postgres.sh ...")
    url = make_url(base).set(drivername="postgresql")
    return (url.render_as_string(hide_password=False),
            url.set(database=BENCH_DB).render_as_string(hide_password=False))


def _recreate(admin_url: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def _regions() -> list[tuple[str, str]]:
    with CSV_PATH.open(newline="", encoding="utf-8") as handle:
        return [(row["kode"], row["nama"][:120]) for row in csv.DictReader(handle)]


def _count_templates(rng: random.Random, n: int = 997) -> list[str]:
    """Plausible report counts as COPY text, a few blanks (\\N) among them."""
    out = []
    for _ in range(n):
        s = rng.randint(15, 60)
        d = rng.randint(s // 3, s)
        values = {name: rng.randint(0, 12) for name in COUNT_NAMES}
        values.update(balita_s=s, balita_k=rng.randint(d, s), balita_d=d, balita_n=rng.randint(0, d),
                      balita_o=rng.randint(0, s - d), balita_b=rng.randint(0, 2), balita_bgm=rng.randint(0, 2),
                      measured=rng.randint(0, d), ibu_hamil_target=rng.randint(2, 8), pus_target=rng.randint(20, 60),
                      bayi_target=rng.randint(3, 10), home_visits=rng.randint(0, 6))
        values["stunted"] = rng.randint(0, values["measured"] // 3)
        values["ibu_hamil_examined"] = rng.randint(0, values["ibu_hamil_target"])
        values["ibu_hamil_kek"] = rng.randint(0, values["ibu_hamil_examined"])
        values["kb_participants"] = rng.randint(values["pus_target"] // 4, values["pus_target"])
        values["bayi_immunised"] = rng.randint(0, values["bayi_target"])
        for g in ("ibu_hamil", "ibu_nifas", "bayi", "balita", "remaja", "dewasa", "lansia"):
            values[f"{g}_served"] = rng.randint(0, values[f"{g}_target"]) if g in ("ibu_hamil", "ibu_nifas", "bayi",
                                                                                   "balita") else values[f"{g}_served"]
        blanks = rng.sample(COUNT_NAMES, rng.choice((0, 0, 0, 1, 3)))
        out.append("\t".join("\\N" if name in blanks else str(values[name]) for name in COUNT_NAMES))
    return out


def _load(bench_url: str, months: list[tuple[int, int]]) -> dict:
    from webapp.regions.models import default_timezone, level_of, parent_code_of

    rng = random.Random(2025)
    regions = _regions()
    figures = {}
    with psycopg.connect(bench_url) as conn, conn.cursor() as cur:
        started = time.perf_counter()
        with cur.copy("COPY region (code, name, level, parent_code) FROM STDIN") as copy:
            for code, name in sorted(regions, key=lambda r: (r[0].count("."), r[0])):
                copy.write_row((code, name, level_of(code).value, parent_code_of(code)))
        with cur.copy("COPY kabupaten_setting (region_code, timezone, body_name, paper_size, letterhead, "
                      "report_due_day) FROM STDIN") as copy:
            for code, _ in regions:
                if code.count(".") == 1:
                    copy.write_row((code, default_timezone(code), "Tim Pembina Posyandu", "A4", "", 5))
        desa = [code for code, _ in regions if code.count(".") == 3]
        posyandu: list[tuple[int, str]] = []
        with cur.copy("COPY posyandu (id, region_code, name, dusun_rw, sk_number, registration_number, schedule, "
                      "kader_with_sk, is_active, version) FROM STDIN") as copy:
            for code in desa:
                for k in range(rng.choice((3, 4))):
                    pid = len(posyandu) + 1
                    posyandu.append((pid, code))
                    copy.write_row((pid, code, f"Posyandu {k + 1}", "", "", "", "", rng.choice((3, 4, 5, 5, 6, 7)),
                                    True, 1))
        cur.execute("SELECT setval('posyandu_id_seq', %s)", (len(posyandu),))
        figures["regions"] = time.perf_counter() - started

        started = time.perf_counter()
        templates = _count_templates(rng)
        names = ", ".join(COUNT_NAMES)
        reports = 0
        with cur.copy(f"COPY monthly_report (posyandu_id, region_code, year, month, status, open_dates, closed, "
                      f"closed_reason, created_at, updated_at, first_submitted_at, submitted_at, version, {names}) "
                      f"FROM STDIN") as copy:
            chunk = []
            for pid, code in posyandu:
                for year, month in months:
                    roll = rng.random()
                    if roll < 0.04:
                        continue  # never sent
                    status = ("draft" if roll < 0.06 else "returned" if roll < 0.08 else
                              "submitted" if roll < 0.25 else "verified")
                    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
                    day = rng.randint(1, 5) if rng.random() < 0.8 else rng.randint(6, 20)
                    sent = f"{next_month.replace(day=day).isoformat()} 0{rng.randint(1, 9)}:15:00"
                    when = "\\N" if status == "draft" else sent
                    opened = rng.random() > 0.05
                    chunk.append(f"{pid}\t{code}\t{year}\t{month}\t{status}\t"
                                 f"{f'{year:04d}-{month:02d}-1{rng.randint(0, 9)}' if opened else ''}\t"
                                 f"{'f' if opened else 't'}\t\t{sent}\t{sent}\t{when}\t{when}\t1\t"
                                 f"{templates[rng.randrange(len(templates))]}\n")
                    reports += 1
                    if len(chunk) >= 20000:
                        copy.write("".join(chunk))
                        chunk = []
            copy.write("".join(chunk))
        figures["reports_copy"] = time.perf_counter() - started
        conn.commit()
        started = time.perf_counter()
        conn.autocommit = True
        cur.execute("VACUUM ANALYZE")
        figures["analyze"] = time.perf_counter() - started
    figures.update(posyandu=len(posyandu), reports=reports, desa=len(desa))
    return figures


def _load_strength(bench_url: str) -> float:
    """Roster (6 kader, 5 with SK, skills of 3 groups) and the whole kit for the timed kabupaten's Posyandu."""
    from webapp.kader.skills import GROUPS
    from webapp.kit import KIT

    started = time.perf_counter()
    with psycopg.connect(bench_url) as conn, conn.cursor() as cur:
        cur.execute("INSERT INTO \"user\" (username, full_name, jabatan, nip, password_hash, is_enabled, "
                    "session_version, created_at) VALUES ('bench.trainer', 'Pelatih', '', '', 'x', true, 1, now()) "
                    "RETURNING id")
        trainer = cur.fetchone()[0]
        cur.execute("SELECT id, region_code FROM posyandu WHERE region_code LIKE %s", (KABUPATEN + ".%",))
        posyandu = cur.fetchall()
        with cur.copy("COPY kader (posyandu_id, region_code, name, sex, phone, position, spm_field, sk_number, "
                      "is_active, inactive_reason, created_at) FROM STDIN") as copy:
            for pid, code in posyandu:
                for k in range(6):
                    copy.write_row((pid, code, f"Kader {k}", "P", "", "kader", "kesehatan",
                                    "141/SK" if k < 5 else "", True, "", "2026-01-01 00:00:00"))
        cur.execute("UPDATE kader SET sk_on = '2025-01-01' WHERE sk_number <> ''")
        cur.execute("SELECT id FROM kader")
        kader_ids = [kid for (kid,) in cur.fetchall()]
        codes = [code for group in GROUPS[:3] for code, _ in group.skills]
        with cur.copy("COPY kader_skill (kader_id, code, marked_on, marked_by_id) FROM STDIN") as copy:
            for kid in kader_ids:
                for code in codes:
                    copy.write_row((kid, code, "2025-06-01", trainer))
        with cur.copy("COPY equipment (posyandu_id, region_code, item, available, condition, updated_at) "
                      "FROM STDIN") as copy:
            for pid, code in posyandu:
                for item in KIT:
                    copy.write_row((pid, code, item.key, True, "baik", "2026-01-01 00:00:00"))
        conn.commit()
        conn.autocommit = True
        cur.execute("ANALYZE kader; ANALYZE kader_skill; ANALYZE equipment")
    return time.perf_counter() - started


def _timed(fn, cpu: list | None = None) -> tuple[float, object]:
    """Median wall time of REPEAT warm runs; `cpu` receives the median CPU time of this process (the Python side:
    the database server's own CPU is not in it)."""
    times, cpus, result = [], [], None
    fn()  # warm
    for _ in range(REPEAT):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - started_cpu)
    if cpu is not None:
        cpu.append(statistics.median(cpus))
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep a loaded pokjanal_bench database")
    args = parser.parse_args()
    admin_url, bench_url = _urls()

    from flask import render_template
    from flask_migrate import upgrade

    from webapp import create_app
    from webapp.dashboard import queries, summary
    from webapp.dashboard.charts import line_chart
    from webapp.dashboard.periods import Period, last_complete
    from webapp.signals.keys import year_month
    from webapp.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": make_url(bench_url).set(drivername="postgresql+psycopg")
                      .render_as_string(hide_password=False), "TESTING": True})
    end = last_complete("Asia/Jakarta")
    months = [year_month(p) for p in range(end - 11, end + 1)]
    load = {}
    if not args.reuse:
        _recreate(admin_url)
        with app.app_context():
            upgrade(revision="head")
            db.engine.dispose()
        load = _load(bench_url, months)
        load["strength"] = _load_strength(bench_url)
        with app.app_context():
            started = time.perf_counter()
            with db.engine.begin() as connection:
                summary.rebuild(connection)
            load["summary"] = time.perf_counter() - started
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                # VACUUM sets the visibility map, so the national strength count is an index-only scan (autovacuum
                # does the same on a live server after the bulk rebuild); one statement each, outside a transaction
                for statement in ("ANALYZE dashboard_month", "VACUUM ANALYZE strength_window",
                                  "VACUUM ANALYZE strength_profile"):
                    connection.exec_driver_sql(statement)

    actor = NationalActor()
    results = []
    with app.app_context():
        counts = db.session.execute(db.text(
            "SELECT (SELECT count(*) FROM region WHERE level='desa'), (SELECT count(*) FROM posyandu), "
            "(SELECT count(*) FROM monthly_report), (SELECT count(*) FROM dashboard_month), "
            "(SELECT count(*) FROM strength_window)")).one()
        for label, code, window in (("kabupaten " + KABUPATEN, KABUPATEN, 1), ("provinsi " + PROVINCE, PROVINCE, 1),
                                    ("nasional", None, 1), ("kabupaten " + KABUPATEN + ", 12 bln", KABUPATEN, 12),
                                    ("nasional, 12 bln", None, 12)):
            region = queries.get_region_or_404(actor, code) if code else None
            period = Period(end, window)

            def page():
                with app.test_request_context(f"/pemantauan/{code or ''}"):
                    board = queries.region_dashboard(actor, region, period)
                    charts = [line_chart(t.title, period.trend(), t.points, t.parent_points, board.title,
                                         board.parent_label) for t in board.trends]
                    html = render_template("dashboard/page.html", board=board, charts=charts, error=None, choices=[])
                    db.session.rollback()
                    return board, len(html)

            median, (board, size) = _timed(page)
            results.append((label, len(board.rows), median, size, board.total.figures["ds"].text,
                            board.total.figures["aktif"].text))

    strength = []
    with app.app_context():
        from webapp.dashboard.periods import Period as _Period
        from webapp.dashboard.strength_queries import area_strength
        from webapp.dashboard.strength_views import CHILD_NOUN
        from webapp.dashboard.strength_wide import wide_strength
        from webapp.regions.models import Level

        for label, code in (("kabupaten " + KABUPATEN, KABUPATEN), ("provinsi " + PROVINCE, PROVINCE),
                            ("nasional", None)):
            region = queries.get_region_or_404(actor, code) if code else None
            level = Level(region.level) if region else None

            def strength_page():
                with app.test_request_context(f"/pemantauan/kekuatan/{code or 'nasional'}"):
                    wide = level in (None, Level.PROVINSI)
                    found = (wide_strength if wide else area_strength)(actor, region, end)
                    html = render_template("dashboard/strength.html", strength=found, period=_Period(end), error=None,
                                           choices=[], child_noun=CHILD_NOUN.get(level), wide=wide,
                                           path=[(found.region.label, code or "nasional")])
                    db.session.rollback()
                    return found, len(html)

            cpu: list[float] = []
            median, (found, size) = _timed(strength_page, cpu)
            strength.append((label, found, median, cpu[0], size))

    print(f"Data: {counts[0]:,} desa, {counts[1]:,} Posyandu, {counts[2]:,} laporan; ringkasan "
          f"{counts[3]:,} baris bulan + {counts[4]:,} baris kekuatan")
    if load:
        print("Muat (detik): wilayah+Posyandu {regions:.1f} · laporan COPY {reports_copy:.1f} · VACUUM ANALYZE "
              "{analyze:.1f} · tabel ringkasan {summary:.1f}".format(**load))
    print(f"{'Dasbor (hangat, median dari 5)':36} {'baris':>6} {'ms':>8} {'HTML kB':>8}  D/S      aktif")
    for label, rows, median, size, ds, aktif in results:
        print(f"{label:36} {rows:6d} {median * 1000:8.1f} {size / 1000:8.1f}  {ds:8} {aktif}")
    print(f"{'Kekuatan Posyandu (5 syarat)':36} {'baris':>6} {'ms':>8} {'CPU ms':>8} {'HTML kB':>8}")
    for label, found, median, cpu, size in strength:
        print(f"{label:36} {len(found.children):6d} {median * 1000:8.1f} {cpu * 1000:8.1f} {size / 1000:8.1f}  "
              f"aktif {found.total.aktif}/{found.total.posyandu}, ILP {found.total.ilp}, perlu pembinaan {found.needing}")
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")


if __name__ == "__main__":
    main()
