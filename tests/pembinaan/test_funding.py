"""Sarpras gaps linked to plan lines: each missing or broken kit item shows the approved or pending line that
funds it, or "belum dianggarkan"; a line names only items of the kit; drafts and other desa do not count."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.kader.helpers import HANJALIPAN, PALANGAN, actor
from tests.workplans.helpers import line_data, make_plan
from webapp.clock import utcnow
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.pembinaan import services
from webapp.pembinaan.funding import UNFUNDED, funding_lines, gaps_with_funding
from webapp.kit import KIT
from webapp.pembinaan.queries import equipment_of
from webapp.refusal import Refused
from webapp.workplans import services as plans


def _growth_only(posyandu) -> None:
    entries = {item.key: {"available": item.growth, "condition": "baik" if item.growth else "",
                          "checked_on": dt.date(2025, 9, 1)} for item in KIT}
    services.save_equipment(actor("pokja.palangan"), posyandu, entries)


def _plan(kit_by_activity: dict[str, list[str]], *, submit: bool, approve: bool = False, location: str | None = None,
          ahead: int = 0):
    """A Palangan plan of this year (or `ahead` years on: one plan per desa and year)."""
    plan = make_plan(year=utcnow().year + ahead, lines=0)
    who = actor("pokja.palangan")
    for activity, keys in kit_by_activity.items():
        data = line_data(PALANGAN, activity=activity, kit_items=keys)
        if location:
            data["location"] = location
        plans.save_line(who, plan, None, data, None)
    if submit:
        plans.submit(who, plan, None)
    if approve:
        plans.approve(actor("kades.palangan"), plan, "", None)
    return plan


@pytest.fixture
def funded(demo_app):
    posyandu = first_posyandu(PALANGAN)
    _growth_only(posyandu)
    _plan({"Beli tensimeter": ["tensimeter"]}, submit=True)
    _plan({"Beli glukometer dan Hb meter": ["glucometer", "hb_meter"]}, submit=True, approve=True,
          location=f"r:{PALANGAN}", ahead=1)
    _plan({"Beli KMS": ["kms"]}, submit=False, ahead=2)  # a draft funds nothing yet
    return posyandu


def test_each_gap_shows_the_line_funding_it_or_belum_dianggarkan(funded):
    lines = funding_lines(actor("pokja.palangan"), utcnow().year)
    found = {gap.key: gap.funding for gap in gaps_with_funding(funded, equipment_of(funded), lines)}
    assert found["tensimeter"] == "Beli tensimeter — Rencana uji 62.02.01.2003 %d (diajukan, menunggu persetujuan)" \
        % utcnow().year
    assert found["glucometer"].startswith("Beli glukometer dan Hb meter") and found["glucometer"].endswith("(disetujui)")
    assert found["hb_meter"] == found["glucometer"]
    assert found["kms"] == UNFUNDED and found["kia_book"] == UNFUNDED
    assert "dacin" not in found  # present and good: no gap
    other = first_posyandu(HANJALIPAN)  # a line placed in Palangan does not fund the next desa's Posyandu
    assert {gap.funding for gap in gaps_with_funding(other, {}, lines)} == {UNFUNDED}
    assert funding_lines(actor("pokja.hanjalipan"), utcnow().year) == []  # never sideways


def test_a_broken_item_is_a_gap_the_line_can_fund(funded):
    rows = equipment_of(funded)
    rows["dacin"].condition = "rusak"
    lines = funding_lines(actor("pokja.palangan"), utcnow().year)
    assert [g.funding for g in gaps_with_funding(funded, rows, lines) if g.key == "dacin"] == [UNFUNDED]


def test_gap_page_shows_funding_to_plan_readers_only(funded, demo_client, login_as):
    login_as(demo_client, "pokja.palangan")
    page = demo_client.get("/sarpras").get_data(as_text=True)
    assert "<strong>Tensimeter</strong>: <span class=\"funded\">Beli tensimeter" in page
    assert "<strong>KMS</strong>: <span class=\"unfunded\">belum dianggarkan</span>" in page
    login_as(demo_client, "pokja.hanjalipan")
    assert "Beli tensimeter" not in demo_client.get("/sarpras").get_data(as_text=True)
    login_as(demo_client, "kader.palangan")
    page = demo_client.get("/sarpras").get_data(as_text=True)
    assert "Tensimeter" in page and "belum dianggarkan" not in page and "Beli tensimeter" not in page


def test_a_line_names_only_kit_items_and_keeps_them(demo_app, demo_client, login_as):
    plan = make_plan(year=utcnow().year + 3, lines=0)
    with pytest.raises(Refused) as refused:
        plans.save_line(actor("pokja.palangan"), plan, None, line_data(PALANGAN, kit_items=["helikopter"]), None)
    assert refused.value.errors["kit_items"][0].startswith("Alat sarpras tidak dikenal: helikopter")
    assert plan.lines == []
    login_as(demo_client, "pokja.palangan")
    form = {"activity": "Beli dacin", "spm_field": "kesehatan", "location": f"r:{PALANGAN}", "months": ["3"],
            "budget": "750.000", "funding_source": "dd", "kit_items": ["dacin", "kms"], "version": plan.version}
    bad = demo_client.post(f"/rencana-kerja/{plan.id}/kegiatan/baru", data=form | {"kit_items": ["dacin", "x"]})
    assert bad.status_code == 422 and "Alat sarpras tidak dikenal: x" in bad.get_data(as_text=True)
    assert demo_client.post(f"/rencana-kerja/{plan.id}/kegiatan/baru", data=form).status_code == 302
    db.session.refresh(plan)
    assert plan.lines[0].kit_keys == ["dacin", "kms"]
    edit = demo_client.get(f"/rencana-kerja/{plan.id}/kegiatan/{plan.lines[0].id}").get_data(as_text=True)
    assert 'value="dacin" checked' in edit or 'checked id="kit_items-0"' in edit
    detail = demo_client.get(f"/rencana-kerja/{plan.id}").get_data(as_text=True)
    assert "Sarpras yang didanai: Dacin / timbangan bayi, KMS" in detail
