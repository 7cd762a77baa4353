"""The keys a signal is stamped with: a report month as one period number, and the unit a row falls in."""
from __future__ import annotations


def period_of(year: int, month: int) -> int:
    return year * 12 + month - 1


def year_month(period: int) -> tuple[int, int]:
    return period // 12, period % 12 + 1


def unit_of(area_code: str, region_code: str, posyandu_id: int | None = None) -> str:
    """The unit key of a row found in Python, as `webapp.evidence.figures.unit_column` makes it in SQL: the Posyandu below a desa,
    the desa below a kecamatan, else the child region."""
    depth = area_code.count(".")
    if depth == 3:
        return str(posyandu_id)
    return region_code if depth == 2 else region_code[:len(area_code) + 3]
