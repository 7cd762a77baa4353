"""The kader's form as steps: one section per screen, then the summary ("ringkasan") before "Kirim"."""
from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from webapp.clock import month_key
from webapp.reports.fields import NOTE_FIELDS, SECTION_OF, SECTIONS

SUMMARY = "ringkasan"
STEPS: tuple[str, ...] = tuple(s.key for s in SECTIONS) + (SUMMARY,)
STEP_NAMES: dict[str, str] = {**{s.key: s.step for s in SECTIONS}, SUMMARY: "Ringkasan"}
# The input a message about a field leads to (the hari-buka messages name the first date or the reason).
FIELD_INPUT = {"open_dates": "open_date_1"}


@dataclass(frozen=True)
class Step:
    key: str
    number: int
    name: str
    url: str

    @property
    def heading(self) -> str:
        return f"Langkah {self.number} dari {len(STEPS)} · {self.name}"


@dataclass(frozen=True)
class Finding:
    """A block or a warning of the summary, with the address of the field it is about."""

    label: str
    message: str
    url: str | None
    step: str | None = None  # the section's key


def step_url(posyandu_id: int, year: int, month: int, key: str, anchor: str | None = None) -> str:
    """The address of one step (a deep link: the page opens on it)."""
    month_text = month_key(year, month)
    if key == SUMMARY:
        return url_for("reports.summary", posyandu_id=posyandu_id, month=month_text, _anchor=anchor)
    return url_for("reports.section", posyandu_id=posyandu_id, month=month_text, section=key, _anchor=anchor)


def steps(posyandu_id: int, year: int, month: int) -> list[Step]:
    return [Step(key, number, STEP_NAMES[key], step_url(posyandu_id, year, month, key))
            for number, key in enumerate(STEPS, start=1)]


def after(key: str, go: str) -> str:
    """The step a section's button leads to: Lanjut and "tidak ada layanan" forward, Kembali back."""
    index = STEPS.index(key)
    if go in ("next", "skip"):
        return STEPS[min(index + 1, len(STEPS) - 1)]
    if go == "back":
        return STEPS[max(index - 1, 0)]
    return key


def opening(saved: frozenset[str]) -> str:
    """Where the report's own address opens: the first section never saved, else the summary."""
    return next((s.key for s in SECTIONS if s.key not in saved), SUMMARY)


def findings(found: dict[str, list[str]], posyandu_id: int, year: int, month: int) -> list[Finding]:
    """Messages of the checks in form order, each linking to its field on its section's screen."""
    order = {name: index for index, name in enumerate(["", *NOTE_FIELDS])}
    listed = []
    for name in sorted(found, key=lambda n: order.get(n, len(order))):
        section = SECTION_OF.get(name, "buka" if name else None)
        url = step_url(posyandu_id, year, month, section, FIELD_INPUT.get(name, name)) if section else None
        listed += [Finding(NOTE_FIELDS.get(name, "Laporan"), message, url, section) for message in found[name]]
    return listed
