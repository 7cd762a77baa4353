"""Browser fixtures for the PWA tests: the live server with the test-only outbox form."""
import pytest

from tests.conftest import sign_in_page


@pytest.fixture
def outbox_server(live_server):
    """The live server with /uji-laporan, a form that records submissions by client_id."""
    from tests.pwa.outbox_form import bp, received

    live_server.app.register_blueprint(bp)
    with live_server.app.app_context():
        live_server.received = received()
    return live_server


@pytest.fixture
def kader(phone, outbox_server):
    """A page signed in as kader.palangan, with the service worker in control."""
    page = phone.new_page()
    signed_in(page, outbox_server.url, "kader.palangan")
    return page


def signed_in(page, url: str, login: str) -> None:
    """Sign in through the form and wait until it is done (the boosted form does not navigate)."""
    sign_in_page(page, url, login)
    page.wait_for_selector("main[data-user]")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
