"""Small 12-month line charts as plain geometry for a server-rendered SVG (no script, no style attribute).

The template draws what `line_chart` returns with SVG presentation attributes only, so the
strict CSP holds and the same markup prints in the PDF. A month without data breaks the line.
"""
from __future__ import annotations

from dataclasses import dataclass

from webapp.dashboard.periods import Period
from webapp.formatting import persen

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 10, 24
LABEL_SIZE, LABEL_GAP = 11, 4  # the largest label font any template draws (the agenda pack), and its gap to the axis
# Liberation Sans advance widths in em (digits and the characters a percentage label holds; others as "0").
EM = {",": 0.278, ".": 0.278, " ": 0.278, "%": 0.889, " ": 0.278}
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


@dataclass
class Chart:
    title: str
    own: list[str]  # polyline point lists, one per unbroken run
    parent: list[str]
    dots: list[tuple[float, float, str]]
    ticks: list[tuple[float, str]]  # y position and label
    months: list[tuple[float, str]]  # x position and label
    summary: str  # the numbers in words, for screen readers and print
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    bottom_edge: int = HEIGHT - BOTTOM


def text_width(text: str, size: float = LABEL_SIZE) -> float:
    """The width a label takes in Liberation Sans, so the plot leaves room for it (an SVG clips what overflows)."""
    return sum(EM.get(ch, 0.556 if ch.isdigit() else 0.61) for ch in text) * size


def _top_of(values: list[float]) -> float:
    """A round upper bound: 100 % for shares that reach it, else the next 10 %."""
    peak = max(values, default=0)
    if peak > 0.9:
        return max(1.0, -(-peak * 10 // 1) / 10)
    return max(0.1, -(-peak * 10 // 1) / 10)


def line_chart(title: str, months: list[int], own: list[float | None], parent: list[float | None],
               own_label: str, parent_label: str) -> Chart:
    top = _top_of([v for v in own + parent if v is not None])
    tick_labels = [(f, persen(top * f, 1)) for f in (0, 0.5, 1)]
    left = max(LEFT, round(max(text_width(label) for _, label in tick_labels)) + LABEL_GAP + 2)
    right = max(RIGHT, round(max(text_width(m) for m in MONTH_ABBR) / 2) + 2)  # the last month's label is centred
    span_x = (WIDTH - left - right) / max(len(months) - 1, 1)
    span_y = HEIGHT - TOP - BOTTOM

    def xy(i: int, value: float) -> tuple[float, float]:
        return round(left + i * span_x, 1), round(TOP + span_y * (1 - value / top), 1)

    def runs(values: list[float | None]) -> list[str]:
        out, current = [], []
        for i, value in enumerate(values):
            if value is None:
                if current:
                    out.append(" ".join(current))
                current = []
            else:
                current.append("{},{}".format(*xy(i, value)))
        if current:
            out.append(" ".join(current))
        return out

    dots = [(*xy(i, v), persen(v, 1)) for i, v in enumerate(own) if v is not None]
    ticks = [(round(TOP + span_y * (1 - f), 1), label) for f, label in tick_labels]
    labels = [(round(left + i * span_x, 1), MONTH_ABBR[m % 12]) for i, m in enumerate(months) if i % 3 == 2]
    said = ", ".join(f"{Period(m).label}: {persen(v, 1) if v is not None else 'tidak ada data'}"
                     for m, v in zip(months, own, strict=True))
    summary = f"{own_label}: {said}."
    if any(v is not None for v in parent):
        summary += " " + parent_label + ": " + ", ".join(
            f"{MONTH_ABBR[m % 12]} {persen(v, 1)}" for m, v in zip(months, parent, strict=True) if v is not None) + "."
    return Chart(title, runs(own), runs(parent), dots, ticks, labels, summary, left=left, right_edge=WIDTH - right)
