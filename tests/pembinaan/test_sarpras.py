"""The equipment list: saved whole or not at all, the growth kit and the complete kit, the area's gap list."""
import datetime as dt

import pytest
from sqlalchemy import func, select
from werkzeug.exceptions import Forbidden

from tests.kader.helpers import HANJALIPAN, PALANGAN, actor
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.pembinaan import services
from webapp.kit import KIT, gaps, has_growth_kit, kit_complete
from webapp.pembinaan.models import Equipment
from webapp.pembinaan.queries import equipment_of
from webapp.refusal import Refused


def _entries(good=lambda item: True, **changes) -> dict:
    entries = {item.key: {"available": good(item), "condition": "baik" if good(item) else "",
                          "checked_on": dt.date(2025, 9, 1)} for item in KIT}
    for key, change in changes.items():
        entries[key] = entries[key] | change
    return entries


def test_growth_kit_and_complete_kit(demo_app):
    posyandu = first_posyandu(PALANGAN)
    services.save_equipment(actor("pokja.palangan"), posyandu, _entries(lambda item: item.growth))
    rows = equipment_of(posyandu)
    assert has_growth_kit(rows) and not kit_complete(rows) and "Tensimeter" in gaps(rows)
    services.save_equipment(actor("pokja.palangan"), posyandu, _entries(dacin={"condition": "rusak"}))
    rows = equipment_of(posyandu)
    assert not has_growth_kit(rows) and gaps(rows) == ["Dacin / timbangan bayi"]
    services.save_equipment(actor("pokja.palangan"), posyandu, _entries(chol_meter={"available": False}))
    assert kit_complete(equipment_of(posyandu))  # an optional item does not make the kit incomplete


@pytest.mark.parametrize("change, field", [
    ({"lila_tape": {"condition": ""}}, "lila_tape_condition"),
    ({"kms": {"checked_on": dt.date.today() + dt.timedelta(days=3)}}, "kms_checked_on"),
])
def test_bad_equipment_input_saves_nothing(demo_app, change, field):
    with pytest.raises(Refused) as refused:
        services.save_equipment(actor("pokja.palangan"), first_posyandu(PALANGAN), _entries(**change))
    assert refused.value.field == field
    db.session.rollback()
    assert db.session.scalar(select(func.count(Equipment.id))) == 0


def test_another_desa_and_kader_cannot_change_the_list(demo_app):
    with pytest.raises(Forbidden):
        services.save_equipment(actor("pokja.palangan"), first_posyandu(HANJALIPAN), _entries())
    with pytest.raises(Forbidden):
        services.save_equipment(actor("kader.palangan"), first_posyandu(PALANGAN), _entries())


def test_equipment_page_and_gap_list(demo_client, login_as):
    posyandu = first_posyandu(PALANGAN)
    login_as(demo_client, "pokja.palangan")
    form = {f"{item.key}_available": "y" for item in KIT if item.growth}
    form |= {f"{item.key}_condition": "baik" for item in KIT if item.growth}
    assert demo_client.post(f"/posyandu/{posyandu.id}/sarpras", data=form).status_code == 302
    page = demo_client.get(f"/posyandu/{posyandu.id}/sarpras").get_data(as_text=True)
    assert '<strong id="growth">lengkap</strong>' in page and '<strong id="complete">belum lengkap</strong>' in page
    bad = demo_client.post(f"/posyandu/{posyandu.id}/sarpras", data=form | {"dacin_condition": ""})
    assert bad.status_code == 422 and "Dacin / timbangan bayi: pilih kondisi baik atau rusak." in bad.get_data(as_text=True)
    gaps_page = demo_client.get("/sarpras").get_data(as_text=True)
    assert posyandu.name in gaps_page and "Tensimeter" in gaps_page and "Hanjalipan" not in gaps_page
    login_as(demo_client, "kader.palangan")
    assert demo_client.post(f"/posyandu/{posyandu.id}/sarpras", data=form).status_code == 403
