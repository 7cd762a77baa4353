"""PDF of a 60-line work plan in a warm process (budget ≤ 1.0 s): render several times, report the median.

Run: .venv/bin/python bench/plan_pdf.py [--lines 60] [--runs 7]
Builds a throwaway SQLite database with the demo base data, drafts the plan through the real
services, takes it up the whole chain (so the PDF has all three signature blocks), then times
webapp.pdf.render_pdf after one warm-up render.
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader  # noqa: E402

from webapp import create_app  # noqa: E402

FIELDS = ["pendidikan", "kesehatan", "pekerjaan_umum", "perumahan_rakyat", "trantibumlinmas", "sosial"]
SOURCES = ["dd", "add", "apbd_kab", "bok", "csr", "swadaya", "lainnya"]


def build_plan(lines: int):
    from flask_migrate import upgrade
    from sqlalchemy import select

    from webapp.access import Actor
    from webapp.auth.models import User
    from webapp.demo import first_posyandu, seed_base
    from webapp.extensions import db
    from webapp.workplans import services

    upgrade(revision="head")
    seed_base()

    def actor(name):
        return Actor(db.session.scalar(select(User).where(User.username == name)))

    drafter, region = actor("pokja.palangan"), "62.02.01.2003"
    plan = services.create_plan(drafter, {"region_code": region, "year": 2027, "semester": None,
                                          "title": "Rencana Kerja Pokja Posyandu Desa Palangan 2027",
                                          "background": "Bench: rencana 60 kegiatan lintas enam bidang SPM."})
    posyandu = first_posyandu(region)
    for n in range(lines):
        services.save_line(drafter, plan, None, {
            "activity": f"Kegiatan nomor {n + 1}: penyuluhan dan pendampingan keluarga berisiko stunting",
            "spm_field": FIELDS[n % len(FIELDS)], "indicator": "Keluarga sasaran didampingi",
            "target_value": f"{10 + n} KK", "target_group": "Keluarga berisiko stunting",
            "location": f"p:{posyandu.id}" if n % 2 else f"r:{region}", "months": [str(1 + n % 12), str(1 + (n + 1) % 12)],
            "person_in_charge": "Kader bidang kesehatan", "budget": 250_000 * (n + 1),
            "funding_source": SOURCES[n % len(SOURCES)]}, None)
    services.submit(drafter, plan, None)
    services.approve(actor("kades.palangan"), plan, "", None)
    services.approve(actor("camat.kotabesi"), plan, "", None)
    return plan.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=60)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3", "TESTING": True,
                          "PASSWORD_HASH_METHOD": "scrypt:16384:8:1"})
        with app.app_context():
            plan_id = build_plan(args.lines)
        from webapp.extensions import db
        from webapp.pdf import render_pdf
        from webapp.workplans.models import Plan
        from webapp.workplans.printing import pdf_context

        with app.test_request_context():
            started = time.perf_counter()
            data = render_pdf("pdf/workplan.html", **pdf_context(db.session.get(Plan, plan_id)))
            cold = time.perf_counter() - started
            times, cpu = [], []
            for _ in range(args.runs):
                db.session.expire_all()  # each run loads the plan again, as a request would
                started, started_cpu = time.perf_counter(), time.process_time()
                data = render_pdf("pdf/workplan.html", **pdf_context(db.session.get(Plan, plan_id)))
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            pages = len(PdfReader(io.BytesIO(data)).pages)
    median = statistics.median(times)
    print(f"{'what':<36}{'value':>12}")
    print(f"{'lines in the plan':<36}{args.lines:>12}")
    print(f"{'pages (F4, Kotim setting)':<36}{pages:>12}")
    print(f"{'PDF size (KB)':<36}{len(data) / 1024:>12.1f}")
    print(f"{'first render incl. import (s)':<36}{cold:>12.3f}")
    print(f"{'warm renders':<36}{args.runs:>12}")
    print(f"{'warm min (s)':<36}{min(times):>12.3f}")
    print(f"{'warm median (s)':<36}{median:>12.3f}")
    print(f"{'warm max (s)':<36}{max(times):>12.3f}")
    print(f"{'warm median CPU time (s)':<36}{statistics.median(cpu):>12.3f}")
    print(f"{'load average (1 min) at the end':<36}{os.getloadavg()[0]:>12.2f}")
    print(f"{'budget (s)':<36}{1.0:>12.3f}")
    print(f"{'within budget (median wall)':<36}{('yes' if median <= 1.0 else 'NO'):>12}")
    print("A busy machine inflates wall time: the CPU time shows what one render costs on one free core.")


if __name__ == "__main__":
    main()
