"""Signals over listed items past their date (plan lines not started, supervision findings, a mitra's items):
one rule, so each domain only says which items are late and which of them have since been settled.

A unit fires with at least `min_count` late items; the signal freezes the items' keys. It has cleared
(tuntas) when every listed item is settled, and is worse (memburuk) when the unit has more late items now.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from webapp.clock import month_key
from webapp.signals.keys import year_month
from webapp.signals.sources import BELUM, MEMBURUK, TUNTAS, Context, Outcome, Signal, Source
from webapp.formatting import tanggal


@dataclass(frozen=True)
class Late:
    """One item past its date: the unit it counts for, a stable key ("rk12"), what it is, since when."""

    unit: str
    unit_label: str
    key: str
    text: str
    since: dt.date
    link: tuple[str, dict] | None = None


def grouped(items: list[Late]) -> dict[str, list[Late]]:
    """Late items per unit, oldest first within a unit."""
    units: dict[str, list[Late]] = {}
    for item in sorted(items, key=lambda i: (i.since, i.key)):
        units.setdefault(item.unit, []).append(item)
    return units


def overdue_source(key: str, label: str, noun: str, late: Callable[[Context], list[Late]],
                   settled: Callable[[list[str]], int], min_count: int = 1, top_only: bool = False) -> Source:
    """A source firing per unit with ≥ `min_count` late items (only the units with the most, if `top_only`).
    `settled(keys)` says how many of the listed items are done (or started) now."""

    def collect(ctx: Context) -> list[Signal]:
        units = {u: items for u, items in grouped(late(ctx)).items() if len(items) >= min_count}
        if top_only and units:
            most = max(map(len, units.values()))
            units = {u: items for u, items in units.items() if len(items) == most}
        month = month_key(*year_month(ctx.latest))
        return [Signal(
            id=f"{key}:{unit}:{month}", kind=key, unit_code=unit, unit_label=items[0].unit_label,
            title=f"{items[0].unit_label}: {len(items)} {noun}",
            figures=[("Jumlah", str(len(items))), ("Paling lama sejak", tanggal(items[0].since, False))]
            + [("Butir", f"{i.text} (terlambat sejak {tanggal(i.since, False)})") for i in items[:5]],
            values={"items": [i.key for i in items], "count": len(items), "latest": ctx.latest},
            severity=len(items) + (ctx.as_of - items[0].since).days / 365, link=items[0].link)
            for unit, items in units.items()]

    def outcome(frozen: dict, ctx: Context) -> Outcome:
        listed = frozen["values"]["items"]
        done = settled(listed)
        if done >= len(listed):
            return Outcome(TUNTAS, f"Semua {len(listed)} butir sudah ditangani.")
        now = len(grouped(late(ctx)).get(frozen["unit_code"], []))
        said = f"{done} dari {len(listed)} sudah ditangani; sekarang {now} {noun}."
        return Outcome(MEMBURUK if now > frozen["values"]["count"] else BELUM, said)

    return Source(key, label, collect, outcome)
