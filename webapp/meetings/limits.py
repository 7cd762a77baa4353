"""What one meeting can hold, so its minutes, attendance list and agenda pack print well within the PDF time
budget (issue 23: 300 action items and 500 guests took a 102 s render; at these limits, 60 agenda items, 60
action items and 200 participants, the minutes rendered in 11 s on a shared 2-core machine under a load
average of 8). Each refusal names the field."""
from __future__ import annotations

from webapp.meetings.models import Meeting
from webapp.refusal import Refused

MAX_AGENDA_ITEMS = 60
MAX_ACTION_ITEMS = 60
MAX_PARTICIPANTS = 200


def room_for_agenda(meeting: Meeting, adding: int = 1, field: str = "title") -> None:
    if len(meeting.agenda_items) + adding > MAX_AGENDA_ITEMS:
        raise Refused(f"Satu rapat paling banyak {MAX_AGENDA_ITEMS} butir agenda. Gabungkan beberapa agenda, "
                      "atau hapus agenda yang tidak dibahas.", field)


def room_for_action(meeting: Meeting, field: str = "what") -> None:
    if len(meeting.action_items) >= MAX_ACTION_ITEMS:
        raise Refused(f"Satu rapat paling banyak {MAX_ACTION_ITEMS} tindak lanjut. Gabungkan tindak lanjut "
                      "yang serupa menjadi satu.", field)


def room_for_participants(present: int, adding: int = 1, field: str = "guest_name") -> None:
    """`present` on the list before this change, `adding` the rows it would add."""
    if present + adding > MAX_PARTICIPANTS:
        raise Refused(f"Satu rapat paling banyak {MAX_PARTICIPANTS} peserta (sisa tempat: "
                      f"{max(MAX_PARTICIPANTS - present, 0)}). Untuk acara yang lebih besar, buat daftar hadir "
                      "terpisah per sesi.", field)
