"""Evidence signal: units of the pack's area where fewer than 80 % of the Posyandu are aktif on the five
criteria of /pemantauan/kekuatan, with how many are ILP and the criteria most often missing (the why).

Read from the same facts as the strength page for the pack's latest report month. Regions above a
kabupaten have no strength figures: the source then gives no signal rather than a wrong one.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from webapp.clock import month_key
from webapp.dashboard.indicators import AKTIF_TARGET
from webapp.formatting import persen
from webapp.dashboard.strength import Standing
from webapp.dashboard.strength_queries import area_strength
from webapp.signals.keys import unit_of, year_month
from webapp.signals.sources import BELUM, MEMBURUK, MENUNGGU, TUNTAS, Context, Outcome, Signal, Source
from webapp.extensions import db
from webapp.regions.models import Region

REASONS_SHOWN = 3


@dataclass
class Unit:
    standings: list[Standing] = field(default_factory=list)

    # Cached: read once the unit's standings are all in (`_units`), then many times by the signals.
    @cached_property
    def aktif(self) -> int:
        return sum(s.is_aktif for s in self.standings)

    @cached_property
    def ilp(self) -> int:
        return sum(s.is_ilp for s in self.standings)

    @property
    def share(self) -> float:
        return self.aktif / len(self.standings)

    def why(self) -> list[tuple[str, int]]:
        """The aktif criteria and ILP parts missing most often, with how many Posyandu miss each."""
        missing = Counter(f"belum aktif: {c.label}" for s in self.standings for c in s.aktif if not c.met)
        missing.update(f"belum ILP: {c.label}" for s in self.standings for c in s.ilp if not c.met)
        return missing.most_common(REASONS_SHOWN)


def units(ctx: Context) -> dict[str, Unit]:
    """Each unit's Posyandu standings for the pack's latest month; nothing above a kabupaten."""
    return ctx.once("aktif", lambda: _units(ctx))


def _units(ctx: Context) -> dict[str, Unit]:
    if ctx.region_code.count(".") < 1:
        return {}
    found: dict[str, Unit] = {}
    for standing in area_strength(None, db.session.get(Region, ctx.region_code), ctx.latest).standings:
        found.setdefault(unit_of(ctx.region_code, standing.region_code, standing.posyandu_id), Unit()).standings.append(standing)
    return found


def _link(ctx: Context, unit: str) -> tuple[str, dict]:
    month = month_key(*year_month(ctx.latest))
    if unit.isdigit():
        return "dashboard.posyandu", {"posyandu_id": int(unit), "bulan": month}
    return "strength.area", {"code": unit, "bulan": month}


def collect(ctx: Context) -> list[Signal]:
    """Units with fewer than AKTIF_TARGET of their Posyandu aktif."""
    out = []
    for code, unit in units(ctx).items():
        if unit.share >= AKTIF_TARGET:
            continue
        label, total = ctx.figures.units.get(code, unit.standings[0].name), len(unit.standings)
        not_aktif = [s for s in unit.standings if not s.is_aktif]
        out.append(Signal(
            id=f"aktif:{code}:{month_key(*year_month(ctx.latest))}", kind="aktif", unit_code=code, unit_label=label,
            title=f"{label}: {unit.aktif} dari {total} Posyandu aktif ({persen(unit.aktif, total)}), {unit.ilp} sudah ILP",
            figures=[("Posyandu", str(total)), ("Aktif (5 syarat)", str(unit.aktif)), ("Sudah ILP", str(unit.ilp))]
            + [("Alasan", f"{reason} ({n} Posyandu)") for reason, n in unit.why()]
            + [("Misalnya", f"{s.name}: {s.reasons[0]}") for s in not_aktif[:3] if s.reasons],
            values={"share": unit.share, "aktif": unit.aktif, "posyandu": total, "latest": ctx.latest},
            severity=AKTIF_TARGET - unit.share, link=_link(ctx, code)))
    return out


def outcome(frozen: dict, ctx: Context) -> Outcome:
    """Tuntas when the unit reaches 80 % aktif; memburuk when its share fell below the frozen one."""
    unit = units(ctx).get(frozen["unit_code"])
    if unit is None:
        return Outcome(MENUNGGU, "Belum ada data kekuatan Posyandu untuk wilayah ini.")
    said = f"Sekarang {unit.aktif} dari {len(unit.standings)} Posyandu aktif ({persen(unit.aktif, len(unit.standings))})."
    if unit.share >= AKTIF_TARGET:
        return Outcome(TUNTAS, said)
    return Outcome(MEMBURUK if unit.share < frozen["values"]["share"] else BELUM, said)


SOURCE = Source("aktif", "Posyandu belum aktif atau belum ILP, dan alasannya", collect, outcome)
