"""What the monthly report becomes in DHIS2: one data set, a data element per count, and the ILP groups as one
element each with a sasaran/dilayani disaggregation. Every object has a CODE (the files use idScheme=CODE)
and a UID derived from it, so the metadata package and every later export name the same objects.

Codes are written once here, from `webapp.reports.fields`: a count added there reaches DHIS2 with no edit.
Ratios (D/S, N/D …) are computed figures, never data elements: DHIS2 computes its own indicators.

The Posyandu code: `<Kemendagri desa code>-P<id>` (e.g. `62.02.01.2003-P12`). It never changes when the
Posyandu is renamed or its registration number is added or corrected, and it sits visibly under the desa
code; the registration number, when known, travels as the org unit's description.
"""
from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass

from webapp.reports.fields import COUNT_FIELDS, GROUP_FIELDS, GROUPS

DATA_SET_CODE = "POSYANDU_BULANAN"
DATA_SET_NAME = "Laporan Bulanan Posyandu"
CATEGORY_CODE = "PSY_CAKUPAN_ILP"
CATEGORY_COMBO_CODE = "PSY_SASARAN_DILAYANI"
OPTIONS = (("SASARAN", "Sasaran", "target"), ("DILAYANI", "Dilayani", "served"))
"""(category option code, name, field suffix) of the ILP groups' disaggregation."""
OPENING_DATE = "2000-01-01"  # org units must open before their first value; the app holds no founding date


@dataclass(frozen=True)
class Element:
    code: str
    name: str
    short: str
    fields: tuple[tuple[str | None, str], ...]  # (category option code or None, report field name)

    @property
    def disaggregated(self) -> bool:
        return self.fields[0][0] is not None


def _plain(field) -> Element:
    return Element(f"PSY_{field.name.upper()}", f"Posyandu - {field.label}", f"PSY {field.header}"[:50],
                   ((None, field.name),))


def _group(group) -> Element:
    return Element(f"PSY_ILP_{group.key.upper()}", f"Posyandu - ILP {group.label}", f"PSY ILP {group.label}"[:50],
                   tuple((option, f"{group.key}_{suffix}") for option, _, suffix in OPTIONS))


_GROUPED = {f.name for f in GROUP_FIELDS}
ELEMENTS: tuple[Element, ...] = (tuple(_group(g) for g in GROUPS)
                                 + tuple(_plain(f) for f in COUNT_FIELDS if f.name not in _GROUPED))
SENT_FIELDS = frozenset(name for e in ELEMENTS for _, name in e.fields)

_ALPHABET = string.ascii_letters + string.digits


def uid(kind: str, code: str) -> str:
    """A DHIS2 UID (a letter, then ten letters or digits) that is the same for the same object every time."""
    digest = int.from_bytes(hashlib.sha256(f"pokjanal:{kind}:{code}".encode()).digest(), "big")
    chars = [string.ascii_letters[digest % 52]]
    digest //= 52
    for _ in range(10):
        chars.append(_ALPHABET[digest % 62])
        digest //= 62
    return "".join(chars)


def option_combo_code(option: str) -> str:
    return f"PSY_COC_{option}"


def posyandu_code(posyandu) -> str:
    return f"{posyandu.region_code}-P{posyandu.id}"
