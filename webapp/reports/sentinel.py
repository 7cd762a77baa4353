"""The data-quality sentinel: flags a verifier sees before verifying a report, each with a one-line reason.

Flags never block: a verifier who verifies over a flag leaves a note (services.verify). The rules are
pure functions over the report's values and its last three received reports (newest first), so the
tests, the report page and the queue share them:

- identical to the previous report in every count;
- heaping: every non-zero count even, or every one a multiple of 5 (at least HEAP_MIN counts);
- S, D or N jumping beyond the report form's warning rule (more than half against the last three);
- hari buka dates outside the report's month;
- services given with no kader on duty (kader bertugas 0).

Not yet: sasaran far from the registry's expected (the registry holds no expected sasaran yet).
"""
from __future__ import annotations

from dataclasses import dataclass

from webapp.formatting import bulan_tahun
from webapp.reports import checks, queries
from webapp.reports.fields import COUNT_NAMES, GROUPS
from webapp.reports.models import MonthlyReport

HEAP_MIN = 8        # heaping is judged on at least 8 non-zero counts (fewer are even by chance too often)
SAME_MIN = 5        # "identical" needs at least 5 filled counts
JUMP_FIELDS = ("balita_s", "balita_d", "balita_n")
SERVICE_FIELDS = ("balita_d", *(f"{g.key}_served" for g in GROUPS))


SHORT = {"sama": "sama dengan laporan sebelumnya", "bulat": "semua kelipatan 5", "genap": "semua genap",
         "tanggal": "hari buka di luar bulan", "kader": "layanan tanpa kader"}


@dataclass(frozen=True)
class Flag:
    key: str
    reason: str

    @property
    def short(self) -> str:
        """A few words for counts: "lonjakan D", "semua genap"."""
        if self.key.startswith("lonjak_"):
            return "lonjakan " + self.key.removeprefix("lonjak_balita_").upper()
        return SHORT[self.key]


def _identical(values: dict, history: list[dict]) -> Flag | None:
    if not history:
        return None
    filled = [n for n in COUNT_NAMES if values.get(n) is not None]
    if len(filled) >= SAME_MIN and all(values.get(n) == history[0].get(n) for n in COUNT_NAMES):
        return Flag("sama", "Semua angka sama persis dengan laporan sebelumnya.")
    return None


def _heaping(values: dict) -> Flag | None:
    counts = [values[n] for n in COUNT_NAMES if values.get(n)]
    if len(counts) < HEAP_MIN:
        return None
    if all(v % 5 == 0 for v in counts):
        return Flag("bulat", f"Semua {len(counts)} angka kelipatan 5: tanda angka dibulatkan atau ditaksir.")
    if all(v % 2 == 0 for v in counts):
        return Flag("genap", f"Semua {len(counts)} angka genap: tanda angka dibulatkan atau ditaksir.")
    return None


def _jumps(values: dict, history: list[dict]) -> list[Flag]:
    found = ((name, checks.jump(name, values.get(name), history)) for name in JUMP_FIELDS)
    return [Flag(f"lonjak_{name}", message) for name, message in found if message]


def _dates(values: dict, year: int, month: int) -> Flag | None:
    outside = [d for d in values.get("open_dates") or [] if (d.year, d.month) != (year, month)]
    if outside:
        return Flag("tanggal", f"Tanggal hari buka {outside[0].day}/{outside[0].month}/{outside[0].year} di luar "
                               f"bulan {bulan_tahun(year, month)}.")
    return None


def _no_kader(values: dict) -> Flag | None:
    served = sum(values.get(n) or 0 for n in SERVICE_FIELDS)
    if values.get("kader_on_duty") == 0 and served:
        return Flag("kader", f"Ada {served} layanan tercatat tetapi kader bertugas 0.")
    return None


def flags(values: dict, history: list[dict], year: int, month: int) -> list[Flag]:
    """Every flag of one report, in a fixed order."""
    if values.get("closed"):
        return []
    found = [_identical(values, history), _heaping(values), *_jumps(values, history), _dates(values, year, month),
             _no_kader(values)]
    return [f for f in found if f is not None]


def flags_for(report: MonthlyReport | None) -> list[Flag]:
    """The flags of a stored report against its Posyandu's last three received reports."""
    if report is None:
        return []
    history = queries.history(report.posyandu_id, report.year, report.month)
    return flags(queries.values_of(report), history, report.year, report.month)
