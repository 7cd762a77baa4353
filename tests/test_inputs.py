"""Bounded inputs: NUL bytes refused everywhere by one filter, absurd ids are 404, long text refused clearly."""
import re

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.inputs import NUL_MESSAGE
from webapp.regions.models import Posyandu


@pytest.mark.parametrize("method, path, data", [
    ("POST", "/masuk", {"login": "kader\x00palangan", "password": "pokjanal-demo"}),
    ("GET", "/laporan/rekap/62.02.01?bulan=2026-01\x00", None),
    ("GET", "/wilayah/62.02\x00", None),
    ("POST", "/posyandu/baru", {"name": "Melati\x00", "region_code": "62.02.01.2003"}),
])
def test_nul_bytes_are_refused_with_a_clear_message_and_nothing_saved(demo_client, login_as, method, path, data):
    login_as(demo_client, "pokja.palangan")
    before = db.session.scalar(select(func.count(Posyandu.id)))
    response = demo_client.open(path, method=method, data=data)
    assert response.status_code == 400
    assert NUL_MESSAGE in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Posyandu.id))) == before


@pytest.mark.parametrize("ident", [2**31, 2**63, 2**64 + 5, 10**40])
def test_absurd_ids_are_404(demo_client, login_as, ident):
    login_as(demo_client, "admin.kotim")
    for path in (f"/posyandu/{ident}", f"/pengguna/{ident}/status", f"/pemantauan/posyandu/{ident}"):
        method = "POST" if path.endswith("status") else "GET"
        assert demo_client.open(path, method=method).status_code == 404, path


def test_the_largest_id_still_routes(demo_client, login_as):
    login_as(demo_client, "admin.kotim")
    assert demo_client.get(f"/posyandu/{2**31 - 1}").status_code == 404  # routed, then simply unknown


def _minutes(meeting, **parts):
    item = meeting.agenda_items[0]
    data = {"opening": "Dibuka", "closing": "Ditutup", "items-0-id": item.id, "items-0-title": item.title,
            "items-0-discussion": "Bahas", "items-0-decisions": "Putus", "version": meeting.version}
    data.update(parts)
    return data


@pytest.mark.parametrize("parts, message", [
    ({"opening": "x" * 20_001}, "Maksimal 20000 karakter."),
    ({"items-0-discussion": "x" * 20_001}, "Maksimal 20000 karakter."),
    ({"opening": "x" * 20_000, "closing": "y" * 20_000, "items-0-discussion": "z" * 20_000,
      "items-0-decisions": "w" * 1_000}, "Notulen terlalu panjang: seluruh isinya maksimal 60.000 karakter."),
])
def test_minutes_past_their_bounds_are_refused_clearly_and_nothing_saved(demo_client, login_as, parts, message):
    from tests.meetings.helpers import make_meeting

    meeting = make_meeting()
    login_as(demo_client, "pokjanal.kotabesi")
    response = demo_client.post(f"/rapat/{meeting.id}/notulen", data=_minutes(meeting, **parts))
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    db.session.expire_all()
    assert meeting.opening in ("", None)


def test_a_pdf_past_its_time_budget_answers_a_clear_indonesian_error(demo_app, demo_client, login_as):
    from tests.meetings.helpers import make_meeting

    meeting = make_meeting()
    login_as(demo_client, "pokjanal.kotabesi")
    assert demo_client.post(f"/rapat/{meeting.id}/notulen", data=_minutes(meeting)).status_code == 302
    demo_app.config["PDF_TIME_BUDGET_SECONDS"] = 0.001
    response = demo_client.get(f"/rapat/{meeting.id}/notulen.pdf")
    assert response.status_code == 422
    assert "Dokumen ini terlalu besar untuk dibuat sekarang (lebih dari 0.001 detik)" in response.get_data(as_text=True)
    demo_app.config["PDF_TIME_BUDGET_SECONDS"] = 20
    assert demo_client.get(f"/rapat/{meeting.id}/notulen.pdf").mimetype == "application/pdf"  # and renders again


def test_month_navigation_ends_at_this_month_and_the_kabupatens_first_data(demo_client, login_as):
    from webapp.clock import month_key, shift_month, today_in

    login_as(demo_client, "pokjanal.kotabesi")
    today = today_in("Asia/Pontianak")
    this_month = (today.year, today.month)
    page = demo_client.get(f"/laporan/rekap/62.02.01?bulan={month_key(*this_month)}").get_data(as_text=True)
    assert 'aria-label="Bulan berikutnya"' not in page and 'aria-label="Bulan sebelumnya"' in page
    assert demo_client.get(f"/laporan/rekap/62.02.01?bulan={month_key(*shift_month(*this_month, 1))}"
                           ).status_code == 404
    assert demo_client.get("/laporan/kelengkapan/62.02.01?bulan=2001-01").status_code == 404
    assert demo_client.get("/laporan/rekap/62.02.01/2001-01.csv").status_code == 404
    visited, url = 0, f"/laporan/rekap/62.02.01?bulan={month_key(*this_month)}"
    while url and visited < 500:  # a crawler following "‹" ends by itself
        page = demo_client.get(url).get_data(as_text=True)
        found = re.search(r'href="([^"]+)" aria-label="Bulan sebelumnya"', page)
        url = found.group(1).replace("&amp;", "&") if found else None
        visited += 1
    assert 12 <= visited < 500


def test_every_route_refuses_a_nul_byte_before_its_view_runs(demo_app, login_as):
    from tests.route_samples import fill, load_domain_samples

    load_domain_samples()
    client = demo_app.test_client()
    login_as(client, "pokja.palangan")
    swept = 0
    for rule in demo_app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = rule.build(fill(rule, "62.02.01.2003")[0], append_unknown=False)[1]
        for method in sorted(rule.methods & {"GET", "POST"}):
            query = client.open(path + "?q=a%00b", method=method)
            form = client.open(path, method=method, data={"catatan": "a\x00b"}) if method == "POST" else query
            assert query.status_code == 400 and form.status_code == 400, (method, path)
            swept += 1
    assert swept > 40
