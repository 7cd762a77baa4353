"""The signed-in pages the server-cost benches measure (issue 17), and signing a client in without the form."""
from __future__ import annotations

import statistics
import time

from sqlalchemy import select

PAGES = [
    # name, user (None = anonymous), path with {posyandu}, {month}, {plan}, {meeting}, {mitra}
    ("login", None, "/masuk"),
    ("kader home", "kader.palangan", "/"),
    ("report form", "kader.palangan", "/laporan/posyandu/{posyandu}/{month}"),
    ("report list", "kader.palangan", "/laporan/"),
    ("camat home", "camat.kotabesi", "/"),
    ("bupati home", "bupati.kotim", "/"),
    ("recap", "camat.kotabesi", "/laporan/rekap/62.02.01"),
    ("completeness", "camat.kotabesi", "/laporan/kelengkapan/62.02.01"),
    ("plan detail", "camat.kotabesi", "/rencana-kerja/{plan}"),
    ("meeting", "pokjanal.kotim", "/rapat/{meeting}"),
    ("minutes", "pokjanal.kotim", "/rapat/{meeting}/notulen"),
    ("mitra page", "dinkes.kotim", "/mitra/{mitra}"),
    ("kecamatan dashboard", "camat.kotabesi", "/pemantauan/62.02.01"),
    ("kabupaten dashboard", "bupati.kotim", "/pemantauan/62.02"),
    ("kecamatan strength", "camat.kotabesi", "/pemantauan/kekuatan/62.02.01"),
    ("kabupaten strength", "bupati.kotim", "/pemantauan/kekuatan/62.02"),
    ("kecamatan plan roll-up", "camat.kotabesi", "/rencana-kerja/rekap?wilayah=62.02.01"),
    ("kabupaten plan roll-up", "bupati.kotim", "/rencana-kerja/rekap?wilayah=62.02"),
    ("agenda pack", "pokjanal.kotim", "/rapat/{meeting}/bahan"),
]


def page_paths(app) -> list[tuple[str, str | None, str]]:
    """PAGES with their parameters filled from the demo data (the kader's month due, Kota Besi's plan, Kotim's meeting)."""
    with app.app_context():
        from webapp.clock import month_key, shift_month, today_in
        from webapp.demo import first_posyandu
        from webapp.extensions import db
        from webapp.meetings.models import Meeting
        from webapp.mitra.models import Mitra
        from webapp.workplans.models import Plan

        today = today_in("Asia/Pontianak")
        values = {
            "posyandu": first_posyandu("62.02.01.2003").id,
            "month": month_key(*shift_month(today.year, today.month, -1)),
            "plan": db.session.scalar(select(Plan.id).where(Plan.region_code == "62.02.01").order_by(Plan.id)),
            "meeting": db.session.scalar(select(Meeting.id).where(Meeting.region_code == "62.02")
                                         .order_by(Meeting.id)),
            "mitra": db.session.scalar(select(Mitra.id).where(Mitra.kabupaten_code == "62.02",
                                                              Mitra.short_name == "Dinkes")),
        }
    return [(name, user, path.format(**values)) for name, user, path in PAGES]


def session_cookie(app, username: str | None) -> str | None:
    """The signed session cookie of `username`, as the sign-in form would have set it."""
    if username is None:
        return None
    client = app.test_client()
    with app.app_context():
        from webapp.auth.models import User
        from webapp.extensions import db

        token = db.session.scalar(select(User).where(User.username == username)).get_id()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = token, True
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value


def sign_in(app, client, username: str | None) -> None:
    """Give a test client the user's session cookie."""
    if username is not None:
        client.set_cookie(app.config["SESSION_COOKIE_NAME"], session_cookie(app, username))


def cpu_ms(client, path: str, requests: int) -> float:
    """Median CPU milliseconds of this process over `requests` gzip requests for `path`."""
    cpu = []
    for _ in range(requests):
        started = time.process_time()
        client.get(path, headers={"Accept-Encoding": "gzip"})
        cpu.append((time.process_time() - started) * 1000)
    return statistics.median(cpu)
