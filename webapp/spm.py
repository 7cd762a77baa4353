"""What plan lines and partners are classified by: the six SPM fields plus the body's own work,
the funding sources a Posyandu plan draws on, and the SIPD urusan codes of the SPM agencies."""
from __future__ import annotations

from enum import StrEnum


class SpmField(StrEnum):
    PENDIDIKAN = "pendidikan"
    KESEHATAN = "kesehatan"
    PEKERJAAN_UMUM = "pekerjaan_umum"
    PERUMAHAN = "perumahan_rakyat"
    TRANTIBUMLINMAS = "trantibumlinmas"
    SOSIAL = "sosial"
    KELEMBAGAAN = "kelembagaan"  # rakor, monev, bimtek, advokasi, secretariat: the body's own work


SPM_LABELS = {
    SpmField.PENDIDIKAN: "Pendidikan", SpmField.KESEHATAN: "Kesehatan", SpmField.PEKERJAAN_UMUM: "Pekerjaan Umum",
    SpmField.PERUMAHAN: "Perumahan Rakyat", SpmField.TRANTIBUMLINMAS: "Trantibumlinmas", SpmField.SOSIAL: "Sosial",
    SpmField.KELEMBAGAAN: "Penguatan kelembagaan/manajemen",
}


class FundingSource(StrEnum):
    DANA_DESA = "dd"
    ADD = "add"
    PADES = "pades"
    BANKEU_PROV = "bankeu_prov"
    BANKEU_KAB = "bankeu_kab"
    APBD_PROV = "apbd_prov"
    APBD_KAB = "apbd_kab"
    BOK = "bok"
    CSR = "csr"
    SWADAYA = "swadaya"
    LAINNYA = "lainnya"


SOURCE_LABELS = {
    FundingSource.DANA_DESA: "Dana Desa", FundingSource.ADD: "ADD", FundingSource.PADES: "PADes",
    FundingSource.BANKEU_PROV: "Bantuan keuangan provinsi", FundingSource.BANKEU_KAB: "Bantuan keuangan kabupaten",
    FundingSource.APBD_PROV: "APBD provinsi", FundingSource.APBD_KAB: "APBD kabupaten",
    FundingSource.BOK: "APBN/DAK non-fisik (BOK)", FundingSource.CSR: "CSR", FundingSource.SWADAYA: "Swadaya masyarakat",
    FundingSource.LAINNYA: "Lainnya",
}
APBDES_SOURCES = frozenset({FundingSource.DANA_DESA, FundingSource.ADD, FundingSource.PADES,
                            FundingSource.BANKEU_PROV, FundingSource.BANKEU_KAB})
"""The five sources that sit inside a desa's APBDes (a kelurahan has none)."""

OLD_SOURCES = {"apbdes": "dd", "apbd": "apbd_kab"}
"""Values of the first release renamed by migration 1101 (the others kept their value)."""

URUSAN = {
    "1.01": "Pendidikan", "1.02": "Kesehatan", "1.03": "Pekerjaan umum dan penataan ruang",
    "1.04": "Perumahan rakyat dan kawasan permukiman",
    "1.05": "Ketenteraman, ketertiban umum dan perlindungan masyarakat", "1.06": "Sosial",
    "2.13": "Pemberdayaan masyarakat dan desa",
}
"""SIPD urusan codes (Permendagri 90/2019) that match the SPM fields, and DPMD's."""
