"""Recap and raw reports as tables for Excel (.xlsx through openpyxl) and CSV; blank stays blank."""
from __future__ import annotations

from webapp import exports as export
from webapp.reports.fields import COUNT_FIELDS, COUNT_NAMES, RATIOS
from webapp.reports.models import STATUS_LABELS, Status


def recap_table(rows, total, first_header: str) -> tuple[list[str], list[list]]:
    """Header and rows of a recap: one line per child region (and the total), sums then ratios."""
    header = [first_header, "Laporan masuk"] + [f.header for f in COUNT_FIELDS] + [label for _, label, _, _ in RATIOS]
    lines = []
    for row in [*rows, total]:
        ratios = [None if v is None else round(100 * v, 1) for v in row.ratios.values()]
        lines.append([row.label, row.reports] + [row.sums[n] for n in COUNT_NAMES] + ratios)
    return header, lines


def raw_table(reports) -> tuple[list[str], list[list]]:
    """One line per report with every count as stored."""
    header = ["Kode desa", "Posyandu", "Tahun", "Bulan", "Status", "Tidak buka", "Tanggal hari buka",
              "Dikirim pertama (UTC)"] + [f.header for f in COUNT_FIELDS]
    lines = [[r.region_code, r.posyandu.name, r.year, r.month, STATUS_LABELS[Status(r.status)],
              "ya" if r.closed else "", r.open_dates.replace(",", " "),
              r.first_submitted_at.strftime("%Y-%m-%d %H:%M") if r.first_submitted_at else None]
             + [getattr(r, n) for n in COUNT_NAMES] for r in reports]
    return header, lines


def to_xlsx(title: str, header: list[str], lines: list[list]) -> bytes:
    return export.to_xlsx(title, [header, *lines], freeze="B2")


def to_csv(header: list[str], lines: list[list]) -> bytes:
    return export.to_csv([header, *lines])


download = export.download
