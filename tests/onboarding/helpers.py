"""Spreadsheets made in the test, as a Dinkes would fill them, and the upload they go through."""
import io

from openpyxl import Workbook
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.onboarding.models import ImportBatch
from webapp.regions.models import Posyandu

HEADER = ["Nama Posyandu", "Kode desa/kelurahan", "Dusun/RW", "Hari buka", "Nomor registrasi", "SK nomor",
          "SK tanggal", "Strata"]
ROWS = [
    ["Posyandu Anggrek", "62.02.01.2003", "Dusun II / RW 02", "selasa minggu ke 2", "6202012003101",
     "141/101/SK/2025", "15/01/2025", "madya"],
    ["Posyandu Teratai", "62.02.01.2004", "RW 05", "Kamis minggu ke-3", "", "", "", ""],
]


def xlsx(rows=ROWS, header=HEADER, edit=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Posyandu"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if edit:
        edit(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows=ROWS, header=HEADER, delimiter=";") -> bytes:
    lines = [delimiter.join(header)] + [delimiter.join(str(v) for v in row) for row in rows]
    return ("\ufeff" + "\r\n".join(lines)).encode()


def upload(client, data: bytes, filename: str = "posyandu.xlsx"):
    return client.post("/impor/posyandu", data={"file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def preview_id(client, data: bytes, filename: str = "posyandu.xlsx") -> int:
    response = upload(client, data, filename)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def imported(client, data: bytes, filename: str = "posyandu.xlsx") -> int:
    batch_id = preview_id(client, data, filename)
    response = client.post(f"/impor/{batch_id}/simpan")
    assert response.status_code == 302, response.get_data(as_text=True)
    return batch_id


def counts() -> tuple[int, int]:
    return (db.session.scalar(select(func.count(Posyandu.id))), db.session.scalar(select(func.count(ImportBatch.id))))


def by_name(name: str) -> Posyandu | None:
    db.session.expire_all()
    return db.session.scalar(select(Posyandu).where(Posyandu.name == name))
