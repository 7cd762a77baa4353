"""Indonesian numbers for the dashboard's thousands of figures: "12.500" and "67,5 %".

Same output as webapp.formatting.angka/persen (Babel, id_ID), but Babel costs ~75 µs a number
and a kabupaten page shows ~2,000 of them (150 ms). Percentages are rounded once here, from the
float, so the page and the exports (round(x, 1)) always agree.
"""
from __future__ import annotations


def angka(value: int | None, blank: str = "–") -> str:
    """Whole numbers with a dot between thousands; None stays visibly blank, never 0."""
    if value is None:
        return blank
    return f"{value:,}".replace(",", ".")


def persen(numerator: int | float | None, denominator: int | float | None) -> str:
    """A ratio as "67,5 %"; blank when either part is missing or the base is zero."""
    if numerator is None or not denominator:
        return "–"
    return f"{100 * numerator / denominator:.1f}".replace(".", ",") + " %"
