"""Who may import: the kabupaten admin, for desa of its own kabupaten only; everyone else is refused."""
import pytest

from tests.onboarding.helpers import ROWS, by_name, counts, preview_id, upload, xlsx


@pytest.mark.parametrize("username", ["kader.palangan", "pokja.palangan", "bupati.kotim", "pokjanal.ttu"])
def test_lower_roles_cannot_open_or_use_the_import(demo_client, login_as, username):
    login_as(demo_client, username)
    assert demo_client.get("/impor").status_code == 403
    assert demo_client.get("/impor/templat-posyandu.xlsx").status_code == 403
    before = counts()
    assert upload(demo_client, xlsx()).status_code == 403 and counts() == before


def test_lower_roles_and_other_kabupaten_never_see_or_commit_a_kotim_file(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    batch_id = preview_id(demo_client, xlsx())
    for username, status in (("admin.ttu", 404), ("pokja.palangan", 403), ("kader.palangan", 403)):
        login_as(demo_client, username)
        assert demo_client.get(f"/impor/{batch_id}").status_code == status
        assert demo_client.post(f"/impor/{batch_id}/simpan").status_code == status
    assert by_name("Posyandu Anggrek") is None


def test_another_kabupatens_admin_gets_a_row_error_for_kotim_codes(demo_client, login_as):
    login_as(demo_client, "admin.ttu")
    before = counts()
    response = upload(demo_client, xlsx(ROWS))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and page.count("Desa/kelurahan ini di luar kabupaten Anda.") == 2
    assert counts() == before


def test_the_other_admins_own_kabupaten_imports(demo_client, login_as):
    login_as(demo_client, "admin.ttu")
    preview_id(demo_client, xlsx([["Posyandu Sasando", "53.03.05.1005", "", "Rabu minggu ke-1", "", "", "", ""]]))
    template = demo_client.get("/impor/templat-posyandu.xlsx")
    assert template.status_code == 200 and "templat-posyandu-53.03.xlsx" in template.headers["Content-Disposition"]
