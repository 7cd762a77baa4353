"""Evidence signal: the mitra with the most late items in the pack's area: action items it is responsible for
past their due date, and plan lines it carries out (pelaksana) approved but not started past their month.

Fires for the mitra with the most (all of them on a tie), from two late items up: one is not a pattern.
"""
from __future__ import annotations

from sqlalchemy import select

from webapp.meetings.signals import overdue_items
from webapp.signals.overdue import Late, overdue_source
from webapp.signals.sources import Context
from webapp.extensions import db
from webapp.formatting import tanggal
from webapp.meetings.models import ActionItem, ActionStatus
from webapp.workplans.signals import late_lines, line_key, started

MIN_ITEMS = 2


def _late(ctx: Context) -> list[Late]:
    found = [Late(f"m{item.responsible_mitra_id}", item.responsible_mitra.short_name, f"tl{item.id}",
                  f"Tindak lanjut: {item.what[:80]} (batas {tanggal(item.due_on, False)})", item.due_on,
                  ("mitra.show", {"mitra_id": item.responsible_mitra_id}))
             for item in overdue_items(ctx) if item.responsible_mitra_id]
    found += [Late(f"m{line.mitra_id}", line.mitra.short_name, line_key(line.id),
                   f"Kegiatan: {line.activity[:80]} ({line.schedule_label})", since,
                   ("mitra.show", {"mitra_id": line.mitra_id}))
              for line, since in late_lines(ctx) if line.mitra_id]
    return found


def settled(keys: list[str]) -> int:
    """Action items done, and plan lines started (or done, or cancelled)."""
    ids = [int(k[2:]) for k in keys if k.startswith("tl")]
    done = len(db.session.scalars(select(ActionItem.id).where(ActionItem.id.in_(ids),
                                                              ActionItem.status == ActionStatus.SELESAI)).all())
    return done + started(keys)


SOURCE = overdue_source("mitra", "Mitra dengan butir terlambat terbanyak", "butir terlambat (tindak lanjut dan kegiatan)",
                        _late, settled, min_count=MIN_ITEMS, top_only=True)
