"""Roster and passport pages: who sees and changes what, messages next to the field, nothing saved on bad input."""
import datetime as dt

from sqlalchemy import func, select

from tests.kader.helpers import PALANGAN, actor, add_kader
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.kader.models import Kader


def _form(**overrides) -> dict:
    return {"name": "Rini Lestari", "sex": "P", "position": "kader", "spm_field": "kesehatan",
            "sk_number": "141/9/SK/2025", "sk_on": "2025-02-03", "active_since": "2024-01-01", "is_active": "y",
            "user_id": ""} | overrides


def test_pokja_desa_adds_a_kader_and_sees_the_counted_figure(demo_client, login_as):
    login_as(demo_client, "pokja.palangan")
    posyandu = first_posyandu(PALANGAN)
    answer = demo_client.post(f"/posyandu/{posyandu.id}/kader", data=_form())
    assert answer.status_code == 302
    page = demo_client.get(f"/posyandu/{posyandu.id}/kader").get_data(as_text=True)
    assert "Rini Lestari" in page and "Kader aktif ber-SK: <strong>1</strong>" in page
    assert "Belum Purwa" in page


def test_a_future_sk_date_is_shown_next_to_the_field_and_typed_values_kept(demo_client, login_as):
    login_as(demo_client, "pokja.palangan")
    posyandu = first_posyandu(PALANGAN)
    future = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    answer = demo_client.post(f"/posyandu/{posyandu.id}/kader", data=_form(sk_on=future))
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422 and "Tanggal SK tidak boleh di masa depan." in page
    assert 'value="Rini Lestari"' in page
    assert db.session.scalar(select(func.count(Kader.id))) == 0


def test_kader_cannot_add_to_the_roster_and_another_desa_cannot_see_it(demo_client, login_as):
    posyandu = first_posyandu(PALANGAN)
    login_as(demo_client, "kader.palangan")
    assert demo_client.post(f"/posyandu/{posyandu.id}/kader", data=_form()).status_code == 403
    assert "Tambah kader" not in demo_client.get(f"/posyandu/{posyandu.id}/kader").get_data(as_text=True)
    kader = add_kader()
    login_as(demo_client, "kades.hanjalipan")
    assert demo_client.get(f"/posyandu/{posyandu.id}/kader").status_code == 404
    assert demo_client.get(f"/kader/{kader.id}").status_code == 404
    assert db.session.scalar(select(func.count(Kader.id))) == 1


def test_trainer_marks_skills_on_the_passport_page(demo_client, login_as):
    kader = add_kader()
    login_as(demo_client, "puskesmas.kotabesi")
    codes = [f"{p}{i}" for p in "PBI" for i in range(1, 6)]
    answer = demo_client.post(f"/kader/{kader.id}/keterampilan", data={"codes": codes, "marked_on": "2025-10-01"})
    assert answer.status_code == 302
    page = demo_client.get(f"/kader/{kader.id}").get_data(as_text=True)
    assert '<strong id="level">Purwa</strong>' in page and "Menuju Madya" in page


def test_pokja_desa_cannot_mark_skills_and_sees_no_checkboxes(demo_client, login_as):
    kader = add_kader()
    login_as(demo_client, "pokja.palangan")
    assert demo_client.post(f"/kader/{kader.id}/keterampilan", data={"codes": ["P1"], "marked_on": "2025-10-01"}
                            ).status_code == 403
    assert 'name="codes"' not in demo_client.get(f"/kader/{kader.id}").get_data(as_text=True)


def test_a_future_assessment_date_is_refused_on_the_page(demo_client, login_as):
    kader = add_kader()
    login_as(demo_client, "puskesmas.kotabesi")
    future = (dt.date.today() + dt.timedelta(days=4)).isoformat()
    answer = demo_client.post(f"/kader/{kader.id}/keterampilan", data={"codes": ["P1"], "marked_on": future})
    assert answer.status_code == 422 and "Tanggal penilaian tidak boleh di masa depan." in answer.get_data(as_text=True)
    assert kader.skill_codes == frozenset()


def test_kader_sees_her_own_passport_from_the_nav(demo_client, login_as):
    kader = add_kader(user_id=actor("kader.palangan").id)
    login_as(demo_client, "kader.palangan")
    home = demo_client.get("/").get_data(as_text=True)
    assert 'href="/kader/saya"' in home
    answer = demo_client.get("/kader/saya")
    assert answer.headers["Location"].endswith(f"/kader/{kader.id}")
    page = demo_client.get(f"/kader/{kader.id}").get_data(as_text=True)
    assert "25 keterampilan dasar" in page and "Ubah data kader" not in page
