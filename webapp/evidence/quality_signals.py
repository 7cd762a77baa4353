"""Signals from the data-quality sentinel: units where a large share of the reports carry a flag.

The flags are the verifier's (webapp.reports.sentinel), worked out here over every received report of
the latest month against the Posyandu's reports of the three months before it.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import select

from webapp.clock import month_key
from webapp.formatting import persen
from webapp.evidence.figures import MR, reports_in_area, unit_column
from webapp.signals.keys import year_month
from webapp.signals.sources import BELUM, MEMBURUK, MENUNGGU, TUNTAS, Context, Outcome, Signal, Source
from webapp.extensions import db
from webapp.regions.models import Region
from webapp.reports.fields import COUNT_NAMES
from webapp.reports.models import Status
from webapp.reports.sentinel import flags

SHARE_MIN = 0.25   # a unit fires when a quarter or more of its reports are flagged...
COUNT_MIN = 2      # ...and at least two of them
RECEIVED = (Status.SUBMITTED, Status.RETURNED, Status.VERIFIED)


def _values(row) -> dict:
    """A report's values as the sentinel reads them (by position: a Row's getattr costs ~7 µs a name)."""
    values = dict(zip(COUNT_NAMES, row[5:], strict=True))
    values["open_dates"] = [dt.date.fromisoformat(d) for d in (row[3] or "").split(",") if d]
    values["closed"] = bool(row[4])
    return values


def flag_counts(region_code: str, periods: list[int]) -> dict[str, tuple[int, int, Counter]]:
    """unit -> (flagged reports, received reports, how often each flag) over `periods`: one statement, the
    flags worked out in Python (the dashboard's flag rate per desa/kecamatan reads this too)."""
    region = db.session.get(Region, region_code)
    number = MR.year * 12 + MR.month - 1
    rows = db.session.connection().execute(  # Core rows: the ORM's per-row work doubled the time on a kabupaten
        select(MR.posyandu_id, unit_column(region, MR), number, MR.open_dates, MR.closed,
               *[getattr(MR, n) for n in COUNT_NAMES])
        .where(reports_in_area(region), MR.status.in_(RECEIVED), number >= min(periods) - 3,
               number <= max(periods))
        .order_by(MR.posyandu_id, number.desc())).all()
    by_posyandu: dict[int, list[tuple[str, int, dict]]] = {}
    for row in rows:
        by_posyandu.setdefault(row[0], []).append((row[1], row[2], _values(row)))
    wanted = set(periods)
    counts: dict[str, tuple[int, int, Counter]] = {}
    for reports in by_posyandu.values():
        for index, (unit, period, values) in enumerate(reports):
            if period not in wanted:
                continue
            found = flags(values, [r[2] for r in reports[index + 1:index + 4]], *year_month(period))
            flagged, received, kinds = counts.get(unit, (0, 0, Counter()))
            kinds.update(f.short for f in found)
            counts[unit] = (flagged + bool(found), received + 1, kinds)
    return counts


def collect_flagged(ctx: Context) -> list[Signal]:
    """Units where a quarter or more of the latest month's reports carry a flag (the latest month only: the
    sentinel reads every report with its three before, ~0.3 ms a report)."""
    out = []
    for unit, (flagged, received, kinds) in flag_counts(ctx.region_code, [ctx.latest]).items():
        if unit not in ctx.figures.units or flagged < COUNT_MIN or flagged / received < SHARE_MIN:
            continue
        label = ctx.figures.units[unit]
        out.append(Signal(
            id=f"tanda:{unit}:{month_key(*year_month(ctx.latest))}", kind="tanda", unit_code=unit, unit_label=label,
            title=f"{label}: {flagged} dari {received} laporan bertanda data ({persen(flagged, received)})",
            figures=[("Laporan bertanda", f"{flagged} dari {received}")]
            + [("Tanda", f"{reason} ({n}×)") for reason, n in kinds.most_common(3)],
            values={"share": flagged / received, "latest": ctx.latest}, severity=flagged / received,
            link=("reports.recap.completeness", {"code": unit, "bulan": month_key(*year_month(ctx.latest))})
            if not unit.isdigit() else ("dashboard.posyandu", {"posyandu_id": int(unit)})))
    return out


def outcome_flagged(frozen: dict, ctx: Context) -> Outcome:
    after = [p for p in ctx.figures.periods if frozen["values"]["latest"] < p <= ctx.latest]
    if not after:
        return Outcome(MENUNGGU, "Belum ada bulan laporan baru sejak sinyal dipilih.")
    flagged, received, _ = flag_counts(ctx.region_code, after).get(frozen["unit_code"], (0, 0, None))
    if not received:
        return Outcome(MENUNGGU, "Belum ada laporan baru.")
    said = f"Sesudahnya {flagged} dari {received} laporan bertanda."
    if flagged / received < SHARE_MIN:
        return Outcome(TUNTAS, said)
    return Outcome(MEMBURUK if flagged / received > frozen["values"]["share"] else BELUM, said)


SOURCE = Source("tanda", "Laporan bertanda data (pemeriksa kualitas)", collect_flagged, outcome_flagged)
