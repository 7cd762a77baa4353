"""Every signed-in page is rendered from the database as it is now, whichever process wrote last.

Issue 23: the page cache served no kept page in a morning rush (bench/rush.py) and served stale
pages after writes from a process that did not stamp, so it was removed; these tests keep it gone.
"""
from __future__ import annotations

import pytest
from sqlalchemy import inspect, update

from tests.conftest import database_at
from tests.conftest import test_config as config_for
from webapp import create_app
from webapp.demo import seed_demo
from webapp.extensions import db
from webapp.regions.models import Region

PAGE = "/pemantauan/62.02.01"


@pytest.fixture
def camat(demo_app, login_as):
    """The camat of Kota Besi, signed in, the session settled by a first page, the dashboard seen twice."""
    seed_demo()
    client = demo_app.test_client()
    login_as(client, "camat.kotabesi")
    assert client.get("/kotak-keluar").status_code == 200
    for _ in range(2):
        assert "Pemantauan Kec. Kota Besi<" in client.get(PAGE).get_data(as_text=True)
    db.session.commit()  # outside a request the test's own read would hold SQLite's write lock
    return client


def _rename_elsewhere(app, name: str, by: str = "server", tmp_path=None) -> None:
    """Another process renames the kecamatan through its own app: a second server's request, or a CLI run."""
    other = create_app(config_for(app.config["SQLALCHEMY_DATABASE_URI"]))
    with other.app_context():
        if by == "cli":
            table = tmp_path / "wilayah.csv"
            table.write_text(f"kode,nama\n62.02.01,{name}\n", encoding="utf-8")
            result = other.test_cli_runner().invoke(args=["regions", "import", str(table)])
            assert result.exit_code == 0, result.output
        else:
            db.session.execute(update(Region).where(Region.code == "62.02.01").values(name=name))
            db.session.commit()
        db.session.remove()
        db.engine.dispose()
    db.session.commit()


@pytest.mark.parametrize("by", ["server", "cli"])
def test_a_write_from_another_process_shows_on_the_next_read(demo_app, camat, by, tmp_path):
    _rename_elsewhere(demo_app, "Kota Besi Lain", by, tmp_path)
    page = camat.get(PAGE).get_data(as_text=True)
    assert "Pemantauan Kec. Kota Besi Lain<" in page


def test_a_signed_in_page_is_never_answered_304_from_an_old_tag(demo_app, camat):
    """No validator on a signed-in page: a phone's copy is never confirmed after someone else wrote."""
    first = camat.get(PAGE)
    assert "ETag" not in first.headers
    _rename_elsewhere(demo_app, "Kota Besi Baru")
    again = camat.get(PAGE, headers={"If-None-Match": 'W/"anything", *'})
    assert again.status_code == 200 and "Pemantauan Kec. Kota Besi Baru<" in again.get_data(as_text=True)


def test_the_migration_drops_the_stamp_table_and_its_downgrade_brings_it_back(tmp_path):
    from flask_migrate import downgrade, upgrade

    with database_at(tmp_path / "stamp.sqlite3", "2311_drop_data_stamp"):
        assert "data_stamp" not in inspect(db.engine).get_table_names()
        downgrade(revision="1901_data_stamp")
        assert "data_stamp" in inspect(db.engine).get_table_names()
        upgrade(revision="2311_drop_data_stamp")
        assert "data_stamp" not in inspect(db.engine).get_table_names()
