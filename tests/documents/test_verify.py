"""The public verification page of a signed document: names the document, its signers and the hash of its
frozen content; small; no personal data beyond the printed page; a wrong code is a clear 404, audited and
rate-limited per address; a good code is always answered and writes nothing."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from webapp.audit import AuditEvent
from webapp.clock import utcnow
from webapp.documents import services
from webapp.extensions import db


def _document():
    document = services.record("notulen", 4242, "62.02.01", "Rapat Koordinasi — Uji", {
        "kop": {"body": "Pokjanal Posyandu Kecamatan Kota Besi", "lines": [], "place": "Kota Besi"},
        "signers": [{"role": "Pimpinan Rapat,", "name": "Ahmad Yani, S.Sos", "jabatan": "Camat Kota Besi",
                     "nip": "19760309 199903 1 005", "date": "Kota Besi, 1 Desember 2026"}],
        "attendance": [{"name": "Peserta Rahasia", "phone": "081200000000"}]})
    db.session.commit()
    return document


def test_the_page_is_public_small_and_shows_no_more_than_the_print(demo_client):
    document = _document()
    response = demo_client.get(f"/verifikasi/{document.code}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and len(response.data) <= 30_000
    assert response.headers["Cache-Control"] == "no-store"
    for shown in ("Rapat Koordinasi — Uji", "Notulen Rapat", "Ahmad Yani, S.Sos", "Camat Kota Besi",
                  "Pokjanal Posyandu Kecamatan Kota Besi", document.content_sha256, "Versi"):
        assert shown in html, shown
    for hidden in ("19760309", "081200000000", "Peserta Rahasia"):
        assert hidden not in html, hidden
    assert len(document.code) >= 16  # 96 random bits, URL-safe


def _rows(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_wrong_code_is_a_clear_404_and_audited_a_good_one_writes_nothing(demo_client):
    document = _document()
    wrong = demo_client.get("/verifikasi/BUKANKODEYANGADA")
    assert wrong.status_code == 404 and "Tidak ditemukan" in wrong.get_data(as_text=True)
    actions = [(e.action, e.subject) for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert ("document.unknown", "BUKANKODEYANGADA") in actions
    audits = _rows(AuditEvent)
    for _ in range(3):
        assert demo_client.get(f"/verifikasi/{document.code}").status_code == 200
    db.session.expire_all()
    assert _rows(AuditEvent) == audits  # an anonymous good look-up writes nothing


def test_only_failed_look_ups_are_limited_and_a_good_code_is_never_refused(demo_client, monkeypatch):
    document = _document()
    for _ in range(services.CHECKS_PER_WINDOW + 5):  # a village behind one carrier address
        assert demo_client.get(f"/verifikasi/{document.code}").status_code == 200
    for n in range(services.CHECKS_PER_WINDOW):
        assert demo_client.get(f"/verifikasi/TEBAKAN{n:05d}").status_code == 404
    assert demo_client.get("/verifikasi/TEBAKANLAGI01").status_code == 429  # guessing stops here
    assert demo_client.get(f"/verifikasi/{document.code}").status_code == 200  # the good code still answers
    other = demo_client.get("/verifikasi/TEBAKANLAGI02", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert other.status_code == 404  # another address is not blocked
    later = utcnow() + services.WINDOW + dt.timedelta(seconds=1)
    monkeypatch.setattr(services, "utcnow", lambda: later)  # the failures are out of the window
    assert demo_client.get("/verifikasi/TEBAKANLAGI03").status_code == 404


def test_a_newer_version_names_what_changed(demo_client):
    document = _document()
    newer = services.record("notulen", 4242, "62.02.01", "Rapat Koordinasi — Uji", {
        "kop": {"body": "Pokjanal Posyandu Kecamatan Kota Besi", "lines": [], "place": "Kota Besi"},
        "signers": [{"role": "Pimpinan Rapat,", "name": "Pejabat Lain", "jabatan": "Plt. Camat Kota Besi"}],
        "attendance": [{"name": "Peserta Rahasia", "phone": "081200000000"}]})
    db.session.commit()
    assert newer.version == 2 and newer.code != document.code
    html = demo_client.get(f"/verifikasi/{document.code}").get_data(as_text=True)
    assert "Versi lebih baru ada" in html and "penanda tangan" in html and "daftar hadir" not in html
    assert "Versi lebih baru" not in demo_client.get(f"/verifikasi/{newer.code}").get_data(as_text=True)


def test_minutes_show_their_date_agenda_action_and_attendance_figures(demo_client):
    document = services.record("notulen", 4343, "62.02.01", "Rapat Koordinasi — Figur", {
        "kop": {"body": "Pokjanal Posyandu Kecamatan Kota Besi", "lines": [], "place": "Kota Besi"},
        "header": {"day": "Senin, 7 Desember 2026", "present": 14, "invited": 18},
        "agenda": [{"title": "A"}, {"title": "B"}, {"title": "C"}], "actions": [{"what": "X"}, {"what": "Y"}],
        "signers": [], "attendance": [{"name": "Peserta Rahasia"}]})
    db.session.commit()
    html = " ".join(demo_client.get(f"/verifikasi/{document.code}").get_data(as_text=True).split())
    for label, value in (("Hari, tanggal", "Senin, 7 Desember 2026"), ("Pokok bahasan", "3"), ("Tindak lanjut", "2"),
                         ("Peserta hadir", "14 dari 18 undangan")):
        assert f'<dt>{label}</dt><dd class="figure">{value}</dd>' in html, label
    assert "Peserta Rahasia" not in html
