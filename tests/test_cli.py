"""Bootstrap without the demo: `flask users create-admin` under the password policy, and
`flask seed demo` refusing to run in production."""
from sqlalchemy import func, select

from tests.auth.helpers import audit_actions, sign_in
from webapp.auth.models import User
from webapp.extensions import db


def _admin(app, *args, password="Sandi-admin-kuat-7\n"):
    return app.test_cli_runner().invoke(args=["users", "create-admin", *args], input=password)


def test_create_admin_from_stdin_then_sign_in_as_the_kabupaten_admin(demo_app):
    result = _admin(demo_app, "--kabupaten", "62.02", "--username", "Admin.Dua", "--full-name", "Admin Kedua",
                    "--password-stdin")
    assert result.exit_code == 0, result.output
    assert "Admin admin.dua untuk 62.02 sudah dibuat" in result.output
    user = db.session.scalar(select(User).where(User.username == "admin.dua"))
    assert [(r.role, r.region_code) for r in user.roles] == [("admin", "62.02")]
    assert audit_actions("admin.dua") == ["user.created"]
    client = demo_app.test_client()
    assert sign_in(client, "admin.dua", "Sandi-admin-kuat-7").status_code == 302
    assert client.get("/pengaturan/62.02").status_code == 200


def test_create_admin_prompts_twice_for_the_password(demo_app):
    result = _admin(demo_app, "--kabupaten", "53.03", "--username", "admin.tiga",
                    password="Sandi-admin-kuat-7\nSandi-admin-kuat-7\n")
    assert result.exit_code == 0, result.output
    assert "Ulangi kata sandi" in result.output


def test_create_admin_refuses_weak_passwords_unknown_kabupaten_and_taken_names(demo_app):
    cases = [
        (["--kabupaten", "62.02", "--username", "admin.dua"], "password123\n", "terlalu umum"),
        (["--kabupaten", "62.02", "--username", "admin.dua"], "pendek\n", "minimal 8 karakter"),
        (["--kabupaten", "99.99", "--username", "admin.dua"], "Sandi-admin-kuat-7\n", "bukan kabupaten/kota"),
        (["--kabupaten", "62.02.01", "--username", "admin.dua"], "Sandi-admin-kuat-7\n", "bukan kabupaten/kota"),
        (["--kabupaten", "62.02", "--username", "admin.kotim"], "Sandi-admin-kuat-7\n", "sudah dipakai"),
    ]
    before = db.session.scalar(select(func.count(User.id)))
    for args, password, message in cases:
        result = _admin(demo_app, *args, "--password-stdin", password=password)
        assert result.exit_code == 1 and message in result.output, (args, result.output)
    assert db.session.scalar(select(func.count(User.id))) == before


def test_seed_demo_refuses_in_production(app):
    app.config["ENV_NAME"] = "production"
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code == 1 and "tidak dimuat di produksi" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0
