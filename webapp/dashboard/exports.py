"""The dashboard table as an export (webapp/exports.py), with the same numbers the page shows (blank stays
blank): region codes, or Posyandu registration numbers in a desa, never internal ids."""
from __future__ import annotations

from webapp.dashboard.indicators import CRITERIA_SHORT, PAIRS, Row
from webapp.exports import Column, Export, Sheet
from webapp.regions.queries import registration_numbers, setting_for

DEFINITIONS = [
    ("Kosong", "Tidak dilaporkan; berbeda dengan 0."),
    ("Kelengkapan (%)", "Laporan masuk ÷ laporan diharapkan (Posyandu × bulan) × 100."),
    *((f"{pair.label} (%)", f"{pair.label}: pembilang ÷ penyebut × 100, dari laporan yang mengisi keduanya")
      for pair in PAIRS),
    ("Posyandu aktif", "Memenuhi kelima kriteria Posyandu aktif (Kemenkes) dalam 12 bulan terakhir."),
]


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def columns(per_posyandu: bool) -> list[Column]:
    found = [Column("Wilayah/Posyandu", width=30), Column("No. registrasi" if per_posyandu else "Kode", width=18),
             *(Column(h, "int") for h in ("Laporan diharapkan", "Masuk", "Tepat waktu", "Terlambat", "Belum masuk")),
             Column("Kelengkapan (%)", "percent")]
    for pair in PAIRS:
        found += [Column(f"{pair.label}: pembilang", "int"), Column(f"{pair.label}: penyebut", "int"),
                  Column(f"{pair.label}: laporan", "int"), Column(f"{pair.label} (%)", "percent")]
    return found + [Column(h, "int") for h in ("Posyandu", "Posyandu aktif (5 syarat)")] + [
        Column("Posyandu aktif (%)", "percent"), *(Column(f"Syarat: {label}", "int") for label in CRITERIA_SHORT),
        *(Column(h, "int") for h in ("Rencana kerja", "Tindak lanjut terbuka", "Tindak lanjut terlambat"))]


def line(row: Row, code: str | None) -> list:
    c = row.completeness
    values = [row.label, code or None, c.expected, c.received, c.on_time, c.late, c.missing,
              _percent(row.figures["received"].value)]
    for pair in PAIRS:
        values += [row.totals.get(f"{pair.key}_num"), row.totals.get(f"{pair.key}_den"),
                   row.totals.get(f"{pair.key}_n") or 0, _percent(row.figures[pair.key].value)]
    aktif = row.aktif
    if hasattr(aktif, "posyandu"):
        values += [aktif.posyandu, aktif.aktif, _percent(row.figures["aktif"].value), *aktif.criteria_met]
    else:
        values += [1, int(aktif.is_aktif), 100.0 * int(aktif.is_aktif), *(int(ok) for _, ok, _ in aktif.criteria())]
    return values + [sum(row.plans.values()), row.actions[0], row.actions[1]]


def export(board, area: str) -> Export:
    """The table of the page (per child region, or per Posyandu in a desa) and the total."""
    per_posyandu = bool(board.posyandu_aktif) and bool(board.rows)
    codes = registration_numbers([int(r.code) for r in board.rows]) if per_posyandu else {}
    lines = [line(r, codes.get(int(r.code)) if per_posyandu else r.code) for r in board.rows]
    lines.append(line(board.total, board.total.code))
    timezone = setting_for(board.scope.code).timezone
    return Export(title=f"Pemantauan {board.title}", area=area, period=board.period.label, timezone=timezone,
                  sheets=[Sheet("Pemantauan", columns(per_posyandu), lines)], definitions=DEFINITIONS)
