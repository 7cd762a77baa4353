"""Manifest, service worker, offline and outbox pages, compression and the security headers."""
import json

from webapp import create_app
from webapp.security import CSP


def test_manifest_makes_the_app_installable_in_indonesian(client):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = json.loads(response.get_data(as_text=True))
    assert manifest["short_name"] == "Pokjanal" and manifest["lang"] == "id"
    assert manifest["start_url"] == "/" and manifest["scope"] == "/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0b6e4f"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        png = client.get(icon["src"])
        assert png.status_code == 200 and png.data[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        width = int.from_bytes(png.data[16:20], "big")
        assert f"{width}x{width}" == icon["sizes"]


def test_service_worker_is_public_at_root_scope_and_never_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    first_line, _, source = response.get_data(as_text=True).partition("\n")
    config = json.loads(first_line.removeprefix("var CONFIG = ").removesuffix(";"))
    assert "/offline" in config["shell"] and "/manifest.webmanifest" in config["shell"]
    assert all("?v=" in url for url in config["shell"] if url.startswith("/static/"))
    assert len(config["version"]) == 12
    assert 'addEventListener("fetch"' in source and 'addEventListener("sync"' in source


def test_cache_names_change_when_an_asset_changes(app, tmp_path, monkeypatch):
    before = json.loads(app.test_client().get("/sw.js").get_data(as_text=True).split("\n")[0][13:-1])["version"]
    monkeypatch.setattr("webapp.assets._digest", lambda path, mtime: "0123456789")
    app.extensions["asset_urls"].clear()  # a changed file is deployed with a restart
    after = json.loads(app.test_client().get("/sw.js").get_data(as_text=True).split("\n")[0][13:-1])["version"]
    assert before != after


def test_offline_page_is_public_and_holds_nobodys_data(client):
    page = client.get("/offline").get_data(as_text=True)
    assert "Anda sedang offline" in page and "Kotak keluar" in page
    assert "data-user" not in page and "data-offline-page" in page


def test_outbox_page_is_refused_to_anonymous_visitors(client):
    assert client.get("/kotak-keluar").headers["Location"].startswith("/masuk")


def test_outbox_page_for_a_signed_in_user(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    page = demo_client.get("/kotak-keluar").get_data(as_text=True)
    assert "<h1>Kotak keluar</h1>" in page and "data-outbox-list" in page
    assert "Kotak keluar memerlukan JavaScript" in page  # the no-JS message
    assert 'data-user="' in page


def test_every_page_links_the_manifest_and_loads_the_outbox_script(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    page = demo_client.get("/").get_data(as_text=True)
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert "/static/js/outbox.js?v=" in page and '"historyCacheSize":0' in page


def test_security_headers_and_hsts_only_in_production(client, tmp_path):
    response = client.get("/masuk")
    assert response.headers["Content-Security-Policy"] == CSP
    assert "script-src 'self'" in CSP and "frame-ancestors 'none'" in CSP and "unsafe" not in CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers
    production = create_app({"ENV_NAME": "production", "HSTS": True, "SECRET_KEY": "x" * 32, "TESTING": True,
                             "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}"})
    hsts = production.test_client().get("/offline").headers["Strict-Transport-Security"]
    assert hsts.startswith("max-age=31536000")


def test_logging_out_clears_the_browser_cache(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    response = demo_client.post("/keluar")
    assert response.headers["Clear-Site-Data"] == '"cache"'
    assert "Clear-Site-Data" not in demo_client.get("/masuk").headers


def test_versioned_static_files_are_the_same_for_everyone_and_carry_no_page_headers(demo_client, login_as):
    login_as(demo_client, "kader.palangan")
    home = demo_client.get("/").get_data(as_text=True)
    script = home.split('<script src="')[-1].split('"')[0]
    assert "/static/js/outbox.js?v=" in script
    response = demo_client.get(script, headers={"Accept-Encoding": "gzip"})
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Cookie" not in response.headers.get("Vary", "") and "Set-Cookie" not in response.headers
    assert "Content-Security-Policy" not in response.headers and "Content-Disposition" not in response.headers
    assert "Last-Modified" not in response.headers and response.headers["ETag"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    page = demo_client.get("/")
    assert "Cookie" in page.headers["Vary"] and "Content-Security-Policy" in page.headers


def test_the_replay_token_is_fresh_for_the_signed_in_account_and_never_cached(demo_app, login_as, demo_user):
    demo_app.config["WTF_CSRF_ENABLED"] = True
    client = demo_app.test_client()
    anonymous = client.get("/token")
    assert anonymous.status_code == 302 and "/masuk" in anonymous.headers["Location"]
    login_as(client, "kader.palangan")
    answer = client.get("/token")
    assert answer.headers["Cache-Control"] == "no-store"
    body = answer.get_json()
    assert body["user"] == str(demo_user("kader.palangan").id)
    # A made-up token is refused; the fresh one is taken by a protected POST (sign-out here).
    assert client.post("/keluar", headers={"X-CSRFToken": "basi"}).status_code == 400
    assert client.get("/token").get_json()["csrf_token"]
    signed_out = client.post("/keluar", headers={"X-CSRFToken": body["csrf_token"]})
    assert signed_out.status_code in (302, 303) and client.get("/token").status_code == 302
