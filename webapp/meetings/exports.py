"""A meeting's attendance list and action items as Excel (webapp/exports.py), from what the minutes print
(the frozen content once they are final), plus the action items' current status for follow-up."""
from __future__ import annotations

from webapp.exports import Column, Export, Sheet
from webapp.meetings.models import Meeting
from webapp.regions.queries import setting_for


def _export(meeting: Meeting, doc: dict, title: str, sheet: Sheet) -> Export:
    return Export(title=f"{title}: {meeting.title}", area=doc["kop"]["body"], period=doc["header"]["day"],
                  timezone=setting_for(meeting.region_code).timezone, sheets=[sheet],
                  definitions=[("Tempat", doc["header"]["place"]), ("Waktu", doc["header"]["time"])])


def attendance_export(meeting: Meeting, doc: dict) -> Export:
    """Daftar hadir: name, jabatan/instansi, unsur, L/P, kehadiran."""
    columns = [Column("No", "int", 6), Column("Nama", width=30), Column("Jabatan/Instansi", width=40),
               Column("Unsur", width=28), Column("L/P", width=6), Column("Kehadiran", width=14)]
    rows = [[n, p["name"], p["jabatan"] or None, p.get("unsur") or None, p["sex"] or None, p["label"] or None]
            for n, p in enumerate(doc["attendance"], start=1)]
    return _export(meeting, doc, "Daftar hadir", Sheet("Daftar hadir", columns, rows))


def actions_export(meeting: Meeting, doc: dict) -> Export:
    """Tindak lanjut: as printed in the minutes, and the status today with its last progress note."""
    columns = [Column("No", "int", 6), Column("Tindak lanjut", width=48), Column("Penanggung jawab", width=30),
               Column("Batas waktu", "date", 14), Column("Status di notulen", width=16),
               Column("Status sekarang", width=16), Column("Perkembangan terakhir", width=40),
               Column("Diperbarui", "datetime", 18)]
    rows = [[n, printed["what"], printed["responsible"], item.due_on, printed["status"], item.status_label,
             item.progress_note or None, item.updated_at]
            for n, (printed, item) in enumerate(zip(doc["actions"], meeting.action_items, strict=False), start=1)]
    return _export(meeting, doc, "Tindak lanjut", Sheet("Tindak lanjut", columns, rows))
