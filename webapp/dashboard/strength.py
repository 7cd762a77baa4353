"""Posyandu strength: *Posyandu aktif* on all five official criteria, ILP implementation, and what follows from them.

Pure rules over plain numbers (the reads are in `strength_queries.py`), so the tests can check each
criterion on its own and recompute every area figure by hand. Each criterion has three states:
met, not met, and not known (nothing reported or recorded yet), and says what is missing.

Posyandu aktif (domain §9.5), over the 12 months ending with the period:
1. service in ≥ 8 different months (a report saying it opened, or home visits);
2. ≥ 5 active kader with an SK of the kepala desa/lurah (counted from the roster when there is one);
3. ≥ 50 % coverage on ≥ 3 of the 4 services (gizi D/S, KIA, KB, imunisasi) in ≥ 8 months;
4. growth and development monitoring equipment present and in good condition (from sarpras);
5. additional activities (kegiatan tambahan ≥ 1 on the report) in at least one month.

Sudah ILP (domain §9.4, our operational definition) in the period's month: all five life-cycle groups
served, home visits done, for each of the four life-cycle skill groups at least one active kader who
has all its skills, and the whole ILP kit present and in good condition.

A Posyandu *perlu pembinaan* when it is not aktif, not ILP, or sent no report for the last two months.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property

from webapp.dashboard.indicators import (AKTIF_TARGET, COVERAGE_MONTHS_MIN, COVERAGE_SERVICES_MIN, KADER_MIN,
                                         SERVICE_MONTHS_MIN)

EXTRA_MONTHS_MIN = 1
MET, NOT_MET, UNKNOWN = "ya", "tidak", "belum diketahui"
LIFE_GROUPS = (("ibu", "ibu hamil/bersalin/nifas"), ("anak", "bayi, balita dan apras"),
               ("remaja", "usia sekolah dan remaja"), ("dewasa", "usia dewasa"), ("lansia", "lansia"))
SERVED_FIELDS = {"ibu": ("ibu_hamil", "ibu_bersalin", "ibu_nifas"), "anak": ("bayi", "balita", "apras"),
                 "remaja": ("remaja",), "dewasa": ("dewasa",), "lansia": ("lansia",)}  # a group is served when any is > 0


@dataclass(frozen=True)
class Criterion:
    label: str
    state: str  # MET / NOT_MET / UNKNOWN
    detail: str

    @property
    def met(self) -> bool:
        return self.state == MET


@dataclass
class Facts:
    """What is known of one Posyandu for a period; None means not reported / not recorded."""

    reports: int = 0                  # reports counted in the 12 months
    service_months: int = 0
    coverage_months: int = 0
    kader_with_sk: int = 0
    growth_kit: bool | None = None    # None: no equipment recorded
    kit_complete: bool | None = None
    kit_gaps: list[str] = field(default_factory=list)
    extra_months: int = 0
    extra_reported: int = 0           # months that filled "kegiatan tambahan"
    month_groups: frozenset[str] | None = None  # life-cycle groups served in the period month (None: no counted report)
    home_visits: int | None = None              # the period month's home visits (None: blank or no report)
    recent_reports: int = 0           # reports received for the period month and the one before
    skill_groups: frozenset[str] = frozenset()  # life-cycle skill groups some active kader holds whole


def _state(ok: bool, known: bool = True) -> str:
    return UNKNOWN if not known else (MET if ok else NOT_MET)


def aktif_criteria(f: Facts) -> list[Criterion]:
    """The five criteria of one Posyandu, each with what is missing."""
    no_reports = f.reports == 0
    return [
        Criterion(f"Layanan ≥ {SERVICE_MONTHS_MIN} bulan berbeda", _state(f.service_months >= SERVICE_MONTHS_MIN,
                                                                          not no_reports),
                  f"{f.service_months} dari 12 bulan (hari buka atau kunjungan rumah)"),
        Criterion(f"≥ {KADER_MIN} kader ber-SK kepala desa/lurah", _state(f.kader_with_sk >= KADER_MIN),
                  f"{f.kader_with_sk} kader aktif ber-SK"),
        Criterion(f"Cakupan ≥ 50 % pada ≥ {COVERAGE_SERVICES_MIN} dari 4 layanan dalam ≥ {COVERAGE_MONTHS_MIN} bulan",
                  _state(f.coverage_months >= COVERAGE_MONTHS_MIN, not no_reports),
                  f"{f.coverage_months} bulan memenuhi (gizi D/S, KIA, KB, imunisasi)"),
        Criterion("Punya alat pemantauan pertumbuhan dan perkembangan", _state(bool(f.growth_kit),
                                                                              f.growth_kit is not None),
                  "lengkap dan baik" if f.growth_kit else ("sarpras belum dicatat" if f.growth_kit is None
                                                           else "ada alat yang belum ada atau rusak")),
        Criterion("Menjalankan kegiatan tambahan", _state(f.extra_months >= EXTRA_MONTHS_MIN, f.extra_reported > 0),
                  f"{f.extra_months} bulan dengan kegiatan tambahan" if f.extra_reported
                  else "belum pernah dilaporkan"),
    ]


def served_groups(report: dict) -> frozenset[str]:
    """The life-cycle groups a month's report served (any of the group's counts above 0)."""
    return frozenset(key for key, names in SERVED_FIELDS.items() if any((report.get(f"{n}_served") or 0) > 0
                                                                         for n in names))


@cache  # a handful of masks, read once per Posyandu of an area
def groups_of_mask(mask: int | None) -> frozenset[str] | None:
    """The summary's bitmask (bit i = the i-th group of SERVED_FIELDS) back to group keys."""
    return None if mask is None else frozenset(key for bit, key in enumerate(SERVED_FIELDS) if mask & (1 << bit))


def ilp_parts(f: Facts, life_cycle_skills: tuple[str, ...]) -> list[Criterion]:
    """The four parts of "sudah ILP" for the period's month."""
    if f.month_groups is None:
        groups = Criterion("Kelima kelompok siklus hidup dilayani", UNKNOWN, "belum ada laporan bulan ini")
        visits = Criterion("Kunjungan rumah dilakukan", UNKNOWN, "belum ada laporan bulan ini")
    else:
        missing = [label for key, label in LIFE_GROUPS if key not in f.month_groups]
        groups = Criterion("Kelima kelompok siklus hidup dilayani", _state(not missing),
                           "semua dilayani" if not missing else "belum: " + ", ".join(missing))
        home = f.home_visits
        visits = Criterion("Kunjungan rumah dilakukan", _state(bool(home), home is not None),
                           f"{home} kunjungan" if home is not None else "tidak diisi")
    lacking = [key for key in life_cycle_skills if key not in f.skill_groups]
    skills = Criterion("Ada kader terlatih untuk tiap kelompok", _state(not lacking),
                       "lengkap" if not lacking else f"{len(lacking)} kelompok keterampilan belum dikuasai kader mana pun")
    kit = Criterion("Kit ILP lengkap", _state(bool(f.kit_complete), f.kit_complete is not None),
                    "lengkap dan baik" if f.kit_complete else (
                        "sarpras belum dicatat" if f.kit_complete is None else "kurang: " + ", ".join(f.kit_gaps)))
    return [groups, visits, skills, kit]


@dataclass
class Standing:
    """One Posyandu's standing: the five aktif criteria, the ILP parts and why it needs guidance."""

    posyandu_id: int
    name: str
    region_code: str
    aktif: list[Criterion]
    ilp: list[Criterion]
    recent_reports: int

    # Cached: a standing is built once from its facts and read many times (counts, lists, signals).
    @cached_property
    def is_aktif(self) -> bool:
        return all(c.met for c in self.aktif)

    @cached_property
    def is_ilp(self) -> bool:
        return all(c.met for c in self.ilp)

    @cached_property
    def reasons(self) -> list[str]:
        """Why this Posyandu needs guidance (empty when it does not)."""
        found = [f"belum aktif: {_lower(c.label)} ({c.detail})" for c in self.aktif if not c.met]
        found += [f"belum ILP: {_lower(c.label)} ({c.detail})" for c in self.ilp if not c.met]
        if self.recent_reports == 0:
            found.insert(0, "2 bulan tanpa laporan")
        return found


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def standing(posyandu_id: int, name: str, region_code: str, facts: Facts,
             life_cycle_skills: tuple[str, ...]) -> Standing:
    return Standing(posyandu_id, name, region_code, aktif_criteria(facts), ilp_parts(facts, life_cycle_skills),
                    facts.recent_reports)


@dataclass
class AreaCount:
    """Counts over one child region (kecamatan or desa) or a whole area."""

    code: str
    label: str
    posyandu: int = 0
    aktif: int = 0
    ilp: int = 0
    criteria_met: list[int] = field(default_factory=lambda: [0] * 5)
    kecamatan_reaching: int = 0  # for a province or the nation: its kecamatan with ≥ 80 % Posyandu aktif,
    kecamatan_counted: int = 0   # of its kecamatan with any Posyandu (the national plan's KPI)

    def merge(self, other: AreaCount) -> None:
        """Add a part's counts (a kabupaten or province into its province or the nation)."""
        self.posyandu, self.aktif, self.ilp = self.posyandu + other.posyandu, self.aktif + other.aktif, \
            self.ilp + other.ilp
        self.criteria_met = [a + b for a, b in zip(self.criteria_met, other.criteria_met, strict=True)]
        self.kecamatan_reaching += other.kecamatan_reaching
        self.kecamatan_counted += other.kecamatan_counted

    def add(self, s: Standing) -> None:
        self.posyandu += 1
        self.aktif += s.is_aktif
        self.ilp += s.is_ilp
        for index, criterion in enumerate(s.aktif):
            self.criteria_met[index] += criterion.met

    @property
    def aktif_share(self) -> float | None:
        return self.aktif / self.posyandu if self.posyandu else None

    @property
    def reaches_target(self) -> bool:
        """≥ 80 % of its Posyandu aktif: the national KPI counts such kecamatan (and desa per kecamatan)."""
        return self.posyandu > 0 and self.aktif * 100 >= round(AKTIF_TARGET * 100) * self.posyandu


def share_reaching_target(areas: list[AreaCount]) -> tuple[int, int]:
    """(areas with ≥ 80 % aktif, areas with any Posyandu)."""
    counted = [a for a in areas if a.posyandu]
    return sum(a.reaches_target for a in counted), len(counted)
