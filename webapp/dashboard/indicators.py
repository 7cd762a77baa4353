"""What the dashboard shows and how each figure is worked out, with its explanation in Bahasa Indonesia.

Figures come from totals (sums over reports, see `webapp.dashboard.sql`) and are worked out
here, in one place, for the page, the exports and the PDF alike:

- completeness and timeliness: expected = active Posyandu × months; received = reports sent
  (submitted, returned or verified); on time = received whose first submission came before the
  end of the kabupaten's due day (`KabupatenSetting.report_due_day` of the next month, in the
  kabupaten's zone); late = received − on time; missing = expected − received;
- ratios (D/S, K/S, N/D, stunting per measured, BGM per weighed, ibu hamil KEK per examined,
  served/target per ILP group): Σ numerator ÷ Σ denominator over the reports that filled *both*
  numbers; a report that left either blank is left out of both sums (blank is not zero) and the
  explanation says over how many reports the sums were taken;
- Posyandu aktif (domain §9.5): the five official criteria of `strength.py`, counted from the
  strength summary exactly as /pemantauan/kekuatan counts them (one definition on every page,
  print and export); "≥ 50 % coverage on 3 of 4 services" is shown only as one of the five.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup, escape

from webapp.formatting import angka, persen
from webapp.reports.fields import DASHBOARD_RATIOS, FIELD_BY_NAME, GROUPS, SERVICES

SERVICE_MONTHS_MIN = 8
KADER_MIN = 5
COVERAGE_SERVICES_MIN = 3
COVERAGE_MONTHS_MIN = 8
AKTIF_TARGET = 0.8  # the national target: ≥ 80 % of a kecamatan's Posyandu aktif
WINDOW = 12


@dataclass(frozen=True)
class Pair:
    """A ratio worked out from the sums of two report counts."""

    key: str
    label: str
    numerator: str
    denominator: str
    kind: str  # "gizi", "ilp" or "layanan"

    @property
    def formula(self) -> str:
        return f"Σ {FIELD_BY_NAME[self.numerator].header} ÷ Σ {FIELD_BY_NAME[self.denominator].header}"

    @cached_property
    def explain(self) -> str:
        return f"{self.label} = {self.formula}"


def _pairs() -> tuple[Pair, ...]:
    pairs = [Pair(key, label, num, den, "gizi") for key, label, num, den in DASHBOARD_RATIOS]
    pairs += [Pair("bgm", "BGM per ditimbang", "balita_bgm", "balita_d", "gizi"),
              Pair("kek", "Ibu hamil KEK per diperiksa", "ibu_hamil_kek", "ibu_hamil_examined", "gizi")]
    pairs += [Pair(g.key, g.label, f"{g.key}_served", f"{g.key}_target", "ilp") for g in GROUPS if g.on_dashboard]
    known = {(p.numerator, p.denominator) for p in pairs}
    pairs += [Pair(f"svc_{key}", label, num, den, "layanan") for key, label, num, den in SERVICES
              if (num, den) not in known]
    return tuple(pairs)


PAIRS: tuple[Pair, ...] = _pairs()
PAIR_BY_KEY = {p.key: p for p in PAIRS}
# The four aktif services as pairs (gizi is D/S itself).
SERVICE_PAIRS: tuple[Pair, ...] = tuple(
    next(p for p in PAIRS if (p.numerator, p.denominator) == (num, den)) for _, _, num, den in SERVICES
)
# The counts a Posyandu page lists month by month (so anyone can redo the sums).
REPORT_FIELDS = tuple(FIELD_BY_NAME[name] for name in (
    "balita_s", "balita_k", "balita_d", "balita_n", "balita_bgm", "measured", "stunted", "ibu_hamil_examined",
    "ibu_hamil_kek"))
GIZI_KEYS = tuple(p.key for p in PAIRS if p.kind == "gizi")
ILP_KEYS = tuple(p.key for p in PAIRS if p.kind == "ilp")


@dataclass
class Figure:
    """One shown number: its text, the value behind it and how it was worked out."""

    text: str
    value: float | int | None
    explain: str
    detail: str | Callable[[], str] = ""  # the worked numbers; a function when only some pages print them
    flag: str = ""  # "low" / "ok" for colouring against a target

    @property
    def numbers(self) -> str:
        """"10 ÷ 30 = 33,3 %, dari 2 laporan …", written the first time it is asked for."""
        if callable(self.detail):
            self.detail = self.detail()
        return self.detail

    def __str__(self) -> str:
        return self.text


def ratio(numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def pair_figure(pair: Pair, totals: dict) -> Figure:
    num, den, n = totals.get(f"{pair.key}_num"), totals.get(f"{pair.key}_den"), totals.get(f"{pair.key}_n") or 0

    def numbers() -> str:
        if not n:
            return "Belum ada laporan yang mengisi kedua angka ini (kosong tidak dihitung sebagai 0)."
        return (f"{angka(num)} ÷ {angka(den)} = {persen(num, den)}, dari {angka(n)} laporan yang mengisi "
                f"kedua angka (laporan yang mengosongkan salah satunya tidak dihitung).")
    return Figure(persen(num, den), ratio(num, den), pair.explain, numbers)


@dataclass
class Completeness:
    expected: int
    received: int
    on_time: int

    @property
    def late(self) -> int:
        return self.received - self.on_time

    @property
    def missing(self) -> int:
        return max(self.expected - self.received, 0)

    def figures(self, due_text: str) -> dict[str, Figure]:
        e, r, t = self.expected, self.received, self.on_time
        base = f"Diharapkan {angka(e)} laporan (Posyandu aktif di daftar × jumlah bulan)."
        return {
            "expected": Figure(angka(e), e, "Laporan diharapkan = jumlah Posyandu × jumlah bulan", base),
            "received": Figure(persen(r, e), ratio(r, e), "Kelengkapan = laporan masuk ÷ laporan diharapkan",
                               f"{angka(r)} ÷ {angka(e)}. Laporan masuk = dikirim, dikembalikan atau "
                               f"diverifikasi; draf belum dihitung."),
            "on_time": Figure(angka(t), t, f"Tepat waktu = pertama kali dikirim paling lambat {due_text}",
                              f"{angka(t)} dari {angka(e)} laporan diharapkan ({persen(t, e)})."),
            "late": Figure(angka(self.late), self.late, f"Terlambat = masuk, tetapi setelah {due_text}",
                           f"{angka(r)} masuk − {angka(t)} tepat waktu = {angka(self.late)}."),
            "missing": Figure(angka(self.missing), self.missing, "Belum masuk = diharapkan − masuk",
                              f"{angka(e)} − {angka(r)} = {angka(self.missing)}."),
        }


AKTIF_EXPLAIN = ("Posyandu aktif = Posyandu yang memenuhi kelima syarat Posyandu aktif (Kemenkes) dalam 12 bulan "
                 "terakhir ÷ semua Posyandu")
CRITERIA_SHORT = (f"layanan ≥ {SERVICE_MONTHS_MIN} bulan", f"≥ {KADER_MIN} kader ber-SK",
                  f"cakupan ≥ 50 % pada ≥ {COVERAGE_SERVICES_MIN} dari 4 layanan dalam ≥ {COVERAGE_MONTHS_MIN} bulan",
                  "alat pemantauan tumbuh kembang", "kegiatan tambahan")


@dataclass
class AktifCount:
    """Posyandu aktif of an area on the five criteria (`strength.py`), and how many meet each criterion."""

    posyandu: int
    aktif: int
    criteria_met: list[int]

    def figure(self) -> Figure:
        share = ratio(self.aktif, self.posyandu)
        each = "; ".join(f"{label}: {angka(n)}" for label, n in zip(CRITERIA_SHORT, self.criteria_met, strict=True))
        numbers = (f"{angka(self.aktif)} dari {angka(self.posyandu)} Posyandu memenuhi kelima syarat. "
                   f"Per syarat — {each}. Target nasional ≥ 80 %.")
        flag = "" if share is None else ("ok" if share >= AKTIF_TARGET else "low")
        return Figure(persen(self.aktif, self.posyandu), share, AKTIF_EXPLAIN, numbers, flag)


def reaching_target(rows: list) -> tuple[int, int] | None:
    """(child regions with ≥ 80 % of their Posyandu aktif, child regions with any Posyandu): the national KPI;
    None for rows that are Posyandu themselves."""
    counts = [r.aktif for r in rows if isinstance(r.aktif, AktifCount) and r.aktif.posyandu]
    if not rows or not all(isinstance(r.aktif, AktifCount) for r in rows):
        return None
    return sum(a.aktif * 100 >= round(AKTIF_TARGET * 100) * a.posyandu for a in counts), len(counts)


@dataclass
class PosyanduAktif:
    """The five aktif criteria of one Posyandu over the 12 months ending with the period (`strength.Criterion`s)."""

    items: list

    @property
    def met(self) -> int:
        return sum(c.met for c in self.items)

    @property
    def is_aktif(self) -> bool:
        return self.met == len(self.items)

    def criteria(self) -> list[tuple[str, bool, str]]:
        return [(c.label, c.met, c.detail) for c in self.items]

    def figure(self) -> Figure:
        text = "Aktif" if self.is_aktif else f"Belum ({self.met}/{len(self.items)})"
        lines = "; ".join(f"{label}: {'ya' if ok else 'tidak'} — {detail}" for label, ok, detail in self.criteria())
        return Figure(text, int(self.is_aktif), "Posyandu aktif: kelima syarat dalam 12 bulan terakhir", lines + ".",
                      "ok" if self.is_aktif else "low")


@dataclass
class Row:
    """One line of the dashboard table: a child region, a Posyandu, or the total."""

    code: str
    label: str
    link: str | None
    completeness: Completeness
    totals: dict
    aktif: AktifCount | PosyanduAktif | None
    plans: dict = field(default_factory=dict)
    actions: tuple[int, int] = (0, 0)
    figures: dict = field(default_factory=dict)


# The dashboard table's columns and their short headers (the formulas are shown once, in a glossary).
TABLE_HEADERS = {"received": "Lengkap", "on_time": "Tepat", "late": "Terlambat", "missing": "Belum", "ds": "D/S",
                 "ks": "K/S", "nd": "N/D", "stunting": "Stunting", "bgm": "BGM", "kek": "KEK", "aktif": "Posyandu aktif",
                 "plans": "Rencana", "actions": "Tindak lanjut", **{key: PAIR_BY_KEY[key].label for key in ILP_KEYS}}
POSYANDU_COLUMNS = ("received", "on_time", "late", "missing", "ds", "ks", "nd", "stunting", "bgm", "kek", "aktif",
                    *ILP_KEYS)
REGION_COLUMNS = (*POSYANDU_COLUMNS[:11], "plans", "actions", *ILP_KEYS)

PLAN_STATUS_LABELS = {"draf": "Draf", "diajukan": "Diajukan", "dikembalikan": "Dikembalikan",
                      "disetujui": "Disetujui", "diketahui": "Diketahui"}


def fill_figures(row: Row, due_text: str) -> Row:
    """Work out every figure of a row from its totals."""
    figures = row.completeness.figures(due_text)
    for pair in PAIRS:
        figures[pair.key] = pair_figure(pair, row.totals)
    if row.aktif is not None:
        figures["aktif"] = row.aktif.figure()
    plan_total = sum(row.plans.values())
    plan_text = ", ".join(f"{PLAN_STATUS_LABELS.get(k, k)} {v}" for k, v in sorted(row.plans.items())) or "belum ada"
    figures["plans"] = Figure(angka(plan_total), plan_total, "Rencana kerja tahun ini (revisi terakhir) per status",
                              plan_text)
    open_items, late_items = row.actions
    figures["actions"] = Figure(f"{angka(open_items)} / {angka(late_items)}", open_items,
                                "Tindak lanjut rapat: belum selesai / terlambat (lewat batas waktu)",
                                f"{angka(open_items)} belum selesai, {angka(late_items)} di antaranya terlambat.",
                                "low" if late_items else "")
    row.figures = figures
    return row


CELL = '<td class="num%s">%s</td>'  # str % and escape(): Markup.format costs ~20× more, some 300 cells a page


def row_cells(figures: dict, columns: list[str]) -> Markup:
    """A table row's figure cells (their formulas are in the glossary): one string, not a macro per cell,
    since a kabupaten's table has some 300."""
    return Markup("".join([CELL % (f" {escape(f.flag)}" if f.flag else "", escape(f.text))
                           for f in (figures[k] for k in columns)]))
