"""The dashboard table as Excel and CSV, with the same numbers the page shows (blank stays blank)."""
from __future__ import annotations

from webapp import exports as export
from webapp.dashboard.indicators import PAIRS, Row


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def header() -> list[str]:
    columns = ["Wilayah/Posyandu", "Kode", "Laporan diharapkan", "Masuk", "Tepat waktu", "Terlambat", "Belum masuk",
               "Kelengkapan (%)"]
    for pair in PAIRS:
        columns += [f"{pair.label}: pembilang", f"{pair.label}: penyebut", f"{pair.label}: laporan",
                    f"{pair.label} (%)"]
    columns += ["Posyandu", "Memenuhi 3 syarat aktif", "Memenuhi 3 syarat aktif (%)", "Rencana kerja", "Tindak lanjut terbuka",
                "Tindak lanjut terlambat"]
    return columns


def line(row: Row) -> list:
    c = row.completeness
    values = [row.label, row.code, c.expected, c.received, c.on_time, c.late, c.missing,
              _percent(row.figures["received"].value)]
    for pair in PAIRS:
        values += [row.totals.get(f"{pair.key}_num"), row.totals.get(f"{pair.key}_den"),
                   row.totals.get(f"{pair.key}_n") or 0, _percent(row.figures[pair.key].value)]
    aktif = row.aktif
    if hasattr(aktif, "posyandu"):
        values += [aktif.posyandu, aktif.aktif, _percent(row.figures["aktif"].value)]
    else:
        values += [1, int(aktif.is_aktif), 100.0 * int(aktif.is_aktif)]
    values += [sum(row.plans.values()), row.actions[0], row.actions[1]]
    return values


def table(board) -> list[list]:
    return [header()] + [line(r) for r in board.rows] + [line(board.total)]


def to_csv(board) -> bytes:
    return export.to_csv([[f"Pemantauan {board.title}", board.period.label], *table(board)])


def to_xlsx(board) -> bytes:
    return export.to_xlsx("Pemantauan", [[f"Pemantauan {board.title}", board.period.label], *table(board)],
                          bold_rows=(2, -1), freeze="C3", widths={"A": 32})
