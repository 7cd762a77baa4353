"""Supervision visits: who records them, bad input saves nothing, findings followed up, coverage per quarter."""
import datetime as dt

import pytest
from sqlalchemy import func, select
from werkzeug.exceptions import Forbidden

from tests.kader.helpers import HANJALIPAN, PALANGAN, actor
from tests.pembinaan.helpers import make_finding, make_visit, visit_data
from webapp.clock import today_in
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.pembinaan import visit_services
from webapp.pembinaan.models import Finding, Visit
from webapp.pembinaan.visit_queries import coverage_by_kecamatan, open_findings, quarter_of
from webapp.refusal import Conflict, Refused


@pytest.mark.parametrize("username", ["pokjanal.kotabesi", "puskesmas.kotabesi", "pokjanal.kotim"])
def test_kecamatan_and_kabupaten_teams_record_visits(demo_app, username):
    visit = make_visit(username)
    assert visit.visitor_id == actor(username).id and visit.status == "draft"


@pytest.mark.parametrize("username", ["pokja.palangan", "kader.palangan", "admin.kotim", "camat.baamang"])
def test_others_cannot_record_a_visit(demo_app, username):
    with pytest.raises(Forbidden):
        make_visit(username)
    assert db.session.scalar(select(func.count(Visit.id))) == 0


@pytest.mark.parametrize("overrides, field", [
    ({"visited_on": dt.date.today() + dt.timedelta(days=2)}, "visited_on"),
    ({"visited_on": None}, "visited_on"),
    ({"kader_present": 500}, "kader_present"),
])
def test_bad_visit_input_is_refused_and_nothing_saved(demo_app, overrides, field):
    with pytest.raises(Refused) as refused:
        make_visit(**overrides)
    assert refused.value.field == field
    db.session.rollback()
    assert db.session.scalar(select(func.count(Visit.id))) == 0


def test_a_finding_becomes_an_action_item_followed_up_by_the_posyandu(demo_app):
    finding = make_finding()
    assert open_findings(actor("kader.palangan")) == [finding]
    assert open_findings(actor("kades.hanjalipan")) == []
    with pytest.raises(Refused, match="bukti"):
        visit_services.advance_finding(actor("kader.palangan"), finding, "finish")
    visit_services.advance_finding(actor("kader.palangan"), finding, "finish", "Dua kader sudah dilatih.")
    assert finding.status == "selesai" and finding.progress_note == "Dua kader sudah dilatih."
    assert open_findings(actor("pokja.palangan")) == []
    with pytest.raises(Forbidden):
        visit_services.advance_finding(actor("pokja.palangan"), finding, "reopen", "Belum benar")
    visit_services.advance_finding(actor("pokjanal.kotabesi"), finding, "reopen", "Belum terlihat di register")
    assert finding.status == "terbuka" and [e.action for e in finding.events] == ["finish", "reopen"]


def test_bad_findings_and_findings_on_a_final_visit_are_refused(demo_app):
    visit = make_visit()
    with pytest.raises(Refused) as refused:
        make_finding(visit, what="")
    assert refused.value.field == "what"
    with pytest.raises(Refused) as refused:
        make_finding(visit, due_on=visit.visited_on - dt.timedelta(days=1))
    assert refused.value.field == "due_on"
    visit_services.advance_visit(actor("pokjanal.kotabesi"), visit, "finalize")
    with pytest.raises(Refused, match="sudah final"):
        make_finding(visit)
    visit_services.advance_visit(actor("pokjanal.kotabesi"), visit, "reopen", "Tambah temuan")
    finding = make_finding(visit)
    visit_services.advance_finding(actor("kader.palangan"), finding, "finish", "Sudah diganti")
    with pytest.raises(Conflict, match="Selesai"):
        visit_services.advance_finding(actor("kader.palangan"), finding, "start")
    again = visit_services.advance_finding(actor("kader.palangan"), finding, "finish", "Sudah diganti")
    assert not again.changed  # a double tap says so and changes nothing


def test_quarterly_coverage_counts_each_posyandu_once(demo_app):
    make_visit()
    make_visit()  # the same Posyandu twice: still one
    make_visit(desa=HANJALIPAN)
    today = dt.date.today()
    coverage = {c.code: (c.visited, c.posyandu) for c in coverage_by_kecamatan(actor("pokjanal.kotim"), today)}
    first, _ = quarter_of(today)
    expected = 3 if (today - dt.timedelta(days=3)) >= first else 0
    assert coverage["62.02.01"][0] == min(expected, 2) and coverage["62.02.05"][0] == 0
    assert quarter_of(dt.date(2026, 11, 20)) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert quarter_of(dt.date(2026, 2, 1)) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def test_visit_pages(demo_client, login_as):
    posyandu = first_posyandu(PALANGAN)
    form = {k: ("y" if v is True else v) for k, v in visit_data().items() if v is not False}
    form["visited_on"] = form["visited_on"].isoformat()
    login_as(demo_client, "pokja.palangan")
    assert demo_client.post(f"/posyandu/{posyandu.id}/kunjungan", data=form).status_code == 403
    login_as(demo_client, "pokjanal.kotabesi")
    future = demo_client.post(f"/posyandu/{posyandu.id}/kunjungan",
                              data=form | {"visited_on": (today_in("Asia/Pontianak") + dt.timedelta(days=1)).isoformat()})
    assert future.status_code == 422 and "Tanggal kunjungan tidak boleh di masa depan." in future.get_data(as_text=True)
    answer = demo_client.post(f"/posyandu/{posyandu.id}/kunjungan", data=form)
    visit_id = int(answer.headers["Location"].rsplit("/", 1)[1])
    added = demo_client.post(f"/kunjungan/{visit_id}/temuan", data={"what": "Dacin rusak", "responsible": "Pokja desa"})
    assert added.status_code == 302
    page = demo_client.get(f"/kunjungan/{visit_id}").get_data(as_text=True)
    assert "Dacin rusak" in page and "Kunci kunjungan" in page
    assert demo_client.post(f"/kunjungan/{visit_id}/finalize").status_code == 302
    assert 'id="visit-status">Final' in demo_client.get(f"/kunjungan/{visit_id}").get_data(as_text=True)
    login_as(demo_client, "kades.hanjalipan")
    assert demo_client.get(f"/kunjungan/{visit_id}").status_code == 404
    finding_id = db.session.scalar(select(Finding.id))
    assert demo_client.post(f"/temuan/{finding_id}/finish", data={"note": "x"}).status_code == 404


def test_only_the_posyandu_and_its_bodies_close_a_finding_never_the_admin_or_another_region(demo_client, login_as):
    """Issue 23: the kabupaten admin closed supervision findings (POST /temuan/1/finish answered 302)."""
    finding_id = make_finding().id
    for who, status in (("admin.kotim", 403), ("admin.ttu", 404), ("camat.baamang", 404), ("kader.hanjalipan", 404)):
        login_as(demo_client, who)
        assert demo_client.post(f"/temuan/{finding_id}/finish", data={"note": "Selesai"}).status_code == status, who
        db.session.expire_all()
        assert db.session.get(Finding, finding_id).status == "terbuka", who
    login_as(demo_client, "kader.palangan")  # the Posyandu it is assigned to
    assert demo_client.post(f"/temuan/{finding_id}/start").status_code == 302
    login_as(demo_client, "pokja.palangan")  # a member of the Posyandu's desa body
    assert demo_client.post(f"/temuan/{finding_id}/finish", data={"note": "Dacin diganti"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Finding, finding_id).status == "selesai"
