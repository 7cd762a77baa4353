"""Every count of the monthly Posyandu report, in one list used by the model, form, checks, recap and exports.

Each count is a nullable integer: NULL means "not reported", which stays distinct from 0 in
storage, on screen, in sums and in exports. Sections are the parts of the kader's form, each
saved on its own as a draft and shown one per screen (a step); a ``skippable`` section is a service
the Posyandu may not have given this month, stored blank with one tap ("Tidak ada layanan bulan ini").

Sections and their counts (column names are the `name`s below):

- ``buka`` Hari buka: ``kader_on_duty``, ``home_visits``, ``referrals`` (to Pustu/Puskesmas),
  ``kegiatan_tambahan`` (additional activities, the fifth Posyandu-aktif criterion); the
  open dates / "tidak buka" flag and reason are plain columns on the report (not counts).
- ``sasaran`` ILP groups, target (sasaran) and served (dilayani) for each of ``GROUPS``:
  ``<group>_target`` / ``<group>_served`` with group in ibu_hamil, ibu_bersalin, ibu_nifas, bayi,
  balita, apras, remaja, dewasa, lansia (age bands of Kemenkes ILP 2023 in the labels).
- ``gizi`` Balita SKDN and growth: ``balita_s``, ``balita_k``, ``balita_d``, ``balita_n``,
  ``balita_o``, ``balita_b``, ``balita_t``, ``balita_2t``, ``balita_bgm``, ``measured``,
  ``stunted``, ``wasted``, ``underweight``, ``balita_referred``, ``vitamin_a``, ``kpsp_screened``.
- ``ibu`` KIA, ibu hamil and remaja: ``ibu_hamil_examined``, ``ibu_hamil_kek``,
  ``ibu_hamil_anemia``, ``ibu_hamil_ttd``, ``remaja_putri_ttd``.
- ``ptm`` Dewasa and lansia screening: ``dewasa_screened``, ``dewasa_at_risk``,
  ``lansia_screened``, ``lansia_at_risk``.
- ``layanan`` KB and imunisasi: ``pus_target``, ``kb_participants``, ``bayi_immunised``.

The four Posyandu-aktif services (domain §2.3): gizi = balita_d / balita_s; KIA =
ibu_hamil_examined / ibu_hamil_target; KB = kb_participants / pus_target; imunisasi =
bayi_immunised / bayi_target (see ``SERVICES``).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    short: str = ""  # column header in exports and the recap table
    hint: str = ""
    # A count typed earlier in the same month this one usually equals: a new section shows that value
    # (marked, editable) so she confirms it rather than types it again.
    usually: str = ""
    asked_in: tuple[int, ...] = ()  # months the form asks it in (all when empty); a stored value is always shown

    def asked(self, month: int) -> bool:
        """Whether the form asks this count in that month."""
        return not self.asked_in or month in self.asked_in

    @property
    def header(self) -> str:
        return self.short or self.label


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    can_exceed: bool  # served may exceed target (target is an estimate; people from outside come)
    rule: str  # why, shown with the served > target message
    on_dashboard: bool = True  # groups added in issue 13 wait for the dashboard summary's next rewrite


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    fields: tuple[Field, ...]
    has_open_days: bool = False
    step: str = ""  # the short name in the step indicator ("Langkah 3 dari 7 · Balita")
    skippable: bool = False  # a service the Posyandu may not have given this month: one tap stores it blank


    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


VITAMIN_A_MONTHS = (2, 8)  # Bulan Vitamin A: February and August

GROUPS: tuple[Group, ...] = (
    Group("ibu_hamil", "Ibu hamil", False,
          "sasaran ibu hamil adalah daftar nama di wilayah Posyandu, jadi yang dilayani tidak bisa lebih banyak"),
    Group("ibu_bersalin", "Ibu bersalin", False,
          "sasaran ibu bersalin adalah daftar nama di wilayah Posyandu, jadi yang dilayani tidak bisa lebih banyak",
          on_dashboard=False),
    Group("ibu_nifas", "Ibu nifas/menyusui", False,
          "sasaran ibu nifas adalah daftar nama di wilayah Posyandu, jadi yang dilayani tidak bisa lebih banyak"),
    Group("bayi", "Bayi 0–11 bulan", False,
          "sasaran bayi adalah daftar nama di wilayah Posyandu, jadi yang dilayani tidak bisa lebih banyak"),
    Group("balita", "Balita 12–59 bulan", False,
          "sasaran balita adalah daftar nama di wilayah Posyandu, jadi yang dilayani tidak bisa lebih banyak"),
    Group("apras", "Anak prasekolah 60–71 bulan", False,
          "sasaran anak prasekolah adalah daftar nama di wilayah Posyandu, jadi yang dilayani tidak bisa lebih banyak",
          on_dashboard=False),
    Group("remaja", "Usia sekolah & remaja 6–<18 tahun", True,
          "sasaran remaja adalah perkiraan; yang datang dari luar wilayah juga dilayani"),
    Group("dewasa", "Usia dewasa 18–59 tahun", True,
          "sasaran dewasa adalah perkiraan; yang datang dari luar wilayah juga dilayani"),
    Group("lansia", "Lansia ≥ 60 tahun", True,
          "sasaran lansia adalah perkiraan; yang datang dari luar wilayah juga dilayani"),
)

GROUP_FIELDS: tuple[Field, ...] = tuple(
    field
    for group in GROUPS
    for field in (
        Field(f"{group.key}_target", f"{group.label}: sasaran", f"{group.label} sasaran"),
        Field(f"{group.key}_served", f"{group.label}: dilayani", f"{group.label} dilayani"),
    )
)

SECTIONS: tuple[Section, ...] = (
    Section("buka", "Hari buka", (
        Field("kader_on_duty", "Kader yang bertugas", "Kader bertugas"),
        Field("home_visits", "Kunjungan rumah", "Kunjungan rumah"),
        Field("referrals", "Rujukan ke Pustu/Puskesmas", "Rujukan"),
        Field("kegiatan_tambahan", "Kegiatan tambahan (jumlah kegiatan; 0 bila tidak ada)", "Kegiatan tambahan",
              "Mis. PMT lokal, kelas ibu balita, senam lansia, PAUD, dana sehat."),
    ), has_open_days=True, step="Hari buka"),
    Section("sasaran", "Sasaran dan yang dilayani", GROUP_FIELDS, step="Sasaran"),
    Section("gizi", "Balita: SKDN dan gizi", (
        Field("balita_s", "S — semua balita di wilayah", "S"),
        Field("balita_k", "K — punya Buku KIA/KMS", "K"),
        Field("balita_d", "D — ditimbang bulan ini", "D"),
        Field("balita_n", "N — berat badan naik", "N"),
        Field("balita_o", "O — tidak ditimbang bulan lalu", "O"),
        Field("balita_b", "B — baru pertama ditimbang", "B"),
        Field("balita_t", "T — ditimbang dua bulan, berat badan tidak naik", "T"),
        Field("balita_2t", "2T — tidak naik dua kali berturut-turut (rujuk)", "2T"),
        Field("balita_bgm", "BGM — di bawah garis merah", "BGM"),
        Field("measured", "Diukur panjang/tinggi badan", "Diukur PB/TB", usually="balita_d"),
        Field("stunted", "Pendek dan sangat pendek (stunting)", "Stunting"),
        Field("wasted", "Gizi kurang/buruk (wasting)", "Wasting"),
        Field("underweight", "Berat badan kurang (underweight)", "Underweight"),
        Field("balita_referred", "Balita dirujuk", "Balita dirujuk"),
        Field("vitamin_a", "Balita 6–59 bulan mendapat vitamin A (Februari/Agustus)", "Vitamin A",
              asked_in=VITAMIN_A_MONTHS),
        Field("kpsp_screened", "Balita diskrining perkembangan (KPSP/SDIDTK)", "KPSP/SDIDTK"),
    ), step="Balita", skippable=True),
    Section("ibu", "Ibu hamil dan remaja", (
        Field("ibu_hamil_examined", "Ibu hamil diperiksa (KIA)", "Bumil diperiksa", usually="ibu_hamil_served"),
        Field("ibu_hamil_kek", "Ibu hamil KEK (LILA < 23,5 cm)", "Bumil KEK"),
        Field("ibu_hamil_anemia", "Ibu hamil anemia", "Bumil anemia"),
        Field("ibu_hamil_ttd", "Ibu hamil mendapat TTD", "Bumil TTD", usually="ibu_hamil_examined"),
        Field("remaja_putri_ttd", "Remaja putri mendapat TTD", "Remaja putri TTD"),
    ), step="Ibu & remaja", skippable=True),
    Section("ptm", "Dewasa dan lansia", (
        Field("dewasa_screened", "Dewasa diperiksa tekanan darah & gula darah", "Dewasa diskrining",
              usually="dewasa_served"),
        Field("dewasa_at_risk", "Dewasa berisiko", "Dewasa berisiko"),
        Field("lansia_screened", "Lansia diperiksa tekanan darah & gula darah", "Lansia diskrining",
              usually="lansia_served"),
        Field("lansia_at_risk", "Lansia berisiko", "Lansia berisiko"),
    ), step="Dewasa & lansia", skippable=True),
    Section("layanan", "KB dan imunisasi", (
        Field("pus_target", "Pasangan usia subur (sasaran KB)", "PUS"),
        Field("kb_participants", "Peserta KB aktif", "Peserta KB"),
        Field("bayi_immunised", "Bayi diimunisasi sesuai jadwal", "Bayi imunisasi"),
    ), step="KB & imunisasi", skippable=True),
)

SECTION_BY_KEY: dict[str, Section] = {s.key: s for s in SECTIONS}
COUNT_FIELDS: tuple[Field, ...] = tuple(f for s in SECTIONS for f in s.fields)
FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in COUNT_FIELDS}
COUNT_NAMES: tuple[str, ...] = tuple(f.name for f in COUNT_FIELDS)
# Counts that barely change from month to month (targets, and the stocks: balita with a KIA book, active
# KB users, the kader on duty): a new month starts from the last verified one's.
CARRIED_NAMES: tuple[str, ...] = (tuple(n for n in COUNT_NAMES if n.endswith("_target"))
                                  + ("balita_s", "balita_k", "kb_participants", "kader_on_duty"))
SECTION_OF: dict[str, str] = {f.name: s.key for s in SECTIONS for f in s.fields}

# Fields of the hari-buka part that are not counts; a returned note may name them too.
OPEN_DAY_FIELDS = {"open_dates": "Tanggal hari buka", "closed": "Tidak buka", "closed_reason": "Alasan tidak buka"}
NOTE_FIELDS: dict[str, str] = {**OPEN_DAY_FIELDS, **{f.name: f.label for f in COUNT_FIELDS}}

# The four services counted by "Posyandu aktif": (key, label, numerator, denominator).
SERVICES: tuple[tuple[str, str, str, str], ...] = (
    ("gizi", "Gizi (D/S)", "balita_d", "balita_s"),
    ("kia", "KIA (ibu hamil diperiksa/sasaran)", "ibu_hamil_examined", "ibu_hamil_target"),
    ("kb", "KB (peserta/PUS)", "kb_participants", "pus_target"),
    ("imunisasi", "Imunisasi (bayi diimunisasi/sasaran)", "bayi_immunised", "bayi_target"),
)

# Ratios the recap shows, computed from sums: (key, label, numerator, denominator).
RATIOS: tuple[tuple[str, str, str, str], ...] = (
    ("ds", "D/S", "balita_d", "balita_s"),
    ("ks", "K/S", "balita_k", "balita_s"),
    ("nd", "N/D", "balita_n", "balita_d"),
    ("stunting", "Stunting per diukur", "stunted", "measured"),
    ("ns", "N/S", "balita_n", "balita_s"),
    ("dk", "D/K", "balita_d", "balita_k"),
)
# The dashboard's summary tables hold the first four; N/S and D/K are shown in the recap.
DASHBOARD_RATIOS = RATIOS[:4]
STUNTING_NOTE = ("Stunting per diukur adalah proporsi dari balita yang diukur di Posyandu, bukan prevalensi survei "
                 "(SKI/SSGI) yang memakai sampel rumah tangga.")
