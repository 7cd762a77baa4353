"""The DHIS2 files read back: ADX and dataValueSet hold exactly the verified reports' values (blank absent,
0 as "0"), the ADX validates against the IHE QRPH ADX schema, the JSON has the shape of DHIS2's own
dataValueSet fixtures, and the metadata package declares every code the data files use."""
from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from tests.reports.helpers import last_month
from webapp.exchange.catalogue import DATA_SET_CODE, ELEMENTS, posyandu_code
from webapp.reports.fields import COUNT_NAMES, RATIOS

from .helpers import KOTABESI, adx_values, json_values, local_verification_date, verified_and_submitted

# The loose ADX schema of IHE QRPH ADX, from repository dhis2/adx, path IHE2015/schema/adx_loose.xsd
# (with the SDMX common types it imports); see tests/fixtures/adx/README.md.
ADX_SCHEMA = Path(__file__).parent.parent / "fixtures" / "adx" / "adx_loose.xsd"

# The shape of DHIS2's own dataValueSet fixtures, repository dhis2/dhis2-core, path
# dhis-2/dhis-services/dhis-service-dxf2/src/test/resources/datavalueset/dataValueSetA.xml (values carrying
# dataElement, period, orgUnit, value, storedBy, timestamp, comment, followup) and dataValueSetJ.json in the same
# folder (the JSON form: {"dataValues": [{"period", "orgUnit", "dataElement", "value"}]}). Only the key
# structure is taken; the set-level keys are those DHIS2 documents for a dataValueSet.
DHIS2_SET_KEYS = {"dataSet", "completeDate", "period", "orgUnit", "attributeOptionCombo", "dataValues"}
DHIS2_VALUE_KEYS = {"dataElement", "period", "orgUnit", "categoryOptionCombo", "attributeOptionCombo", "value",
                    "storedBy", "timestamp", "comment", "followup"}
DHIS2_VALUE_REQUIRED = {"dataElement", "period", "orgUnit", "value"}


def _month():
    year, month = last_month()
    return year, month, f"{year:04d}-{month:02d}"


def _expected(report) -> dict:
    """What the report says, keyed like the files: every reported count, as text; blanks not at all."""
    return {(posyandu_code(report.posyandu), e.code, option): str(report.count(name))
            for e in ELEMENTS for option, name in e.fields if report.count(name) is not None}


def _download(client, login_as, path, user="camat.kotabesi"):
    login_as(client, user)
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    return response


def test_adx_round_trip_holds_exactly_the_verified_reports(demo_app, demo_client, login_as):
    verified, submitted = verified_and_submitted()
    year, month, key = _month()
    response = _download(demo_client, login_as, f"/pertukaran/{KOTABESI}/{key}/adx.xml")
    assert "attachment" in response.headers["Content-Disposition"]
    values, groups = adx_values(response.data)
    assert values == _expected(verified)
    assert [g.get("orgUnit") for g in groups] == [posyandu_code(verified.posyandu)]  # the submitted one absent
    assert posyandu_code(submitted.posyandu) not in response.text
    group = groups[0]
    assert (group.get("period"), group.get("dataSet")) == (f"{year:04d}-{month:02d}-01/P1M", DATA_SET_CODE)
    assert group.get("completeDate") == local_verification_date(verified)
    unit = posyandu_code(verified.posyandu)
    assert values[unit, "PSY_BALITA_BGM", None] == "0"  # a real zero goes up as "0"
    assert not any(element in ("PSY_ILP_DEWASA", "PSY_DEWASA_SCREENED", "PSY_DEWASA_AT_RISK")
                   for _, element, _ in values)  # blanks stay blank
    assert values[unit, "PSY_ILP_BALITA", "SASARAN"] == str(verified.balita_target)
    assert values[unit, "PSY_ILP_BALITA", "DILAYANI"] == str(verified.balita_served)


def test_adx_validates_against_the_ihe_adx_schema(demo_app, demo_client, login_as):
    verified_and_submitted()
    _, _, key = _month()
    body = _download(demo_client, login_as, f"/pertukaran/62.02/{key}/adx.xml", "pokjanal.kotim").data
    schema = etree.XMLSchema(etree.parse(str(ADX_SCHEMA)))
    document = etree.fromstring(body)
    assert schema.validate(document), schema.error_log
    group = document.find("{urn:ihe:qrph:adx:2015}group")
    group.set("period", group.get("period").replace("-01/P1M", ""))  # the schema does bite: a bare month fails
    assert not schema.validate(document)


def test_datavalueset_round_trip_and_dhis2_shape(demo_app, demo_client, login_as):
    verified, submitted = verified_and_submitted()
    year, month, key = _month()
    response = _download(demo_client, login_as, f"/pertukaran/{KOTABESI}/{key}/datavalueset.json")
    values, data = json_values(response.data)
    expected = {(unit, element, option and f"PSY_COC_{option}"): value
                for (unit, element, option), value in _expected(verified).items()}
    assert values == expected
    assert set(data) <= DHIS2_SET_KEYS and (data["dataSet"], data["period"]) == (DATA_SET_CODE, f"{year}{month:02d}")
    for value in data["dataValues"]:
        assert DHIS2_VALUE_REQUIRED <= set(value) <= DHIS2_VALUE_KEYS, value
        assert all(isinstance(v, str) for v in value.values()) and value["period"] == data["period"]
    assert posyandu_code(submitted.posyandu) not in response.text
    assert values[posyandu_code(verified.posyandu), "PSY_BALITA_BGM", None] == "0"


def test_metadata_declares_every_code_the_data_files_use(demo_app, demo_client, login_as):
    verified, _ = verified_and_submitted()
    _, _, key = _month()
    meta = json.loads(_download(demo_client, login_as, f"/pertukaran/{KOTABESI}/metadata.json").data)
    values, _ = json_values(_download(demo_client, login_as, f"/pertukaran/{KOTABESI}/{key}/datavalueset.json").data)
    codes = {kind: {o["code"]: o for o in objects} for kind, objects in meta.items()}
    assert {element for _, element, _ in values} <= set(codes["dataElements"])
    assert {unit for unit, _, _ in values} <= set(codes["organisationUnits"])
    assert {combo for _, _, combo in values if combo} <= set(codes["categoryOptionCombos"])
    assert all(e["zeroIsSignificant"] is True for e in meta["dataElements"])
    (data_set,) = meta["dataSets"]
    assert (data_set["code"], data_set["name"], data_set["periodType"]) == (DATA_SET_CODE, "Laporan Bulanan Posyandu",
                                                                          "Monthly")
    ids = [o["id"] for objects in meta.values() for o in objects]
    assert len(ids) == len(set(ids)) and all(len(i) == 11 and i[0].isalpha() and i.isalnum() for i in ids)
    units = codes["organisationUnits"]
    by_id = {u["id"]: u for u in units.values()}
    unit = units[posyandu_code(verified.posyandu)]
    assert by_id[unit["parent"]["id"]]["code"] == "62.02.01.2003"  # Posyandu under its Kemendagri desa code
    assert unit["name"] == f"{verified.posyandu.name}, Palangan"
    assert by_id[by_id[unit["parent"]["id"]]["parent"]["id"]]["code"] == KOTABESI
    assert "parent" not in units["62.02"]  # the kabupaten is the root a Dinkes attaches to its own tree
    short_names = [e["shortName"] for e in meta["dataElements"]]
    assert len(short_names) == len(set(short_names)) and max(map(len, short_names)) <= 50


def test_every_count_is_sent_and_no_ratio_is():
    sent = {name for e in ELEMENTS for _, name in e.fields}
    assert sent == set(COUNT_NAMES)
    codes = {e.code for e in ELEMENTS}
    assert not {f"PSY_{key.upper()}" for key, *_ in RATIOS} & codes


def test_a_month_with_nothing_reported_sends_no_group():
    """A verified month with every count blank (the Posyandu did not open) sends nothing, not a row of zeros:
    an ADX group must hold at least one value, and a zero would claim a count nobody made."""
    import datetime as dt
    from types import SimpleNamespace

    from webapp.exchange import build

    blank = SimpleNamespace(count=lambda name: None, posyandu=SimpleNamespace(region_code="62.02.01.2003", id=1),
                            verified_at=dt.datetime(2025, 12, 2, 3), updated_at=None)
    one = SimpleNamespace(count=lambda name: 0 if name == "balita_bgm" else None, posyandu=blank.posyandu,
                          verified_at=dt.datetime(2025, 12, 2, 20), updated_at=None)
    assert build.units([blank], "Asia/Jakarta") == []
    (unit,) = build.units([one], "Asia/Jakarta")
    assert unit.values == (build.Value("PSY_BALITA_BGM", None, 0),) and unit.complete_date == dt.date(2025, 12, 3)
