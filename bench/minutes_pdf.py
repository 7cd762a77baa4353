"""Minutes PDF with 60 attendees and 20 action items in a warm process (budget ≤ 1.0 s): median of several renders.

Run: .venv/bin/python bench/minutes_pdf.py [--attendees 60] [--actions 20] [--runs 7]
Builds a throwaway SQLite database with the demo base data (a logo and a five-line kop), schedules a Kota Besi meeting through the
real services (desa bodies invited, guests up to the attendee count, attendance marked, minutes written,
action items added, circulated and signed by the chair), then times webapp.pdf.render_pdf after one
warm-up render, loading the meeting afresh each time as a request would.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import time

from common import fresh_app, table

AGENDA = ["Laporan Posyandu bulan lalu", "Pencegahan stunting", "Bulan Penimbangan Balita", "Kunjungan rumah",
          "Anggaran Dana Desa untuk Posyandu"]


def with_logo_and_long_kop() -> None:
    """The budget holds with a logo and a five-line kop, as offices print them."""
    from pathlib import Path

    from webapp.extensions import db
    from webapp.regions.models import KabupatenSetting, RegionLetterhead

    setting = db.session.get(KabupatenSetting, "62.02")
    setting.logo = (Path(__file__).resolve().parent.parent / "static/icons/icon-512.png").read_bytes()
    setting.logo_mime = "image/png"
    db.session.add(RegionLetterhead(region_code="62.02.01", letterhead="\n".join([
        "PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR", "KECAMATAN KOTA BESI", "POKJANAL POSYANDU KECAMATAN KOTA BESI",
        "Jalan Tjilik Riwut Km 60, Kota Besi 74353", "Telepon (0531) 000000, Pos-el kotabesi@contoh.go.id"])))
    db.session.commit()


def build_meeting(attendees: int, actions: int) -> int:
    from sqlalchemy import select

    from webapp.access import Actor
    from webapp.auth.models import User
    from webapp.extensions import db
    from webapp.meetings import services

    def actor(name):
        return Actor(db.session.scalar(select(User).where(User.username == name)))

    def uid(name):
        return db.session.scalar(select(User.id).where(User.username == name))

    notulis = actor("pokjanal.kotabesi")
    meeting = services.create_meeting(notulis, {
        "region_code": "62.02.01", "kind": "koordinasi", "title": "Rapat Koordinasi Pokjanal Kecamatan Kota Besi",
        "day": dt.date(2026, 12, 4), "starts": dt.time(9, 0), "ends": None, "place": "Aula Kantor Camat Kota Besi",
        "chair_id": uid("camat.kotabesi"), "notulis_id": uid("pokjanal.kotabesi"), "agenda": AGENDA})
    services.invite(notulis, meeting, ["62.02.01.2003", "62.02.01.2004"], [])
    for n in range(attendees - len(meeting.participants)):
        services.add_guest(notulis, meeting, {
            "guest_name": f"Peserta Rapat Nomor {n + 1:02d}", "jabatan": "Kader Posyandu",
            "instansi": f"Posyandu Melati {n % 9 + 1}, Desa {['Palangan', 'Hanjalipan', 'Simpur'][n % 3]}",
            "sex": "LP"[n % 4 == 0], "phone": f"0812{n:08d}"}, walk_in=n % 7 != 0)
    for participant in meeting.participants:
        services.mark_attendance(notulis, meeting, participant, "hadir" if participant.id % 9 else "izin")
    services.save_minutes(notulis, meeting, {
        "opening": "Rapat dibuka pukul 09.10 WIB oleh Camat Kota Besi selaku pimpinan rapat.",
        "closing": "Rapat ditutup pukul 12.00 WIB.",
        "items": [{"id": a.id, "title": a.title,
                   "discussion": "Sekretaris Pokjanal menyampaikan capaian. Bidan desa menanggapi. " * 4,
                   "decisions": "Disepakati tindak lanjut sebagaimana tabel di bawah."} for a in meeting.agenda_items]})
    for n in range(actions):
        services.add_action_item(notulis, meeting, meeting.agenda_items[n % len(AGENDA)], {
            "what": f"Tindak lanjut nomor {n + 1}: menyusun dan mengirim rekap data sasaran Posyandu",
            "responsible": "r:62.02.01.2003" if n % 2 else "", "agency": "" if n % 2 else "Puskesmas Kota Besi",
            "due_on": dt.date(2026, 12, 20)})
    services.advance(notulis, meeting, "circulate")
    services.advance(actor("camat.kotabesi"), meeting, "finalize")
    return meeting.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attendees", type=int, default=60)
    parser.add_argument("--actions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = fresh_app(demo=False, TESTING=True, PASSWORD_HASH_METHOD="scrypt:16384:8:1")
    from pypdf import PdfReader
    from sqlalchemy import select

    from webapp.access import Actor
    from webapp.auth.models import User
    from webapp.demo import seed_base
    from webapp.extensions import db
    from webapp.meetings.models import Meeting
    from webapp.meetings.signed import pdf_context
    from webapp.pdf import render_pdf

    with app.app_context():
        seed_base()
        with_logo_and_long_kop()
        meeting_id = build_meeting(args.attendees, args.actions)
    with app.test_request_context():
        reader = Actor(db.session.scalar(select(User).where(User.username == "pokjanal.kotabesi")))

        def render() -> bytes:
            db.session.expire_all()  # each run loads the meeting again, as a request would
            return render_pdf("pdf/minutes.html", **pdf_context(reader, db.session.get(Meeting, meeting_id)))

        started = time.perf_counter()
        data = render()
        cold = time.perf_counter() - started
        times, cpu = [], []
        for _ in range(args.runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            data = render()
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        pages = len(PdfReader(io.BytesIO(data)).pages)
    median = statistics.median(times)
    print(table(["what", "value"], [
        ["attendees", args.attendees], ["action items", args.actions], ["pages (F4, Kotim setting)", pages],
        ["PDF size (KB)", f"{len(data) / 1024:.1f}"], ["first render incl. import (s)", f"{cold:.3f}"],
        ["warm renders", args.runs], ["warm min (s)", f"{min(times):.3f}"], ["warm median (s)", f"{median:.3f}"],
        ["warm max (s)", f"{max(times):.3f}"], ["warm median CPU time (s)", f"{statistics.median(cpu):.3f}"],
        ["load average (1 min) at the end", f"{os.getloadavg()[0]:.2f}"], ["budget (s)", "1.000"],
        ["within budget (median wall)", "yes" if median <= 1.0 else "NO"],
    ]))


if __name__ == "__main__":
    main()
