"""The three files, built from verified reports: ADX (IHE QRPH, idScheme=CODE), a DHIS2 dataValueSet (JSON)
and the metadata package that declares everything they name.

Blank stays blank: a count not reported is left out (DHIS2 would store a sent 0 as a real zero, and a "0"
import over an earlier value deletes it); a reported 0 is sent as "0", which the data elements keep because
they are declared `zeroIsSignificant`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from webapp.clock import local_date, utcnow
from webapp.exchange.catalogue import (
    CATEGORY_CODE, CATEGORY_COMBO_CODE, DATA_SET_CODE, DATA_SET_NAME, ELEMENTS, OPENING_DATE, OPTIONS,
    option_combo_code, posyandu_code, uid,
)

ADX_NS = "urn:ihe:qrph:adx:2015"


@dataclass(frozen=True)
class Value:
    element: str
    option: str | None  # the ILP disaggregation (SASARAN/DILAYANI), None for a plain count
    value: int


@dataclass(frozen=True)
class Unit:
    """One Posyandu's verified month: its org unit code, the verification date and its reported values."""
    org_unit: str
    complete_date: dt.date
    values: tuple[Value, ...]


def units(reports: Iterable, timezone: str) -> list[Unit]:
    """The reports as org-unit months; a report with nothing reported is left out (a group must hold values)."""
    found = []
    for report in reports:
        values = tuple(Value(e.code, option, report.count(name)) for e in ELEMENTS for option, name in e.fields
                       if report.count(name) is not None)
        if values:
            found.append(Unit(posyandu_code(report.posyandu), local_date(report.verified_at or report.updated_at, timezone), values))
    return found


def adx(found: list[Unit], year: int, month: int) -> bytes:
    """An ADX message: one group per Posyandu, period `YYYY-MM-01/P1M`, the ILP option as the category's
    attribute (its code names the attribute, as DHIS2 reads ADX)."""
    ET.register_namespace("", ADX_NS)
    root = ET.Element(f"{{{ADX_NS}}}adx", exported=utcnow().replace(microsecond=0).isoformat() + "Z")
    for unit in found:
        group = ET.SubElement(root, f"{{{ADX_NS}}}group", orgUnit=unit.org_unit, period=f"{year:04d}-{month:02d}-01/P1M",
                              dataSet=DATA_SET_CODE, completeDate=unit.complete_date.isoformat())
        for v in unit.values:
            extra = {CATEGORY_CODE: v.option} if v.option else {}
            ET.SubElement(group, f"{{{ADX_NS}}}dataValue", dataElement=v.element, **extra, value=str(v.value))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def data_value_set(found: list[Unit], year: int, month: int) -> dict:
    """One dataValueSet for the whole area, each value naming its org unit and period (the shape of DHIS2's own
    multi-org-unit sets). DHIS2 JSON holds one completeDate per header org unit, so the per-Posyandu
    verification date travels in the ADX groups."""
    period = f"{year:04d}{month:02d}"
    return {"dataSet": DATA_SET_CODE, "period": period,
            "dataValues": [_json_value(v, unit.org_unit, period) for unit in found for v in unit.values]}


def _json_value(v: Value, org_unit: str, period: str) -> dict:
    value = {"dataElement": v.element, "period": period, "orgUnit": org_unit, "value": str(v.value)}
    if v.option:
        value["categoryOptionCombo"] = option_combo_code(v.option)
    return value


def _ref(kind: str, code: str) -> dict:
    return {"id": uid(kind, code)}


def _named(kind: str, code: str, name: str, short: str | None = None) -> dict:
    return {"id": uid(kind, code), "code": code, "name": name, "shortName": (short or name)[:50]}


def metadata(regions: list, posyandu: list) -> dict:
    """The package a Dinkes imports once before the first data file: options, category, combo, its option
    combos, data elements (zero is significant), org units under Kemendagri codes, and the data set."""
    desa = {r.code: r.name for r in regions}
    combo = {**_named("categoryCombo", CATEGORY_COMBO_CODE, "Sasaran dan dilayani (ILP)"), "dataDimensionType":
             "DISAGGREGATION", "categories": [_ref("category", CATEGORY_CODE)]}
    return {
        "categoryOptions": [_named("categoryOption", code, name) for code, name, _ in OPTIONS],
        "categories": [{**_named("category", CATEGORY_CODE, "Cakupan ILP"), "dataDimensionType": "DISAGGREGATION",
                        "categoryOptions": [_ref("categoryOption", code) for code, _, _ in OPTIONS]}],
        "categoryCombos": [combo],
        "categoryOptionCombos": [
            {**_named("categoryOptionCombo", option_combo_code(code), name),
             "categoryCombo": _ref("categoryCombo", CATEGORY_COMBO_CODE), "categoryOptions": [_ref("categoryOption", code)]}
            for code, name, _ in OPTIONS],
        "dataElements": list(_data_elements()),
        "organisationUnits": [*(_region_unit(r) for r in regions), *(_posyandu_unit(p, desa) for p in posyandu)],
        "dataSets": [{**_named("dataSet", DATA_SET_CODE, DATA_SET_NAME), "periodType": "Monthly",
                      "dataSetElements": [{"dataElement": _ref("dataElement", e.code)} for e in ELEMENTS],
                      "organisationUnits": [_ref("organisationUnit", posyandu_code(p)) for p in posyandu]}],
    }


def _data_elements() -> Iterator[dict]:
    for e in ELEMENTS:
        element = {**_named("dataElement", e.code, e.name, e.short), "domainType": "AGGREGATE",
                   "valueType": "INTEGER_ZERO_OR_POSITIVE", "aggregationType": "SUM", "zeroIsSignificant": True}
        if e.disaggregated:
            element["categoryCombo"] = _ref("categoryCombo", CATEGORY_COMBO_CODE)
        yield element


def _region_unit(region) -> dict:
    unit = {**_named("organisationUnit", region.code, region.label), "openingDate": OPENING_DATE}
    if region.level != "kabupaten" and region.parent_code:
        unit["parent"] = _ref("organisationUnit", region.parent_code)
    return unit


def _posyandu_unit(posyandu, desa: dict[str, str]) -> dict:
    """Named with its desa: the same Posyandu name recurs from desa to desa in a DHIS2 org unit picker."""
    code = posyandu_code(posyandu)
    name = posyandu.name if posyandu.name.lower().startswith("posyandu") else f"Posyandu {posyandu.name}"
    unit = {**_named("organisationUnit", code, f"{name}, {desa.get(posyandu.region_code, posyandu.region_code)}"),
            "openingDate": OPENING_DATE,
            "parent": _ref("organisationUnit", posyandu.region_code)}
    if posyandu.registration_number:
        unit["description"] = f"No. registrasi {posyandu.registration_number}"
    return unit
