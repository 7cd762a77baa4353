"""Nomor surat: one per document, from its body's counter for the year, never reused, safe under
simultaneous requests; printed on the undangan, the laporan kegiatan and the approved plan, and shown on
the verification page."""
from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.meetings.helpers import actor, make_meeting, today_local
from tests.workplans.helpers import make_plan
from webapp.documents import numbering, queries as documents
from webapp.documents.models import DocumentNumber
from webapp.extensions import db
from webapp.meetings import services
from webapp.regions import number_pattern
from webapp.regions.models import KabupatenSetting
from webapp.workplans import services as plans

YEAR = dt.datetime.now(dt.UTC).year


def _pdf(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages).split())


def test_a_pattern_fills_in_and_bad_patterns_are_refused():
    day = dt.date(2026, 12, 1)
    assert numbering.formatted("400.5.9/{n}/Pokjanal/{yyyy}", 7, day) == "400.5.9/7/Pokjanal/2026"
    assert numbering.formatted("005/{n}/{bulan}/{yyyy}", 12, day) == "005/12/XII/2026"
    assert "harus memuat {n}" in number_pattern.pattern_problem("400.5.9/Pokjanal/{yyyy}")
    assert "{tahun} tidak dikenal" in number_pattern.pattern_problem("{n}/{tahun}")
    assert number_pattern.pattern_problem("{n}/{yyyy}") == ""


def test_each_body_counts_on_its_own_and_a_document_keeps_its_number(demo_app):
    first = numbering.assign("undangan", 1, "62.02.01")
    second = numbering.assign("undangan", 2, "62.02.01")
    other_body = numbering.assign("undangan", 3, "62.02.02")
    again = numbering.assign("undangan", 1, "62.02.01")
    db.session.commit()
    assert (first, second, other_body) == (f"400.5.9/1/Pokjanal/{YEAR}", f"400.5.9/2/Pokjanal/{YEAR}",
                                           f"400.5.9/1/Pokjanal/{YEAR}")
    assert again == first  # issued once: a second call never takes a new number
    next_year = numbering.assign("undangan", 4, "62.02.01", dt.datetime(YEAR + 1, 3, 1))
    assert next_year == f"400.5.9/1/Pokjanal/{YEAR + 1}"


def test_simultaneous_requests_never_share_a_number(demo_app):
    """Eight requests take numbers of one body at once, each in its own session and transaction."""
    results, errors, start = [], [], threading.Barrier(8)

    def take(subject: int) -> None:
        with demo_app.app_context():
            try:
                start.wait()
                results.append(numbering.assign("laporan_kegiatan", subject, "62.02.01"))
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=take, args=(100 + n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    seqs = sorted(db.session.scalars(select(DocumentNumber.seq).where(DocumentNumber.region_code == "62.02.01")))
    assert seqs == list(range(1, 9)) and len(set(results)) == 8


def test_the_undangan_gets_its_number_when_issued_and_prints_it(demo_client, login_as):
    setting = db.session.get(KabupatenSetting, "62.02")
    setting.number_pattern = "005/{n}/Pokjanal-KB/{bulan}/{yyyy}"
    db.session.commit()
    meeting = make_meeting(day=today_local() + dt.timedelta(days=1), end=dt.time(12, 0))
    login_as(demo_client, "pokjanal.kotabesi")
    draft = _pdf(demo_client, f"/rapat/{meeting.id}/undangan.pdf")
    assert "DRAF" in draft and "diisi saat diterbitkan" in draft and "Nomor : 005/" not in draft

    demo_client.post(f"/rapat/{meeting.id}/undangan/ajukan")  # the secretariat prepares; the camat signs
    assert documents.latest("undangan", meeting.id) is None and db.session.scalar(select(DocumentNumber.id)) is None
    login_as(demo_client, "camat.kotabesi")
    response = demo_client.post(f"/rapat/{meeting.id}/undangan/setujui", follow_redirects=True)
    assert "Undangan diterbitkan dengan nomor 005/1/Pokjanal-KB/" in response.get_data(as_text=True)
    text = _pdf(demo_client, f"/rapat/{meeting.id}/undangan.pdf")
    number = documents.latest("undangan", meeting.id).number
    assert number.startswith("005/1/Pokjanal-KB/") and number in text
    for part in ("Sifat : Biasa", "Perihal : Undangan Rapat Koordinasi", "Kepada", "Yth.", "Aula Kantor Camat Kota Besi",
                 "09.35 s.d. 12.00 WIB", "1. Laporan Posyandu", "2. Rencana BPB", "Kota Besi, ", "/verifikasi/"):
        assert part in text, part
    assert "DRAF" not in text

    demo_client.post(f"/rapat/{meeting.id}/undangan/ubah")  # re-issued after a change: same number, new version
    demo_client.post(f"/rapat/{meeting.id}/undangan/ajukan")
    demo_client.post(f"/rapat/{meeting.id}/undangan/setujui")
    latest = documents.latest("undangan", meeting.id)
    assert latest.version == 2 and latest.number == number
    page = demo_client.get(f"/verifikasi/{latest.code}").get_data(as_text=True)
    assert "Surat Undangan" in page and number in page


def test_only_who_runs_the_meeting_issues_the_undangan(demo_client, login_as):
    meeting = make_meeting()
    login_as(demo_client, "kader.palangan")  # an invitee: sees the meeting, does not run it
    assert demo_client.post(f"/rapat/{meeting.id}/undangan/ajukan").status_code == 403
    login_as(demo_client, "pokjanal.kotabesi")
    assert demo_client.post("/rapat/987654/undangan/ajukan").status_code == 404
    assert db.session.scalar(select(DocumentNumber.id)) is None


def test_the_laporan_kegiatan_and_the_approved_plan_carry_their_number(demo_client, login_as):
    meeting = make_meeting(title="Bimtek Kader Posyandu ILP")
    meeting.kind = "bimtek"
    db.session.commit()
    services.advance(actor("pokjanal.kotabesi"), meeting, "circulate")
    services.advance(actor("camat.kotabesi"), meeting, "finalize")
    plan = make_plan(submit=True)
    plans.approve(actor("kades.palangan"), plan, "", None)
    plans.approve(actor("camat.kotabesi"), plan, "", None)  # the endorsement keeps the number

    login_as(demo_client, "pokjanal.kotabesi")
    report = _pdf(demo_client, f"/rapat/{meeting.id}/notulen.pdf")
    assert "LAPORAN PELAKSANAAN KEGIATAN" in report.upper() and f"Nomor: 400.5.9/1/Pokjanal/{YEAR}" in report
    page = demo_client.get(f"/verifikasi/{documents.latest('notulen', meeting.id).code}").get_data(as_text=True)
    assert "<dd>Laporan Pelaksanaan Kegiatan</dd>" in page and f"400.5.9/1/Pokjanal/{YEAR}" in page
    login_as(demo_client, "pokja.palangan")
    printed = _pdf(demo_client, f"/rencana-kerja/{plan.id}.pdf")
    assert f"Nomor: 400.5.9/1/Pokjanal/{YEAR}" in printed  # the desa body's own counter
    versions = [documents.latest("rencana_kerja", plan.id)]
    assert versions[0].version == 2 and versions[0].number == f"400.5.9/1/Pokjanal/{YEAR}"


@pytest.mark.parametrize("pattern,message", [("400.5.9/Pokjanal", "harus memuat {n}"), ("{n}/{tahun}", "tidak dikenal")])
def test_the_settings_refuse_a_pattern_that_cannot_number(demo_client, login_as, pattern, message):
    login_as(demo_client, "admin.kotim")
    page = demo_client.get("/pengaturan/62.02")
    assert page.status_code == 200
    form = {"body_name": "Pokjanal Posyandu", "place_of_signing": "Sampit", "paper_size": "F4", "letterhead": "KOP",
            "report_due_day": "5", "number_pattern": pattern}
    response = demo_client.post("/pengaturan/62.02", data=form)
    body = response.get_data(as_text=True)
    assert message in body and pattern in body  # the message by the field, what was typed kept
    assert db.session.get(KabupatenSetting, "62.02").number_pattern == "400.5.9/{n}/Pokjanal/{yyyy}"
