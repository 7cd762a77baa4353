"""The monthly recap and the raw reports as exports (webapp/exports.py): counts as numbers, ratios in %,
dates as dates in the kabupaten's zone, region codes and Posyandu registration numbers (never internal ids)."""
from __future__ import annotations

from webapp.exports import Column, Export, Sheet
from webapp.formatting import bulan_tahun
from webapp.regions.models import Region
from webapp.regions.queries import registration_numbers, setting_for
from webapp.reports.fields import COUNT_FIELDS, COUNT_NAMES, RATIOS
from webapp.reports.models import STATUS_LABELS, Status

COUNTS = [Column(f.header, "int", 12) for f in COUNT_FIELDS]
DEFINITIONS = [
    ("Kosong", "Tidak dilaporkan; berbeda dengan 0."),
    ("Laporan masuk", "Laporan yang sudah dikirim kader atau diverifikasi Pokja desa."),
    *((f"{label} (%)", f"{num} ÷ {den} × 100, dari jumlah laporan yang masuk") for _, label, num, den in RATIOS),
]


def _export(region: Region, year: int, month: int, title: str, sheet: Sheet) -> Export:
    return Export(title=title, area=region.full_label.replace("Kec. ", "Kecamatan ").replace("Kab. ", "Kabupaten "),
                  period=bulan_tahun(year, month), timezone=setting_for(region.code).timezone, sheets=[sheet],
                  definitions=DEFINITIONS)


def recap_export(region: Region, year: int, month: int, rows, total) -> Export:
    """One line per child region (or Posyandu in a desa) and the total: sums, then ratios in %."""
    per_posyandu = region.level == "desa"
    codes = registration_numbers([int(r.key) for r in rows]) if per_posyandu else {}
    columns = [Column("Posyandu" if per_posyandu else "Wilayah", width=28),
               Column("No. registrasi Posyandu" if per_posyandu else "Kode wilayah", width=18),
               Column("Laporan masuk", "int"), *COUNTS,
               *(Column(f"{label} (%)", "percent") for _, label, _, _ in RATIOS)]
    lines = []
    for row in [*rows, total]:
        code = codes.get(int(row.key), "") if per_posyandu and row.key else row.key
        ratios = [None if v is None else round(100 * v, 1) for v in row.ratios.values()]
        lines.append([row.label, code or None, row.reports, *(row.sums[n] for n in COUNT_NAMES), *ratios])
    return _export(region, year, month, "Rekap laporan bulanan Posyandu", Sheet("Rekap", columns, lines))


def raw_export(region: Region, year: int, month: int, reports) -> Export:
    """One line per received report with every count as stored."""
    columns = [Column("Kode desa", width=16), Column("Desa"), Column("Posyandu"),
               Column("No. registrasi Posyandu", width=18), Column("Tahun", "int", 8), Column("Bulan", "int", 8),
               Column("Status", width=14), Column("Tidak buka", width=10), Column("Hari buka", "date"),
               Column("Hari buka lain", width=20), Column("Dikirim pertama", "datetime", 18), *COUNTS]
    lines = []
    for r in reports:
        dates = r.dates
        lines.append([r.region_code, r.posyandu.region.name, r.posyandu.name, r.posyandu.registration_number or None,
                      r.year, r.month, STATUS_LABELS[Status(r.status)], "ya" if r.closed else None,
                      dates[0] if dates else None, " ".join(d.strftime("%d/%m/%Y") for d in dates[1:]) or None,
                      r.first_submitted_at, *(getattr(r, n) for n in COUNT_NAMES)])
    return _export(region, year, month, "Laporan bulanan Posyandu (data mentah)", Sheet("Laporan", columns, lines))
