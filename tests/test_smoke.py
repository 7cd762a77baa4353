"""The app starts on a migrated database and the demo base data signs in."""
from tests.conftest import _login  # noqa: F401


def test_home_shows_name_role_and_full_region_path(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    page = demo_client.get("/").get_data(as_text=True)
    assert "Nurhayati" in page
    assert "Desa Palangan, Kec. Kota Besi, Kab. Kotawaringin Timur" in page


def test_anonymous_is_sent_to_login(client):
    response = client.get("/posyandu")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/masuk")
