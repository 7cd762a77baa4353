"""In Chromium: the app is installable, and no page breaks the Content-Security-Policy."""
import pytest

from tests.conftest import CHROMIUM
from tests.pwa.conftest import signed_in

pytestmark = pytest.mark.browser

ROLES = ["kader.palangan", "pokja.palangan", "kades.palangan", "camat.kotabesi", "pokjanal.kotim", "admin.kotim"]
SKIP = ("/keluar", "/sw.js", "/manifest.webmanifest")


def test_the_app_is_installable(_browser, live_server, tmp_path):
    """Chromium's own verdict, asked through the DevTools protocol (needs a persistent profile)."""
    context = _browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"],
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/masuk")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == [] and '"short_name": "Pokjanal"' in manifest["data"]
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == []
    finally:
        context.close()


def _pages(app) -> list[str]:
    """Every page a signed-in user can open by address: GET routes without parameters."""
    return sorted({rule.rule for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and not rule.arguments and rule.endpoint != "static"
                   and not rule.rule.startswith(SKIP) and not rule.rule.endswith((".pdf", ".csv", ".xlsx"))})


@pytest.mark.parametrize("login", ROLES)
def test_no_page_reports_a_csp_violation(phone, live_server, login):
    violations = []
    phone.add_init_script("document.addEventListener('securitypolicyviolation', e => console.error("
                          "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile))")
    page = phone.new_page()
    page.on("console", lambda m: violations.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text or "CSP violation" in m.text else None)
    signed_in(page, live_server.url, login)
    visited = 0
    for path in _pages(live_server.app):
        response = page.goto(live_server.url + path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        page.wait_for_load_state("load")
        visited += 1
    assert visited >= 4
    assert violations == []
