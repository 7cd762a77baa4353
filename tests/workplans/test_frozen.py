"""Signed means frozen (issue 22): an approved plan prints only what its signing froze, whatever is renamed,
realised or edited afterwards; realisation is its own live report; the verification page shows the frozen
figures a reader holds a paper copy against."""
from __future__ import annotations

import json
import subprocess

from sqlalchemy import select

from tests.workplans.helpers import actor, line_data, make_plan
from webapp.auth.models import User
from webapp.documents import queries as documents, services as signing
from webapp.extensions import db
from webapp.mitra.demo import find
from webapp.regions.models import Posyandu, Region
from webapp.workplans import services
from webapp.workplans.printing import KIND


def _text(response) -> str:
    """The PDF as pdftotext reads it (layout kept), so a changed cell anywhere shows."""
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.data, capture_output=True,
                          check=True).stdout.decode()


def _signed_plan():
    """A Palangan plan: Dana Desa PMT carried by PKM Kota Besi at a Posyandu; APBD kabupaten kelas ibu carried
    by Dinkes; approved by the kades."""
    plan = make_plan(lines=0)
    who = actor("pokja.palangan")
    services.save_line(who, plan, None, line_data(plan.region_code, activity="PMT lokal balita",
                                                  mitra_id=find("62.02", "PKM Kota Besi").id), None)
    services.save_line(who, plan, None, line_data(plan.region_code, activity="Kelas ibu balita", budget=2_000_000,
                                                  funding_source="apbd_kab", spm_field="pendidikan",
                                                  location=f"r:{plan.region_code}",
                                                  mitra_id=find("62.02", "Dinkes").id), None)
    services.submit(who, plan, None)
    services.approve(actor("kades.palangan"), plan, "", None)
    return plan


def test_a_signed_plan_prints_the_same_after_every_reachable_change(demo_client, login_as):
    plan = _signed_plan()
    posyandu = plan.lines[0].posyandu
    login_as(demo_client, "pokja.palangan")
    before = _text(demo_client.get(f"/rencana-kerja/{plan.id}.pdf"))
    document = documents.latest(KIND, plan.id)
    flat = " ".join(before.split())
    for printed in ("PKM Kota Besi", posyandu.name, "Pemerintah Desa Palangan", "Dinkes", "1.500.000", "2.000.000"):
        assert printed in flat, printed

    # everything reachable changes: partners and places renamed, people renamed, realisation recorded
    find("62.02", "PKM Kota Besi").short_name = "UPTD Puskesmas Kobes"
    find("62.02", "Dinkes").short_name = "Dinas Kesehatan P2KB"
    db.session.get(Posyandu, posyandu.id).name = "Posyandu Nama Baru"
    db.session.get(Region, plan.region_code).name = "Palangan Raya"
    for username in ("pokja.palangan", "kades.palangan"):
        db.session.scalar(select(User).where(User.username == username)).full_name = f"Nama Baru {username}"
    db.session.commit()
    line = plan.lines[0]
    services.record_progress(actor("dinkes.kotim"), line, {"progress": "selesai", "spent": 1_400_000,
                                                           "output_achieved": "PMT 90 hari untuk 14 balita"})
    edit = demo_client.post(f"/rencana-kerja/{plan.id}/kegiatan/{line.id}", data={
        "activity": "Diubah setelah ditandatangani", "spm_field": "kesehatan", "budget": "9.000.000",
        "funding_source": "dd", "location": f"r:{plan.region_code}", "months": ["1"]})
    assert edit.status_code in (403, 409)  # the approved plan stays locked

    after = _text(demo_client.get(f"/rencana-kerja/{plan.id}.pdf"))
    assert after == before
    db.session.expire_all()
    again = documents.latest(KIND, plan.id)
    assert again.id == document.id and again.content_sha256 == document.content_sha256
    assert signing.digest(json.loads(again.content)) == again.content_sha256

    report = " ".join(_text(demo_client.get(f"/rencana-kerja/{plan.id}/realisasi.pdf")).split())
    assert "LAPORAN REALISASI RENCANA KERJA" in report and "Keadaan per" in report
    assert "PMT 90 hari untuk 14 balita" in report and "1.400.000" in report and "Selesai" in report
    assert "UPTD Puskesmas Kobes" in report  # the live report names partners as they are today
    assert document.number and document.number in report
    detail = demo_client.get(f"/rencana-kerja/{plan.id}").get_data(as_text=True)
    assert f"/rencana-kerja/{plan.id}/realisasi.pdf" in detail


def test_the_verification_page_shows_the_frozen_figures_not_the_live_ones(demo_client):
    plan = _signed_plan()
    code = documents.latest(KIND, plan.id).code
    plan.lines[1].budget = 7_000_000  # even a direct change of the rows does not reach the page
    db.session.commit()
    html = " ".join(demo_client.get(f"/verifikasi/{code}").get_data(as_text=True).split())
    assert "<dt>Jumlah kegiatan</dt><dd class=\"figure\">2</dd>" in html
    assert "<dt>Anggaran Dana Desa</dt><dd class=\"figure\">Rp 1.500.000</dd>" in html
    assert "<dt>Anggaran APBD kabupaten</dt><dd class=\"figure\">Rp 2.000.000</dd>" in html
    assert "<dt>Jumlah anggaran</dt><dd class=\"figure\">Rp 3.500.000</dd>" in html and "7.000.000" not in html


def test_the_realisation_report_is_for_approved_plans_in_scope_only(demo_client, login_as):
    plan = _signed_plan()
    draft = make_plan(region_code="62.02.01.2004", drafter="pokja.hanjalipan")
    login_as(demo_client, "pokja.hanjalipan")
    assert demo_client.get(f"/rencana-kerja/{draft.id}/realisasi.pdf").status_code == 404  # not approved
    for who in ("kades.hanjalipan", "camat.kefamenanu", "kader.palangan"):  # another desa, kabupaten, lower role
        login_as(demo_client, who)
        assert demo_client.get(f"/rencana-kerja/{plan.id}/realisasi.pdf").status_code == 404, who
    login_as(demo_client, "camat.kotabesi")
    assert demo_client.get(f"/rencana-kerja/{plan.id}/realisasi.pdf").status_code == 200


def test_a_plan_signed_before_whole_rows_were_frozen_still_prints_and_verifies_its_frozen_values(demo_client,
                                                                                                  login_as):
    plan = _signed_plan()
    document = documents.latest(KIND, plan.id)
    content = json.loads(document.content)
    content["lines"] = [[f"Lama {row['activity']}", row["indicator"], row["target_value"], "Lokasi lama",
                         row["schedule_label"], row["person_in_charge"], row["source_label"], row["budget"]]
                        for row in content["lines"]]  # the first frozen format: a list per line
    del content["heading"]
    document.content, document.content_sha256 = signing.canonical(content), signing.digest(content)
    db.session.commit()
    login_as(demo_client, "pokja.palangan")
    text = " ".join(_text(demo_client.get(f"/rencana-kerja/{plan.id}.pdf")).split())
    assert "Lama PMT lokal balita" in text and "Lokasi lama" in text and "PKM Kota Besi" in text
    html = " ".join(demo_client.get(f"/verifikasi/{document.code}").get_data(as_text=True).split())
    assert "<dt>Jumlah anggaran</dt><dd class=\"figure\">Rp 3.500.000</dd>" in html
