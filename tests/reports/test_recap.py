"""Completeness and recap: on time / late / missing, sums where blank stays blank, ratios, exports, PDF."""
import csv
import datetime as dt
import io

from openpyxl import load_workbook
from pypdf import PdfReader

from webapp.extensions import db
from webapp.lembaga.demo import seed_lembaga
from webapp.regions.models import Region
from webapp.reports import recap, services

from .helpers import actor, fill, last_month, month_text, new_id, palangan_posyandu


def _second_posyandu():
    from sqlalchemy import select

    from webapp.regions.models import Posyandu

    first = palangan_posyandu()
    return db.session.scalar(select(Posyandu).where(Posyandu.region_code == first.region_code,
                                                    Posyandu.id != first.id).order_by(Posyandu.id))


def _two_reports(dewasa_second=None):
    """Both Palangan Posyandu report; the first leaves dewasa blank, the second as given."""
    from tests.factories import make_user
    from webapp.access import Actor

    year, month = last_month()
    first, second = palangan_posyandu(), _second_posyandu()
    other = Actor(make_user("kader", second.region_code, posyandu=second))
    fill(actor("kader.palangan"), first, year, month, dewasa_target=None, dewasa_served=None, balita_s=40,
         balita_d=30, balita_n=20, balita_k=36, measured=30, stunted=6)
    fill(other, second, year, month, dewasa_target=dewasa_second, dewasa_served=dewasa_second, balita_s=60,
         balita_d=45, balita_n=30, balita_k=50, measured=40, stunted=8, balita_served=40)
    for who, posyandu in ((actor("kader.palangan"), first), (other, second)):
        services.submit(who, posyandu, year, month, new_id(), confirmed=True)
    return year, month


def test_blank_stays_blank_in_sums_and_zero_stays_zero(demo_app):
    year, month = _two_reports(dewasa_second=None)
    kotabesi = db.session.get(Region, "62.02.01")
    rows, total = recap.recap(actor("camat.kotabesi"), kotabesi, year, month)
    assert total.reports == 2 and total.sums["dewasa_target"] is None and total.sums["balita_s"] == 100
    assert recap.add(None, 0) == 0 and recap.add(None, None) is None and recap.add(2, None) == 2


def test_ratios_come_from_the_sums(demo_app):
    year, month = _two_reports(dewasa_second=0)
    rows, total = recap.recap(actor("camat.kotabesi"), db.session.get(Region, "62.02.01"), year, month)
    assert total.sums["dewasa_target"] == 0
    assert total.ratios == {"ds": 75 / 100, "ks": 86 / 100, "nd": 50 / 75, "stunting": 14 / 70, "ns": 50 / 100,
                            "dk": 75 / 86}
    assert [r.label for r in rows if r.reports] == ["Palangan"]
    assert len(rows) == 11 and all(r.sums["balita_s"] is None for r in rows if not r.reports)  # every desa listed


def test_each_tier_sees_only_its_subtree(demo_app):
    year, month = _two_reports()
    kotabesi = db.session.get(Region, "62.02.01")
    _, total = recap.recap(actor("camat.baamang"), kotabesi, year, month)
    assert total.reports == 0


def test_completeness_counts_on_time_late_and_missing(demo_app):
    year, month = _two_reports()
    next_year, next_month = year + (month == 12), month % 12 + 1
    on_time = services.queries.find_report(palangan_posyandu(), year, month)
    on_time.first_submitted_at = dt.datetime(next_year, next_month, 5, 16, 59)  # 23.59 WIB on the 5th
    late = services.queries.find_report(_second_posyandu(), year, month)
    late.first_submitted_at = dt.datetime(next_year, next_month, 5, 17, 1)  # 00.01 WIB on the 6th
    db.session.commit()
    rows, total = recap.completeness(actor("pokja.palangan"), db.session.get(Region, "62.02.01.2003"), year, month)
    assert [r.state for r in rows[:2]] == ["tepat", "terlambat"]
    assert (total.on_time, total.late, total.missing) == (1, 1, total.total - 2)
    rows, total = recap.completeness(actor("camat.kotabesi"), db.session.get(Region, "62.02.01"), year, month)
    palangan = next(r for r in rows if r.key == "62.02.01.2003")
    assert (palangan.on_time, palangan.late) == (1, 1) and total.missing == total.total - 2


def _completeness_by_hand(who, region, year, month):
    """The definition, Posyandu by Posyandu: (child, on time, late, missing) and the due moment's edges."""
    from sqlalchemy import select

    from webapp.regions.models import Posyandu
    from webapp.regions.queries import setting_for
    from webapp.reports.periods import due_at

    setting = setting_for(region.code)
    due = due_at(year, month, setting.report_due_day, setting.timezone)
    counts = {}
    for posyandu in db.session.scalars(select(Posyandu).where(Posyandu.is_active, Posyandu.region_code.startswith(
            region.code + "."), who.where_posyandu("report.view", Posyandu.id, Posyandu.region_code))):
        report = services.queries.find_report(posyandu, year, month)
        sent = report.first_submitted_at if report else None
        child = ".".join(posyandu.region_code.split(".")[:region.code.count(".") + 2])
        on_time, late, missing = counts.get(child, (0, 0, 0))
        counts[child] = (on_time + (sent is not None and sent <= due), late + (sent is not None and sent > due),
                         missing + (sent is None))
    return counts


def test_completeness_counted_in_sql_agrees_with_the_definition_at_every_tier(demo_app):
    """Counted in SQL per region: the same on time / late / missing as judging each Posyandu's month,
    a report sent at the due moment itself on time and one a second later late."""
    from webapp.reports.periods import due_at

    year, month = _two_reports()
    due = due_at(year, month, 5, "Asia/Jakarta")
    services.queries.find_report(palangan_posyandu(), year, month).first_submitted_at = due
    services.queries.find_report(_second_posyandu(), year, month).first_submitted_at = due + dt.timedelta(seconds=1)
    db.session.commit()
    for login, code in (("camat.kotabesi", "62.02.01"), ("bupati.kotim", "62.02"), ("pokjanal.kotim", "62.02")):
        who, region = actor(login), db.session.get(Region, code)
        for shift in (0, 1, 3):
            y, m = (year, month - shift) if month > shift else (year - 1, month - shift + 12)
            rows, total = recap.completeness(who, region, y, m)
            assert {r.key: (r.on_time, r.late, r.missing) for r in rows} == _completeness_by_hand(who, region, y, m)
            assert (total.on_time, total.late, total.missing) == tuple(
                sum(r[i] for r in _completeness_by_hand(who, region, y, m).values()) for i in range(3))
    palangan = next(r for r in recap.completeness(actor("camat.kotabesi"), db.session.get(Region, "62.02.01"),
                                                  year, month)[0] if r.key == "62.02.01.2003")
    assert (palangan.on_time, palangan.late) == (1, 1)


def test_completeness_and_recap_pages_by_tier(demo_client, login_as):
    _two_reports()
    login_as(demo_client, "camat.kotabesi")
    page = demo_client.get(f"/laporan/kelengkapan/62.02.01?bulan={month_text()}").get_data(as_text=True)
    assert "Palangan" in page and "Hanjalipan" in page and "2 dari" in page
    recap_page = demo_client.get(f"/laporan/rekap/62.02.01?bulan={month_text()}").get_data(as_text=True)
    assert "75,0 %" in recap_page  # D/S of the kecamatan
    login_as(demo_client, "camat.baamang")
    assert demo_client.get(f"/laporan/rekap/62.02.01?bulan={month_text()}").status_code == 404
    login_as(demo_client, "kader.palangan")  # recaps do not exist for a kader, of her desa or another
    assert demo_client.get(f"/laporan/rekap/62.02.01.2003?bulan={month_text()}").status_code == 404
    assert demo_client.get(f"/laporan/rekap/62.02.01.2004?bulan={month_text()}").status_code == 404
    assert demo_client.get(f"/laporan/kelengkapan/62.02.01.2004?bulan={month_text()}").status_code == 404
    login_as(demo_client, "pokja.palangan")
    assert demo_client.get("/laporan/rekap/62.02.01.2003?bulan=2026-13").status_code == 404


def test_exports_hold_the_same_numbers_and_keep_blanks(demo_client, login_as):
    _two_reports()
    login_as(demo_client, "camat.kotabesi")
    xlsx = demo_client.get(f"/laporan/rekap/62.02.01/{month_text()}.xlsx")
    assert xlsx.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(xlsx.data))
    assert book.sheetnames == ["Rekap", "Keterangan"]
    sheet = book["Rekap"]
    header = [c.value for c in sheet[1]]
    total = [c.value for c in sheet[sheet.max_row]]
    assert total[0] == "Jumlah" and total[header.index("S")] == 100 and total[header.index("D")] == 75
    assert total[header.index("Usia dewasa 18–59 tahun sasaran")] is None  # blank, not 0
    assert total[header.index("D/S (%)")] == 75.0 and all("%" in h for h in header[-4:])
    palangan = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "Palangan")
    assert palangan[1] == "62.02.01.2003"  # the region's code, not an internal id
    notes = dict(book["Keterangan"].iter_rows(values_only=True))
    assert notes["Judul"] == "Rekap laporan bulanan Posyandu" and notes["Wilayah"].startswith("Kecamatan Kota Besi")
    assert isinstance(notes["Dicetak (WIB)"], dt.datetime)
    answer = demo_client.get(f"/laporan/rekap/62.02.01/{month_text()}.csv")
    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"  # one charset, once
    assert answer.data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig")), delimiter=";"))
    assert lines[-1][lines[0].index("S")] == "100" and lines[-1][lines[0].index("Usia dewasa 18–59 tahun sasaran")] == ""
    assert lines[-1][lines[0].index("D/S (%)")] == "75,0"  # decimal comma for Indonesian Excel
    machine = demo_client.get(f"/laporan/rekap/62.02.01/{month_text()}.csv?untuk=mesin")
    rows = list(csv.reader(io.StringIO(machine.data.decode("utf-8"))))
    assert not machine.data.startswith(b"\xef") and rows[-1][rows[0].index("D/S (%)")] == "75.0"
    raw = load_workbook(io.BytesIO(demo_client.get(f"/laporan/data/62.02.01/{month_text()}.xlsx").data))["Laporan"]
    header = [c.value for c in raw[1]]
    assert raw.max_row == 3 and sorted(r[header.index("S")].value for r in raw.iter_rows(min_row=2)) == [40, 60]
    sent = raw.cell(row=2, column=header.index("Dikirim pertama (WIB)") + 1)
    assert isinstance(sent.value, dt.datetime) and sent.number_format == "dd/mm/yyyy hh:mm"
    assert raw.cell(row=2, column=header.index("No. registrasi Posyandu") + 1).value.startswith("6202012003")


def test_desa_recap_names_posyandu_by_registration_number(demo_client, login_as):
    _two_reports()
    login_as(demo_client, "pokja.palangan")
    sheet = load_workbook(io.BytesIO(demo_client.get(f"/laporan/rekap/62.02.01.2003/{month_text()}.xlsx").data))["Rekap"]
    codes = [r[1] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] != "Jumlah"]
    assert codes and all(code.startswith("6202012003") for code in codes)


def test_the_recap_pdf_is_the_tiers_signed_report(demo_client, login_as):
    seed_lembaga()
    _two_reports()
    login_as(demo_client, "pokjanal.kotabesi")
    answer = demo_client.get(f"/laporan/rekap/62.02.01/{month_text()}.pdf")
    assert answer.headers["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR KECAMATAN KOTA BESI" in text  # the kecamatan's own kop
    assert "REKAPITULASI LAPORAN BULANAN POSYANDU Pokjanal Posyandu Kecamatan Kota Besi Bulan" in text
    assert "Kec. " not in text and "75,0 %" in text and "D/S (%)" in text
    assert "2 dari 27 Posyandu melapor" in text
    for desa in ("Bajarum", "Camba", "Soren", "Kota Besi Hulu"):  # no reports, still listed
        assert desa in text, desa
    assert "Sumber data: laporan bulanan Posyandu" in text and "dicetak " in text
    assert "Mengetahui," in text and "Ahmad Yani, S.Sos" in text and "Camat Kota Besi" in text
    assert "Dibuat oleh," in text and "Sri Wahyuni" in text and "Kota Besi, " in text
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "KB dan imunisasi" in last and last.index("Sumber data") < last.index("Mengetahui,")  # never alone
    height = float(reader.pages[0].mediabox.height)
    assert round(height / 72 * 25.4) == 330  # F4 for Kotawaringin Timur


def _signature_text(client, code: str) -> str:
    answer = client.get(f"/laporan/rekap/{code}/{month_text()}.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.data)).pages).split())
    return text[text.index("Mengetahui,"):]


def test_the_recap_is_made_by_the_tiers_officer_whoever_downloads_it(demo_client, login_as):
    """"Dibuat oleh" is the body's sekretaris (else its ketua), from the members: not the account printing it."""
    seed_lembaga()
    _two_reports()
    login_as(demo_client, "camat.kotabesi")
    text = _signature_text(demo_client, "62.02.01")
    made = text[text.index("Dibuat oleh,"):]
    assert "Sri Wahyuni" in made and "Sekretaris Pokjanal Posyandu Kecamatan Kota Besi" in made
    assert "NIP. 19840517 200902 2 008" in made  # her one NIP, the account's
    assert text.count("Ahmad Yani") == 1  # the camat knows it (Mengetahui); he did not make it
    login_as(demo_client, "admin.kotim")
    made = _signature_text(demo_client, "62.02")
    assert "dr. Rudi Hartawan" in made and "Rina Hartati" not in made
    login_as(demo_client, "kades.palangan")  # a desa pokja without a sekretaris: its ketua
    made = _signature_text(demo_client, "62.02.01.2003")
    assert "Ketua Pokja Posyandu Desa Palangan" in made and "Siti Aminah" in made
    assert made.count("Marlinae") == 1


def test_first_month_is_the_kabupatens_own_oldest_report(demo_app):
    """Read from the oldest month down, it stops at the kabupaten's own first report: another kabupaten's
    older report does not move it, and its own older report does."""
    from sqlalchemy import select

    from webapp.regions.models import Posyandu
    from webapp.reports.queries import first_month

    year, month = _two_reports()
    assert first_month("62.02") == (year, month) and first_month("53.03") is None
    moved = services.queries.find_report(palangan_posyandu(), year, month)
    elsewhere = db.session.scalar(select(Posyandu).where(Posyandu.region_code.startswith("53.03.")))
    moved.posyandu_id, moved.region_code, moved.year, moved.month = elsewhere.id, elsewhere.region_code, 2001, 3
    db.session.commit()
    assert first_month("53.03") == (2001, 3) and first_month("62.02") == (year, month)
    older = services.queries.find_report(_second_posyandu(), year, month)
    older.year, older.month = 2002, 11
    db.session.commit()
    assert first_month("62.02") == (2002, 11)
