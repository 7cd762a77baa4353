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


def test_make_run_says_in_indonesian_that_a_port_is_taken_and_stops(app):
    import socket

    runner = app.test_cli_runner()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused = runner.invoke(args=["port-free", "127.0.0.1", str(port)])
        assert refused.exit_code == 1
        assert f"Port {port} di 127.0.0.1 sudah dipakai program lain" in refused.output
        assert f"make run PORT={port + 1}" in refused.output
    assert runner.invoke(args=["port-free", "127.0.0.1", str(port)]).exit_code == 0  # free again


def test_make_run_serves_with_gunicorn_on_host_and_port_and_installs_no_dev_extras():
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    plan = subprocess.run(["make", "-n", "-o", "setup-run", "run", "HOST=0.0.0.0", "PORT=8123"], cwd=root,
                          capture_output=True, text=True, check=True).stdout
    assert "gunicorn --bind 0.0.0.0:8123" in plan and "gthread" in plan and "flask run" not in plan
    assert plan.index("port-free 0.0.0.0 8123") < plan.index("berjalan di http://0.0.0.0:8123")
    runtime = subprocess.run(["make", "-n", "-B", "-o", "system-deps-base", "-o", "node_modules/.installed",
                              "-o", "static-assets", "setup-run"], cwd=root, capture_output=True, text=True).stdout
    assert "pip install --quiet -e ." in runtime and "[dev]" not in runtime
