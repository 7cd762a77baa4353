"""Demo partners of Kotawaringin Timur and Timor Tengah Utara: the SPM agencies, their units, PKK, BKKBN
staff and non-government partners. Base data: the demo's mitra accounts link to them."""
from __future__ import annotations

from sqlalchemy import select

from webapp.extensions import db
from webapp.mitra.models import Mitra

# kabupaten, short name, full name, kind, parent short name, fields, urusan, kecamatan codes
PARTNERS = [
    ("62.02", "Dinkes", "Dinas Kesehatan", "opd", None, "kesehatan", "1.02", ""),
    ("62.02", "DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "opd", None, "kelembagaan", "2.13", ""),
    ("62.02", "Disdik", "Dinas Pendidikan", "opd", None, "pendidikan", "1.01", ""),
    ("62.02", "PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "opd", None, "pekerjaan_umum", "1.03", ""),
    ("62.02", "Perkim", "Dinas Perumahan Rakyat dan Kawasan Permukiman", "opd", None, "perumahan_rakyat", "1.04",
     ""),
    ("62.02", "Dinsos", "Dinas Sosial", "opd", None, "sosial", "1.06", ""),
    ("62.02", "Satpol PP", "Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "opd", None, "trantibumlinmas",
     "1.05", ""),
    ("62.02", "DP3AP2KB", "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan KB", "opd",
     None, "kesehatan,sosial", "", ""),
    ("62.02", "Bappelitbangda", "Badan Perencanaan, Penelitian dan Pengembangan Daerah", "opd", None,
     "kelembagaan", "", ""),
    ("62.02", "Diskominfo", "Dinas Komunikasi, Informatika, Statistik dan Persandian", "opd", None,
     "kelembagaan", "", ""),
    ("62.02", "TP PKK Kab", "Tim Penggerak PKK Kabupaten Kotawaringin Timur", "pkk", None,
     "kesehatan,pendidikan,kelembagaan", "", ""),
    ("62.02", "PKM Kota Besi", "UPT Puskesmas Kota Besi", "unit", "Dinkes", "kesehatan", "1.02", "62.02.01"),
    ("62.02", "PKM Baamang", "UPT Puskesmas Baamang I", "unit", "Dinkes", "kesehatan", "1.02", "62.02.05"),
    ("62.02", "Kec. Kota Besi", "Kantor Camat Kota Besi", "unit", None, "kelembagaan,trantibumlinmas", "",
     "62.02.01"),
    ("62.02", "PKB Kota Besi", "Penyuluh KB Kecamatan Kota Besi (BKKBN)", "bkkbn", None, "kesehatan", "",
     "62.02.01"),
    ("62.02", "Forum CSR", "Forum Tanggung Jawab Sosial Perusahaan Kotawaringin Timur", "nonpemerintah", None,
     "kesehatan,perumahan_rakyat", "", ""),
    ("53.03", "Dinkes", "Dinas Kesehatan", "opd", None, "kesehatan", "1.02", ""),
    ("53.03", "DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "opd", None, "kelembagaan", "2.13", ""),
    ("53.03", "Dikbud", "Dinas Pendidikan dan Kebudayaan", "opd", None, "pendidikan", "1.01", ""),
    ("53.03", "PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "opd", None, "pekerjaan_umum", "1.03", ""),
    ("53.03", "Perkim", "Dinas Perumahan Rakyat dan Kawasan Permukiman", "opd", None, "perumahan_rakyat", "1.04",
     ""),
    ("53.03", "Dinsos", "Dinas Sosial", "opd", None, "sosial", "1.06", ""),
    ("53.03", "Satpol PP", "Satuan Polisi Pamong Praja", "opd", None, "trantibumlinmas", "1.05", ""),
    ("53.03", "DP3AP2KB", "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan KB", "opd",
     None, "kesehatan,sosial", "", ""),
    ("53.03", "Bappelitbangda", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "opd", None,
     "kelembagaan", "", ""),
    ("53.03", "TP PKK Kab", "Tim Penggerak PKK Kabupaten Timor Tengah Utara", "pkk", None,
     "kesehatan,pendidikan,kelembagaan", "", ""),
    ("53.03", "PKM Kefamenanu", "UPT Puskesmas Kefamenanu", "unit", "Dinkes", "kesehatan", "1.02", "53.03.05"),
    ("53.03", "Kec. Kota Kefamenanu", "Kantor Camat Kota Kefamenanu", "unit", None, "kelembagaan", "",
     "53.03.05"),
    ("53.03", "PKB Kefamenanu", "Penyuluh KB Kecamatan Kota Kefamenanu (BKKBN)", "bkkbn", None, "kesehatan", "",
     "53.03.05"),
    ("53.03", "Mitra LSM", "LSM mitra perlindungan anak dan gizi", "nonpemerintah", None, "kesehatan,sosial", "",
     ""),
]


def find(kabupaten_code: str, short_name: str) -> Mitra | None:
    return db.session.scalar(select(Mitra).where(Mitra.kabupaten_code == kabupaten_code,
                                                 Mitra.short_name == short_name))


def seed_mitra() -> None:
    """Idempotent: each partner is looked up by kabupaten and short name before it is added."""
    for code, short, name, kind, parent, fields, urusan, areas in PARTNERS:
        if find(code, short) is not None:
            continue
        owner = find(code, parent) if parent else None
        db.session.add(Mitra(kabupaten_code=code, short_name=short, name=name, kind=kind,
                             parent_id=owner.id if owner else None, fields=fields, urusan_code=urusan,
                             area_codes=areas))
        db.session.flush()
