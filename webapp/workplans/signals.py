"""Evidence signal: lines of an approved plan not started once their first scheduled month has ended.

A line counts when its plan is approved (disetujui or diketahui) and not replaced by an approved revision,
it has a schedule, its realisation is still "belum mulai", and the first of its months lies wholly before
the pack's day. One signal per plan (the body's own, or a desa's below it).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased, contains_eager

from webapp.signals.overdue import Late, overdue_source
from webapp.signals.sources import Context
from webapp.extensions import db
from webapp.workplans.models import Plan, PlanLine, PlanStatus, Progress

APPROVED = (PlanStatus.APPROVED, PlanStatus.ENDORSED)


def line_key(line_id: int) -> str:
    return f"rk{line_id}"


def _first_month_ended(line: PlanLine, as_of: dt.date) -> dt.date | None:
    """The first day after the line's first scheduled month, if that day is on or before `as_of`."""
    months = line.month_numbers
    if not months:
        return None
    year, month = line.plan.year + (min(months) == 12), min(months) % 12 + 1
    after = dt.date(year, month, 1)
    return after if after <= as_of else None


def late_lines(ctx: Context) -> list[tuple[PlanLine, dt.date]]:
    """Approved, not-started lines of the area's plans whose first month has ended, with the day it ended
    (read once per context: the mitra source counts them too)."""
    return ctx.once("rencana", lambda: _late_lines(ctx))


def _late_lines(ctx: Context) -> list[tuple[PlanLine, dt.date]]:
    newer = aliased(Plan)
    replaced = select(newer.id).where(newer.previous_id == Plan.id, newer.status.in_(APPROVED)).exists()
    area = or_(Plan.region_code == ctx.region_code, Plan.region_code.startswith(ctx.region_code + ".", autoescape=True))
    lines = db.session.scalars(
        select(PlanLine).join(Plan, PlanLine.plan_id == Plan.id)
        .where(area, Plan.status.in_(APPROVED), ~replaced, Plan.year <= ctx.as_of.year,
               PlanLine.progress == Progress.NOT_STARTED, PlanLine.months != "")
        .options(contains_eager(PlanLine.plan)).order_by(PlanLine.id)).unique()
    found = ((line, _first_month_ended(line, ctx.as_of)) for line in lines)
    return [(line, since) for line, since in found if since is not None]


def _late(ctx: Context) -> list[Late]:
    return [Late(str(line.plan_id), f"{line.plan.region.label}: {line.plan.title}", line_key(line.id),
                 f"{line.activity} ({line.schedule_label})", since, ("workplans.detail", {"plan_id": line.plan_id}))
            for line, since in late_lines(ctx)]


def started(keys: list[str]) -> int:
    """How many of the listed lines have started, finished or been cancelled since."""
    ids = [int(k[2:]) for k in keys if k.startswith("rk")]
    return len(db.session.scalars(select(PlanLine.id).where(PlanLine.id.in_(ids),
                                                            PlanLine.progress != Progress.NOT_STARTED)).all())


SOURCE = overdue_source("rencana", "Kegiatan rencana kerja disetujui tetapi belum dimulai",
                        "kegiatan disetujui belum dimulai lewat jadwal", _late, started)
