"""Signals drawn from meetings: overdue action items of the area, one signal per party responsible.

A party is who the item names: an account, a body, a mitra of the register or an agency typed in.
"""
from __future__ import annotations

import re

from sqlalchemy import or_, select

from webapp.clock import month_key
from webapp.signals.keys import year_month
from webapp.signals.sources import BELUM, MEMBURUK, TUNTAS, Context, Outcome, Signal, Source
from webapp.extensions import db
from webapp.formatting import tanggal
from webapp.meetings.models import ActionItem, ActionStatus, Meeting


def party_of(item: ActionItem) -> str:
    """A stable key for who is responsible: u12, p7 (a body member), m3 (a mitra), r62.02.01 or a-dinas-kesehatan."""
    if item.responsible_member_id:
        return f"p{item.responsible_member_id}"
    if item.responsible_user_id:
        return f"u{item.responsible_user_id}"
    if item.responsible_mitra_id:
        return f"m{item.responsible_mitra_id}"
    if item.responsible_region_code:
        return f"r{item.responsible_region_code}"
    return "a-" + (re.sub(r"[^a-z0-9]+", "-", item.responsible_agency.casefold()).strip("-")[:30] or "lain")


def overdue_items(ctx: Context) -> list[ActionItem]:
    """The area's action items past their due date and not done (read once per context: the mitra source too)."""
    return ctx.once("tl", lambda: _overdue(ctx))


def _overdue(ctx: Context) -> list[ActionItem]:
    area = or_(Meeting.region_code == ctx.region_code, Meeting.region_code.startswith(ctx.region_code + ".",
                                                                                          autoescape=True))
    return list(db.session.scalars(
        select(ActionItem).join(Meeting, ActionItem.meeting_id == Meeting.id)
        .where(area, ActionItem.status != ActionStatus.SELESAI, ActionItem.due_on.is_not(None),
               ActionItem.due_on < ctx.as_of)
        .order_by(ActionItem.due_on, ActionItem.id)).unique())


def collect_overdue(ctx: Context) -> list[Signal]:
    """Every party with at least one action item past its due date and not done."""
    parties: dict[str, list[ActionItem]] = {}
    for item in overdue_items(ctx):
        parties.setdefault(party_of(item), []).append(item)
    out = []
    for party, items in sorted(parties.items(), key=lambda kv: -len(kv[1])):
        who = items[0].responsible_label
        oldest = items[0].due_on
        out.append(Signal(
            id=f"tl:{party}:{month_key(*year_month(ctx.latest))}", kind="tl", unit_code=party, unit_label=who,
            title=f"{who}: {len(items)} tindak lanjut lewat batas waktu",
            figures=[("Lewat batas waktu", str(len(items))), ("Paling lama sejak", tanggal(oldest, False))]
            + [("Butir", f"{i.what} (batas {tanggal(i.due_on, False)})") for i in items[:5]],
            values={"items": [i.id for i in items], "count": len(items), "latest": ctx.latest},
            severity=len(items) + (ctx.as_of - oldest).days / 365,
            link=("meetings.show", {"meeting_id": items[0].meeting_id})))
    return out


def outcome_overdue(frozen: dict, ctx: Context) -> Outcome:
    """Tuntas when every item the signal listed is done; memburuk when the party has more overdue now."""
    listed = frozen["values"]["items"]
    done = db.session.scalars(select(ActionItem.id).where(ActionItem.id.in_(listed),
                                                          ActionItem.status == ActionStatus.SELESAI)).all()
    if len(done) == len(listed):
        return Outcome(TUNTAS, f"Semua {len(listed)} tindak lanjut sudah selesai.")
    now = sum(1 for item in overdue_items(ctx) if party_of(item) == frozen["unit_code"])
    said = f"{len(done)} dari {len(listed)} selesai; sekarang {now} lewat batas waktu."
    return Outcome(MEMBURUK if now > frozen["values"]["count"] else BELUM, said)


SOURCE = Source("tl", "Tindak lanjut lewat batas waktu", collect_overdue, outcome_overdue)
