"""The survey's stunting figure: a kabupaten setting shown beside the Posyandu proportion, never mixed with it."""
from tests.regions.test_settings import _post
from webapp.extensions import db
from webapp.regions.models import KabupatenSetting


def test_admin_sets_the_survey_figure_and_the_recap_shows_it_beside_the_note(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    assert _post(demo_client, stunting_survey="35,5").status_code == 422  # a comma is not read as a number
    answer = _post(demo_client, stunting_survey="27.9", stunting_survey_source="SSGI 2022", stunting_target="14")
    assert answer.status_code == 302
    setting = db.session.get(KabupatenSetting, "62.02")
    assert (setting.stunting_survey, setting.stunting_survey_source, setting.stunting_target) == (27.9, "SSGI 2022", 14)
    login_as(demo_client, "pokjanal.kotim")
    page = demo_client.get("/laporan/rekap/62.02").get_data(as_text=True)
    assert "bukan prevalensi survei" in page
    assert "Prevalensi survei (SSGI 2022): <strong>27,9 %</strong>; target kabupaten: <strong>14 %</strong>" in page


def test_bad_survey_figures_are_refused_and_nothing_saved(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    answer = _post(demo_client, stunting_survey="140")
    assert answer.status_code == 422 and "Isi persen 0–100." in answer.get_data(as_text=True)
    assert db.session.get(KabupatenSetting, "62.02").stunting_survey == 35.5  # the demo's SKI 2023 figure stays
