"""Signal sources: each is a small registered rule that reads one kind of data and says what stands out.

A source has a stable key, `collect(ctx) -> [Signal]` and `outcome(frozen, ctx) -> Outcome`, which
judges later whether a picked signal has cleared. Sources are registered per app by
`webapp.evidence.init_app` (report figures) and by the packages that own the data (dashboard: Posyandu
aktif/ILP; workplans: plan lines; meetings: action items; pembinaan: supervision findings; mitra_page), so
a source that is not there yet is shown on the pack as "belum tersedia" with the reason.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from flask import Flask, current_app

TUNTAS, BELUM, MEMBURUK, MENUNGGU = "tuntas", "belum tuntas", "memburuk", "menunggu data"


@dataclass
class Context:
    """What a pack looks at: a body's region, the day its data is read as of, and the report months."""

    region_code: str
    region_label: str
    as_of: dt.date
    latest: int                 # the latest report month whose due date has passed (period number)
    window: list[int]           # the months the signals judge, oldest first
    figures: Any                # the area's report figures (`webapp.evidence.figures.Figures`), loaded by the pack
    trend: list[int] = field(default_factory=list)  # months drawn in each signal's chart
    memo: dict = field(default_factory=dict, repr=False)

    def once(self, key: str, compute: Callable[[], Any]) -> Any:
        """A read that several sources (or a source's collect and its outcomes) share, done once per context."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


@dataclass
class Signal:
    id: str                     # "<kind>:<unit>:<YYYY-MM>": stable for one body and report month
    kind: str
    title: str
    unit_code: str
    unit_label: str
    figures: list[tuple[str, str]]
    values: dict
    severity: float
    link: tuple[str, dict] | None = None
    trend_label: str = ""
    trend: list[float | None] = field(default_factory=list)
    area_trend: list[float | None] = field(default_factory=list)
    trend_months: list[int] = field(default_factory=list)

    def payload(self) -> dict:
        """What is frozen when the signal is picked."""
        return asdict(self)


@dataclass(frozen=True)
class Outcome:
    status: str                 # tuntas / belum tuntas / memburuk / menunggu data
    reason: str


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    collect: Callable[[Context], list[Signal]]
    outcome: Callable[[dict, Context], Outcome]


@dataclass(frozen=True)
class Pending:
    """A signal the issue asks for whose data the app does not hold yet."""

    key: str
    label: str
    reason: str


PENDING = (
    Pending("aktif", "Posyandu belum aktif atau belum ILP, dan alasannya",
            "menunggu data kekuatan Posyandu (kader, alat, layanan ILP)"),
    Pending("rencana", "Kegiatan rencana kerja disetujui tetapi belum dimulai",
            "realisasi kegiatan belum dicatat di aplikasi"),
    Pending("temuan", "Temuan supervisi yang lewat waktu", "kunjungan supervisi belum dicatat"),
    Pending("rujukan", "Rujukan yang lewat waktu", "rujukan belum dicatat di aplikasi"),
    Pending("mitra", "Mitra dengan butir terlambat terbanyak", "menunggu daftar mitra"),
)


def _sources(app: Flask) -> dict[str, Source]:
    return app.extensions.setdefault("pokjanal.signal_sources", {})


def add_source(app: Flask, source: Source) -> None:
    """Register a source; a key is ruled by one source only."""
    known = _sources(app)
    if source.key in known and known[source.key] is not source:
        raise RuntimeError(f"Sumber sinyal {source.key} didaftarkan dua kali")
    known[source.key] = source


# The order the pack lists sources in (domains register theirs in the app factory's order); others last.
ORDER = ("lapor", "ds", "stunting", "bgm", "kek", "2t", "aktif", "rencana", "tl", "temuan", "mitra", "tanda")


def sources(app: Flask | None = None) -> list[Source]:
    known = _sources(app or current_app)
    return sorted(known.values(), key=lambda s: ORDER.index(s.key) if s.key in ORDER else len(ORDER))


def source_for(kind: str, app: Flask | None = None) -> Source | None:
    return _sources(app or current_app).get(kind)


def pending(app: Flask | None = None) -> list[Pending]:
    """Signals asked for but not served by any registered source."""
    known = _sources(app or current_app)
    return [p for p in PENDING if p.key not in known]
