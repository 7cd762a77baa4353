"""The 25 basic kader skills in their 5 groups, and the level (Purwa / Madya / Utama) they earn.

Reference data (domain §2.4, §9.6): the group structure is Kemenkes'; the wording of each skill
follows the themes the Kemenkes kader curriculum names and is kept here, in one place, so it can
be corrected without touching any other code. The level rule is the one widely reported:

- Purwa: every skill of *pengelolaan Posyandu* and of *bayi dan balita*, plus one more group whole;
- Madya: four groups whole (the two above among them);
- Utama: all 25 skills.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class SkillGroup:
    key: str
    label: str
    skills: tuple[tuple[str, str], ...]  # (code, label)

    @cached_property
    def codes(self) -> frozenset[str]:
        return frozenset(code for code, _ in self.skills)


GROUPS: tuple[SkillGroup, ...] = (
    SkillGroup("pengelolaan", "Pengelolaan Posyandu", (
        ("P1", "Paket layanan Posyandu untuk setiap sasaran siklus hidup"),
        ("P2", "Sistem informasi Posyandu: pencatatan"),
        ("P3", "Sistem informasi Posyandu: pelaporan"),
        ("P4", "Kunjungan rumah"),
        ("P5", "Komunikasi antarpribadi dan penggerakan masyarakat"),
    )),
    SkillGroup("bayi_balita", "Bayi dan balita", (
        ("B1", "ASI eksklusif"),
        ("B2", "MP-ASI"),
        ("B3", "Imunisasi"),
        ("B4", "Pemantauan pertumbuhan (penimbangan dan pengukuran)"),
        ("B5", "Pemantauan perkembangan"),
    )),
    SkillGroup("ibu", "Ibu hamil dan menyusui", (
        ("I1", "Pemeriksaan kehamilan dan tanda bahaya"),
        ("I2", "Gizi ibu hamil dan tablet tambah darah"),
        ("I3", "Persalinan di fasilitas kesehatan"),
        ("I4", "Masa nifas dan menyusui"),
        ("I5", "KB pasca persalinan"),
    )),
    SkillGroup("remaja", "Usia sekolah dan remaja", (
        ("R1", "Anemia dan tablet tambah darah remaja putri"),
        ("R2", "Bahaya merokok"),
        ("R3", "Bahaya NAPZA"),
        ("R4", "Kesehatan reproduksi remaja"),
        ("R5", "Kesehatan jiwa remaja"),
    )),
    SkillGroup("dewasa_lansia", "Usia dewasa dan lansia", (
        ("D1", "GERMAS (gerakan masyarakat hidup sehat)"),
        ("D2", "Faktor risiko penyakit tidak menular"),
        ("D3", "Deteksi dini penyakit menular (TBC)"),
        ("D4", "Keluarga berencana"),
        ("D5", "Lansia sehat dan mandiri"),
    )),
)

GROUP_BY_KEY = {g.key: g for g in GROUPS}
SKILL_LABELS: dict[str, str] = {code: label for g in GROUPS for code, label in g.skills}
GROUP_OF: dict[str, str] = {code: g.key for g in GROUPS for code, _ in g.skills}
CORE = ("pengelolaan", "bayi_balita")
# The life-cycle groups whose skills an ILP Posyandu needs at least one kader for (domain §9.4).
LIFE_CYCLE = ("bayi_balita", "ibu", "remaja", "dewasa_lansia")

PURWA, MADYA, UTAMA = "Purwa", "Madya", "Utama"
NONE = "Belum Purwa"


def complete_groups(codes: set[str] | frozenset[str]) -> list[str]:
    """The keys of the groups whose five skills are all in `codes`."""
    return [g.key for g in GROUPS if g.codes <= codes]


def level_of(codes: set[str] | frozenset[str]) -> str:
    """Purwa / Madya / Utama from the marked skills (see the module docstring)."""
    whole = complete_groups(codes)
    if len(whole) == len(GROUPS):
        return UTAMA
    if not all(key in whole for key in CORE):
        return NONE
    if len(whole) >= 4:
        return MADYA
    return PURWA if len(whole) >= 3 else NONE


def missing_for_next(codes: set[str] | frozenset[str]) -> str:
    """What the kader still needs for the next level, in one sentence."""
    level = level_of(codes)
    if level == UTAMA:
        return "Semua 25 keterampilan sudah dikuasai."
    missing_core = [GROUP_BY_KEY[k].label for k in CORE if not GROUP_BY_KEY[k].codes <= codes]
    whole = len(complete_groups(codes))
    nxt = {NONE: PURWA, PURWA: MADYA, MADYA: UTAMA}[level]
    need = {PURWA: 3, MADYA: 4, UTAMA: 5}[nxt] - whole
    parts = [f"lengkapi {', '.join(missing_core)}"] if missing_core else []
    if need > len(missing_core):
        parts.append(f"{need - len(missing_core)} kelompok lain lengkap")
    return f"Menuju {nxt}: " + "; ".join(parts) + "."
