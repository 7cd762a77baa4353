"""Audit that answers "who changed what": section saves with before/after, attendance, comments,
reopen with a copy of the verified figures; the admin's page (filters) and its Excel export."""
import datetime as dt
import io
import json

from openpyxl import load_workbook
from sqlalchemy import select

from tests.meetings.helpers import make_meeting
from tests.reports.helpers import actor, fill, last_month, new_id, palangan_posyandu, section_values
from webapp.audit import AuditEvent
from webapp.extensions import db
from webapp.meetings import services as meetings
from webapp.reports import services as reports


def _last(action: str) -> AuditEvent:
    return db.session.scalar(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc()))


def _history():
    """A report filed, corrected, verified and reopened; a meeting with attendance and a comment."""
    kader, posyandu, (year, month) = actor("kader.palangan"), palangan_posyandu(), last_month()
    fill(kader, posyandu, year, month)
    reports.save_section(kader, posyandu, year, month, "gizi", section_values("gizi", year, month, balita_n=28), "",
                         new_id())
    report = reports.submit(kader, posyandu, year, month, new_id(), confirmed=True).report
    reports.verify(actor("kades.palangan"), report)
    reports.reopen(actor("pokjanal.kotabesi"), report, "Angka stunting dicek ulang bersama bidan.")
    meeting = make_meeting()
    meetings.mark_attendance(actor("pokjanal.kotabesi"), meeting, meeting.participants[0], "izin")
    meetings.advance(actor("pokjanal.kotabesi"), meeting, "circulate")
    meetings.comment(actor("kader.palangan"), meeting, "Nama Posyandu Melati tertulis salah")
    return report, meeting


def test_every_change_says_who_changed_what_from_what_to_what(demo_app):
    report, meeting = _history()
    saved = _last("report.section_saved")
    assert saved.subject == f"laporan {report.id} gizi" and saved.actor.username == "kader.palangan"
    assert json.loads(saved.detail) == {"balita_n": [30, 28]}
    reopened = _last("report.verified_copy")  # beside the flow's own row, which holds the reason
    copy = json.loads(reopened.detail)
    assert copy["balita_n"] == 28 and copy["diverifikasi"][0] == actor("kades.palangan").id
    reason = db.session.scalar(select(AuditEvent).where(AuditEvent.subject == reopened.subject,
                                                        AuditEvent.id < reopened.id).order_by(AuditEvent.id.desc()))
    assert reason.detail == "Angka stunting dicek ulang bersama bidan." and reason.actor.username == "pokjanal.kotabesi"
    marked = _last("meeting.attendance")
    assert marked.subject == f"rapat {meeting.id}" and json.loads(marked.detail)["kehadiran"][1] == "izin"
    assert _last("minutes.commented").detail == "Nama Posyandu Melati tertulis salah"


def test_the_admin_filters_by_user_object_and_date_and_sees_only_its_kabupaten(demo_client, login_as):
    report, _ = _history()
    login_as(demo_client, "admin.kotim")
    page = demo_client.get("/audit?pengguna=kader.palangan").get_data(as_text=True)
    assert "report.section_saved" in page and "minutes.commented" in page and "report.reopened" not in page
    page = demo_client.get(f"/audit?objek=laporan+{report.id}+gizi").get_data(as_text=True)
    assert "balita_n" in page and "rapat" not in page.split("Jejak audit")[-1].split("<ul")[-1]
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    assert "Tidak ada catatan yang cocok." in demo_client.get(f"/audit?dari={tomorrow}").get_data(as_text=True)
    bad = demo_client.get("/audit?dari=2026-13-40")
    assert bad.status_code == 422 and "Tanggal tidak valid." in bad.get_data(as_text=True)
    backwards = demo_client.get("/audit?dari=2026-05-02&sampai=2026-05-01")
    assert backwards.status_code == 422 and "Tanggal akhir sebelum tanggal awal." in backwards.get_data(as_text=True)
    login_as(demo_client, "admin.ttu")
    assert "Tidak ada catatan yang cocok." in demo_client.get("/audit").get_data(as_text=True)
    for username in ("pokja.palangan", "camat.kotabesi", "kader.palangan"):
        login_as(demo_client, username)
        assert demo_client.get("/audit").status_code == 403
        assert demo_client.get("/audit.xlsx").status_code == 403


def test_the_export_holds_the_filtered_rows_as_text(demo_client, login_as):
    _history()
    login_as(demo_client, "admin.kotim")
    response = demo_client.get("/audit.xlsx?pengguna=kader")
    assert response.headers["Content-Disposition"] == 'attachment; filename="jejak-audit.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.data)).active.values)
    assert rows[0][0].startswith("Waktu (") and rows[0][1:] == ("Pengguna", "Nama", "Aksi", "Objek", "Rincian", "Alamat")
    assert all(isinstance(r[0], dt.datetime) for r in rows[1:])  # real dates a spreadsheet can sort and filter
    assert {r[1] for r in rows[1:]} == {"kader.palangan"}
    assert any(r[3] == "report.section_saved" and '"balita_n": [30, 28]' in r[5] for r in rows[1:])
