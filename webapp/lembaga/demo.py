"""Demo bodies: Kotim and TTU (kabupaten), Kota Besi and Kota Kefamenanu (kecamatan), Palangan and Benpasi
(desa/kelurahan), each with its SK and members drawn from the mitra."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from webapp.auth.models import User
from webapp.extensions import db
from webapp.lembaga.models import Body, Member
from webapp.mitra.demo import find
from webapp.regions.models import kabupaten_code_of

# region: (SK number, date, signed by, term start, term end, members)
# member: name, jabatan, unsur (mitra short name or free text), bidang, L/P, NIP, linked account; a linked
# member's name, L/P and NIP are its account's (demo.PEOPLE), held there once
BODIES = {
    "62.02": ("188.45/214/HUK/2025", dt.date(2025, 6, 12), "Bupati Kotawaringin Timur", dt.date(2025, 6, 12),
              dt.date(2030, 6, 11), [
        ("Hj. Noor Aisyah Fitriani", "ketua", "TP PKK Kab", "", "P", "", None),
        ("Drs. Hasbullah Noor, M.Si", "wakil", "Sekretariat Daerah", "", "L", "19680312 199003 1 009", None),
        ("dr. Rudi Hartawan", "sekretaris", "DPMD", "", "L", "", "pokjanal.kotim"),
        ("Rina Hartati", "bendahara", "DPMD", "", "P", "", "admin.kotim"),
        ("dr. Fauziah Rahmah", "koordinator", "Dinkes", "kesehatan", "P", "19820101 200904 2 002", None),
        ("Sutrisno, S.Pd", "koordinator", "Disdik", "pendidikan", "L", "19750505 199903 1 006", None),
        ("Ir. Hendra Wijaya", "koordinator", "PUPR", "pekerjaan_umum", "L", "19700909 199503 1 002", None),
        ("Yusuf Maulana, ST", "koordinator", "Perkim", "perumahan_rakyat", "L", "19810303 200501 1 008", None),
        ("Dra. Siti Rohani", "koordinator", "Dinsos", "sosial", "P", "19690606 199203 2 005", None),
        ("Agus Salim", "koordinator", "Satpol PP", "trantibumlinmas", "L", "19770808 200212 1 001", None),
    ]),
    "62.02.01": ("100.3.3/12/KEC-KB/2025", dt.date(2025, 7, 1), "Camat Kota Besi", dt.date(2025, 7, 1),
                 dt.date(2030, 6, 30), [
        ("Ny. Rahmawati Yani", "ketua", "TP PKK Kecamatan", "", "P", "", None),
        ("Sri Wahyuni", "sekretaris", "Kec. Kota Besi", "", "P", "", "pokjanal.kotabesi"),
        ("Bdn. Lestari, Amd.Keb", "koordinator", "PKM Kota Besi", "kesehatan", "P", "19900202 201503 2 001", None),
        ("Hadi Purnomo", "anggota", "PKB Kota Besi", "", "L", "", None),
    ]),
    "62.02.01.2003": ("141/07/DS-PLG/2025", dt.date(2025, 2, 3), "Kepala Desa Palangan", dt.date(2025, 2, 3),
                      dt.date(2031, 2, 2), [
        ("Siti Aminah", "ketua", "TP PKK Desa", "", "P", "", "pokja.palangan"),
        ("Nurhayati", "anggota", "Kader Posyandu", "kesehatan", "P", "", "kader.palangan"),
        ("Bdn. Wulandari", "anggota", "PKM Kota Besi", "kesehatan", "P", "19920303 201903 2 004", None),
        ("H. Mahmud", "anggota", "Tokoh masyarakat", "", "L", "", None),
    ]),
    "53.03": ("BUP/411.4/187/2025", dt.date(2025, 12, 2), "Bupati Timor Tengah Utara", dt.date(2025, 12, 2),
              dt.date(2030, 12, 1), [
        ("Ny. Maria Kolo", "ketua", "TP PKK Kab", "", "P", "", None),
        ("Fransiska Tefa, S.KM", "sekretaris", "DPMD", "", "P", "", "pokjanal.ttu"),
        ("dr. Paulus Sanam", "koordinator", "Dinkes", "kesehatan", "L", "19780404 200502 1 003", None),
        ("Yakobus Bana, S.Pd", "koordinator", "Dikbud", "pendidikan", "L", "19760606 200003 1 004", None),
    ]),
    "53.03.05.1005": ("02/KEL-BNP/2024", dt.date(2024, 3, 4), "Lurah Benpasi", dt.date(2024, 3, 4),
                      dt.date(2025, 3, 3), [  # expired: the figures show it as formed but not valid
        ("Theresia Abi", "ketua", "Kader Posyandu", "kesehatan", "P", "", "kader.benpasi"),
    ]),
}


def seed_lembaga() -> None:
    """Idempotent: a body is made once, with its members."""
    for code, (number, on, signer, start, end, members) in BODIES.items():
        if db.session.scalar(select(Body.id).where(Body.region_code == code)):
            continue
        body = Body(region_code=code, sk_number=number, sk_on=on, sk_signed_by=signer, term_start=start,
                    term_end=end)
        for n, (name, jabatan, unsur, bidang, sex, nip, username) in enumerate(members, start=1):
            mitra = find(kabupaten_code_of(code), unsur)
            user = db.session.scalar(select(User.id).where(User.username == username)) if username else None
            body.members.append(Member(position=n, own_name=name, jabatan=jabatan, mitra_id=mitra.id if mitra else None,
                                       unsur_text="" if mitra else unsur, bidang=bidang, own_sex="" if user else sex,
                                       own_nip="" if user else nip, user_id=user))
        db.session.add(body)
    db.session.flush()
