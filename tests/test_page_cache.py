"""Kept pages (webapp/page_cache.py): reused only while the session, the URL, the data and the hour are
as they were; any committed write, from any worker and by any path, renders them afresh."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select, text, update

from tests.conftest import test_config as config_for
from tests.test_request_cost import statements
from webapp import create_app, page_cache
from webapp.extensions import db
from webapp.regions.models import Region


@pytest.fixture
def demo(full_demo):
    return full_demo


@pytest.fixture
def sign_in(login_as):
    """Sign a client in and make its first request, which settles the session (CSRF token, sign-in
    time): an answer that changed the session is never kept."""
    def settle(client, username):
        login_as(client, username)
        assert client.get("/kotak-keluar").status_code == 200
    return settle


def _statements(client, path: str) -> tuple[str, int]:
    """The page's text and the SQL statements its request ran."""
    with statements() as seen:
        response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True), len(seen)


def _stamp() -> int:
    db.session.commit()  # the test's own read transaction would keep an old snapshot
    stamp = db.session.scalar(text("SELECT stamp FROM data_stamp WHERE id = 1"))
    db.session.commit()  # and, outside a request, SQLite's write lock
    return stamp


def test_a_page_seen_again_is_answered_from_memory_with_the_same_text(demo, demo_client, sign_in):
    sign_in(demo_client, "bupati.kotim")
    first, rendered = _statements(demo_client, "/pemantauan/62.02")
    again, kept = _statements(demo_client, "/pemantauan/62.02")
    assert again == first
    assert kept == 2 < rendered  # the user with grants, and the stamp


@pytest.mark.parametrize("write", ["orm", "core", "engine"])
def test_any_committed_write_renders_the_page_afresh(demo, demo_client, sign_in, write):
    sign_in(demo_client, "camat.kotabesi")
    assert "Pemantauan Kec. Kota Besi<" in demo_client.get("/pemantauan/62.02.01").get_data(as_text=True)
    before = _stamp()
    if write == "orm":
        db.session.get(Region, "62.02.01").name = "Kota Besi Baru"
        db.session.commit()
    elif write == "core":
        db.session.execute(update(Region).where(Region.code == "62.02.01").values(name="Kota Besi Baru"))
        db.session.commit()
    else:  # a CLI import writes through its own connection
        with db.engine.begin() as conn:
            conn.execute(update(Region).where(Region.code == "62.02.01").values(name="Kota Besi Baru"))
    assert _stamp() != before
    page, statements = _statements(demo_client, "/pemantauan/62.02.01")
    assert "Pemantauan Kec. Kota Besi Baru<" in page and statements > 2


def test_a_rolled_back_write_leaves_the_stamp(demo):
    before = _stamp()
    db.session.get(Region, "62.02.01").name = "Tidak jadi"
    db.session.flush()
    db.session.rollback()
    assert _stamp() == before


def test_a_write_in_another_worker_reaches_this_one(demo, demo_client, sign_in, tmp_path):
    """Two processes of gunicorn are two apps on one database: the stamp is in the database, not in memory."""
    sign_in(demo_client, "camat.kotabesi")
    demo_client.get("/pemantauan/62.02.01")
    db.session.commit()  # outside a request the test's own read holds SQLite's write lock
    other = create_app(config_for(demo.config["SQLALCHEMY_DATABASE_URI"]))
    with other.app_context():
        db.session.execute(update(Region).where(Region.code == "62.02.01").values(name="Kota Besi Lain"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    db.session.commit()
    assert "Kota Besi Lain" in demo_client.get("/pemantauan/62.02.01").get_data(as_text=True)


def test_a_page_kept_for_one_user_never_answers_another(demo, demo_app, sign_in, demo_user):
    camat, kades = demo_app.test_client(), demo_app.test_client()
    sign_in(camat, "camat.kotabesi")
    sign_in(kades, "kades.palangan")
    hello = {name: f"Halo, {demo_user(name).full_name}<" for name in ("camat.kotabesi", "kades.palangan")}
    for _ in range(2):
        mine, theirs = camat.get("/").get_data(as_text=True), kades.get("/").get_data(as_text=True)
        assert hello["camat.kotabesi"] in mine and hello["kades.palangan"] not in mine
        assert hello["kades.palangan"] in theirs and hello["camat.kotabesi"] not in theirs
    assert camat.get("/pemantauan/62.02.01").status_code == 200
    assert kades.get("/pemantauan/62.02.01").status_code == 404  # the check runs before the kept page


def test_an_htmx_fragment_and_the_full_page_are_kept_apart(demo, demo_client, sign_in):
    sign_in(demo_client, "kader.palangan")
    from tests.reports.helpers import month_text, palangan_posyandu
    path = f"/laporan/posyandu/{palangan_posyandu().id}/{month_text()}"
    full = demo_client.get(path).get_data(as_text=True)
    fragment = demo_client.get(path, headers={"HX-Request": "true", "HX-Target": "ringkasan"}).get_data(as_text=True)
    assert "<html" in full and "<html" not in fragment
    assert "<html" in demo_client.get(path).get_data(as_text=True)


def test_each_answer_of_a_kept_form_carries_new_submission_ids(demo, demo_client, sign_in):
    """Two tabs of one form must not share a client id, or the second save would be taken for a retry."""
    sign_in(demo_client, "kader.palangan")
    from tests.reports.helpers import month_text, palangan_posyandu
    path = f"/laporan/posyandu/{palangan_posyandu().id}/{month_text()}"
    ids = [re.findall(r'name="client_id"[^>]*value="([0-9a-f]{32})"', demo_client.get(path).get_data(as_text=True))
           for _ in range(3)]
    assert ids[0] and len(ids[0]) == len(ids[1]) == len(ids[2])
    assert not set(ids[0]) & set(ids[1]) and not set(ids[1]) & set(ids[2])


def test_a_flashed_message_is_shown_once_and_never_kept(demo, demo_client, sign_in):
    sign_in(demo_client, "kader.palangan")
    demo_client.get("/")
    with demo_client.session_transaction() as session:
        session["_flashes"] = [("message", "Laporan tersimpan di server.")]
    assert "Laporan tersimpan di server." in demo_client.get("/").get_data(as_text=True)
    assert "Laporan tersimpan di server." not in demo_client.get("/").get_data(as_text=True)


def test_the_next_hour_renders_afresh(demo, demo_client, sign_in, monkeypatch):
    """Every Indonesian zone turns its date on a whole UTC hour, so a kept page never outlives its date."""
    sign_in(demo_client, "camat.kotabesi")
    demo_client.get("/laporan/kelengkapan/62.02.01")
    assert _statements(demo_client, "/laporan/kelengkapan/62.02.01")[1] == 2
    later = page_cache.utcnow() + dt.timedelta(hours=1)
    monkeypatch.setattr(page_cache, "utcnow", lambda: later)
    assert _statements(demo_client, "/laporan/kelengkapan/62.02.01")[1] > 2


def test_writes_not_yet_committed_are_never_answered_from_memory(demo, demo_client, sign_in):
    sign_in(demo_client, "camat.kotabesi")
    demo_client.get("/pemantauan/62.02.01")
    db.session.execute(update(Region).where(Region.code == "62.02.01").values(name="Belum Disimpan"))
    assert "Belum Disimpan" in demo_client.get("/pemantauan/62.02.01").get_data(as_text=True)
    db.session.rollback()


def test_a_database_before_the_stamp_migration_keeps_nothing_and_fails_nothing(tmp_path):
    from flask_migrate import upgrade

    app = create_app(config_for(f"sqlite:///{tmp_path / 'old.sqlite3'}"))
    with app.app_context():
        upgrade(revision="1203_document_numbers")
        db.session.add(Region(code="99", name="Uji", level="provinsi"))
        db.session.commit()  # no stamp table to write: the commit goes through
        assert db.session.scalar(select(Region.name).where(Region.code == "99")) == "Uji"
        db.session.commit()
        upgrade(revision="head")
        db.session.get(Region, "99").name = "Uji Lagi"
        db.session.commit()
        assert db.session.scalar(text("SELECT stamp FROM data_stamp WHERE id = 1")) != 1
        db.session.remove()
        db.engine.dispose()


def test_a_phone_holding_the_page_gets_a_bodyless_304_from_any_worker(demo, demo_client, sign_in):
    sign_in(demo_client, "camat.kotabesi")
    first = demo_client.get("/pemantauan/62.02.01")
    tag = first.headers["ETag"]
    again = demo_client.get("/pemantauan/62.02.01", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.get_data() == b"" and again.headers["ETag"] == tag
    db.session.commit()
    other = create_app(config_for(demo.config["SQLALCHEMY_DATABASE_URI"]))  # another worker, nothing kept
    phone = other.test_client()
    phone.set_cookie(demo.config["SESSION_COOKIE_NAME"], demo_client.get_cookie(demo.config["SESSION_COOKIE_NAME"]).value)
    with other.app_context():
        assert phone.get("/pemantauan/62.02.01", headers={"If-None-Match": tag}).status_code == 304
        db.session.execute(update(Region).where(Region.code == "62.02.01").values(name="Kota Besi Lain"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    db.session.commit()
    changed = demo_client.get("/pemantauan/62.02.01", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag
    assert "Kota Besi Lain" in changed.get_data(as_text=True)


def test_a_page_with_submission_ids_is_never_reused_by_the_phone(demo, demo_client, sign_in):
    sign_in(demo_client, "kader.palangan")
    from tests.reports.helpers import month_text, palangan_posyandu
    path = f"/laporan/posyandu/{palangan_posyandu().id}/{month_text()}"
    assert all("ETag" not in demo_client.get(path).headers for _ in range(2))
