"""The Posyandu template a Dinkes fills: the columns the importer reads, a Keterangan sheet, a dropdown of
hari buka, and an example row from the admin's own kabupaten (marked "(contoh)", so it is never imported)."""
from __future__ import annotations

from sqlalchemy import select

from webapp.exports import Column, Export, Sheet, keep_as_text, to_xlsx
from webapp.extensions import db
from webapp.onboarding.posyandu_rows import EXAMPLE_MARK, FIELDS, SCHEDULES, STRATA
from webapp.onboarding.reading import MAX_ROWS, SHEET_NAME
from webapp.regions.models import KabupatenSetting, Level, Region

LIST_SHEET = "Daftar"


def _example_desa(kabupaten: str) -> Region | None:
    return db.session.scalar(select(Region).where(Region.level == Level.DESA, Region.code.startswith(kabupaten + "."))
                             .order_by(Region.code).limit(1))


def _dropdowns(book) -> None:
    """Hari buka and strata as lists on a hidden sheet (an inline list is limited to 255 characters)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = book.create_sheet(LIST_SHEET)
    for index, schedule in enumerate(SCHEDULES, start=1):
        lists.cell(index, 1, schedule)
    for index, strata in enumerate(STRATA, start=1):
        lists.cell(index, 2, strata)
    lists.sheet_state = "hidden"
    sheet = book[SHEET_NAME]
    keys = [f.key for f in FIELDS]
    for key, source in (("schedule", f"{LIST_SHEET}!$A$1:$A${len(SCHEDULES)}"),
                        ("strata", f"{LIST_SHEET}!$B$1:$B${len(STRATA)}")):
        letter = chr(ord("A") + keys.index(key))
        rule = DataValidation(type="list", formula1=f"={source}", allow_blank=True, showErrorMessage=True,
                              errorTitle="Pilih dari daftar", error="Pilih salah satu isian dari daftar.")
        rule.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        sheet.add_data_validation(rule)
    keep_as_text(sheet[2])


def posyandu_template(kabupaten: str) -> bytes:
    setting = db.session.get(KabupatenSetting, kabupaten)
    region = db.session.get(Region, kabupaten)
    desa = _example_desa(kabupaten)
    example = [f"Posyandu Mawar {EXAMPLE_MARK}", desa.code if desa else "", "Dusun I / RW 01", "Selasa minggu ke-2",
               "", "141/012/SK/2025", "15/01/2025", "Madya"]
    columns = [Column(f.header, width=24) for f in FIELDS]
    notes = [
        ("Cara mengisi", "Satu baris per Posyandu di lembar Posyandu. Hapus baris contoh sebelum mengunggah."),
        ("Kolom wajib", "Nama Posyandu dan Kode desa/kelurahan (kode Kemendagri, mis. "
                        f"{desa.code if desa else '62.02.01.2003'}). Kolom lain boleh kosong."),
        ("Hari buka", "Pilih dari daftar, mis. \"Selasa minggu ke-2\"."),
        ("SK tanggal", "Tanggal seperti 15/01/2025."),
        ("Strata", "Pratama, Madya, Purnama atau Mandiri, bila ada."),
        ("Mengubah data", "Posyandu dikenali dari nomor registrasi, atau bila kosong dari kode desa dan nama. "
                          "Unggah berkas yang sudah dibetulkan: data diperbarui, tidak digandakan. Sel kosong tidak "
                          "mengubah isian yang sudah ada."),
        ("Batas", f"Paling banyak {MAX_ROWS:,} baris per berkas; tanpa rumus dan sel gabungan.".replace(",", ".")),
    ]
    export = Export(title="Templat impor Posyandu", area=region.name if region else kabupaten, period="-",
                    timezone=setting.timezone if setting else "Asia/Jakarta",
                    sheets=[Sheet(SHEET_NAME, columns, [example])], definitions=notes)
    return to_xlsx(export, finish=_dropdowns)
