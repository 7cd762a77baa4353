"""Demo data for `flask seed demo`: the two pilot kabupaten, their Posyandu and the demo accounts.

Idempotent: every row is looked up by its natural key before it is added. Domains add
their own demo data through `registry.add_seeder` in their `init_app`; each seeder must be
idempotent too.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from webapp.auth.models import Role, RoleAssignment, User
from webapp.auth.passwords import hash_password
from webapp.extensions import db
from webapp.mitra.models import Mitra
from webapp.registry import registry
from webapp.regions.models import (
    KabupatenSetting, Posyandu, Region, default_timezone, kabupaten_code_of, level_of, parent_code_of,
)

DEMO_PASSWORD = "pokjanal-demo"

REGIONS = """
62 Kalimantan Tengah
62.02 Kabupaten Kotawaringin Timur
62.02.01 Kota Besi|62.02.02 Cempaga|62.02.03 Mentaya Hulu|62.02.04 Parenggean|62.02.05 Baamang
62.02.06 Mentawa Baru Ketapang|62.02.07 Mentaya Hilir Utara|62.02.08 Mentaya Hilir Selatan|62.02.09 Pulau Hanaut
62.02.10 Antang Kalang|62.02.11 Teluk Sampit|62.02.12 Seranau|62.02.13 Cempaga Hulu|62.02.14 Telawang
62.02.15 Bukit Santuai|62.02.16 Tualan Hulu|62.02.17 Telaga Antang
62.02.01.1009 Kota Besi Hulu|62.02.01.1010 Kota Besi Hilir|62.02.01.2003 Palangan|62.02.01.2004 Hanjalipan
62.02.01.2005 Simpur|62.02.01.2006 Pamalian|62.02.01.2007 Camba|62.02.01.2008 Kandan|62.02.01.2012 Bajarum
62.02.01.2015 Rasau Tumbuh|62.02.01.2017 Soren
62.02.05.1001 Baamang Hilir|62.02.05.1002 Baamang Tengah|62.02.05.1003 Baamang Hulu|62.02.05.1007 Tanah Mas
62.02.05.1008 Baamang Barat|62.02.05.2006 Tinduk
53 Nusa Tenggara Timur
53.03 Kabupaten Timor Tengah Utara
53.03.01 Miomaffo Timur|53.03.02 Miomaffo Barat|53.03.03 Biboki Selatan|53.03.04 Noemuti|53.03.05 Kota Kefamenanu
53.03.06 Biboki Utara|53.03.07 Biboki Anleu|53.03.08 Insana|53.03.09 Insana Utara|53.03.10 Noemuti Timur
53.03.11 Miomaffo Tengah|53.03.12 Musi|53.03.13 Mutis|53.03.14 Bikomi Selatan|53.03.15 Bikomi Tengah
53.03.16 Bikomi Nilulat|53.03.17 Bikomi Utara|53.03.18 Naibenu|53.03.19 Insana Fafinesu|53.03.20 Insana Barat
53.03.21 Insana Tengah|53.03.22 Biboki Tan Pah|53.03.23 Biboki Moenleu|53.03.24 Biboki Feotleu
53.03.05.1001 Kefamenanu Utara|53.03.05.1002 Aplasi|53.03.05.1003 Kefamenanu Tengah|53.03.05.1004 Bansone
53.03.05.1005 Benpasi|53.03.05.1006 Kefamenanu Selatan|53.03.05.1007 Tubuhue|53.03.05.1008 Maubeli|53.03.05.1009 Sasi
"""

SETTINGS = {
    "62.02": ("Asia/Pontianak", "F4", "PEMERINTAH KABUPATEN KOTAWARINGIN TIMUR\nPOKJANAL POSYANDU KABUPATEN KOTAWARINGIN TIMUR\nJl. Jenderal Sudirman Km 5,5 Sampit"),
    "53.03": ("Asia/Makassar", "A4", "PEMERINTAH KABUPATEN TIMOR TENGAH UTARA\nPOKJANAL POSYANDU KABUPATEN TIMOR TENGAH UTARA\nJl. Basuki Rahmat No. 1 Kefamenanu"),
}

# The survey's stunting prevalence shown beside the Posyandu proportion (domain §2.3: SKI 2023 Kotim 35.5 %).
STUNTING_SURVEY = {"62.02": (35.5, "SKI 2023")}

POSYANDU_NAMES = ["Melati", "Mawar", "Anggrek", "Kenanga", "Cempaka", "Teratai", "Flamboyan", "Dahlia", "Seruni"]
SCHEDULE = ["Senin minggu ke-1", "Selasa minggu ke-2", "Rabu minggu ke-2", "Kamis minggu ke-3", "Jumat minggu ke-1",
            "Sabtu minggu ke-4"]

ACCOUNTS = [
    # username, full name, jabatan, phone, role, region, posyandu index in desa
    ("admin.kotim", "Rina Hartati", "Staf Sekretariat Pokjanal (DPMD)", "081251000001", Role.ADMIN, "62.02", None),
    ("bupati.kotim", "H. Darmawan Saputra", "Bupati Kotawaringin Timur", "081251000002", Role.APPROVER, "62.02", None),
    ("pokjanal.kotim", "dr. Rudi Hartawan", "Sekretaris Pokjanal Kabupaten", "081251000003", Role.ANGGOTA, "62.02", None),
    ("camat.kotabesi", "Ahmad Yani, S.Sos", "Camat Kota Besi", "081251000004", Role.APPROVER, "62.02.01", None),
    ("pokjanal.kotabesi", "Sri Wahyuni", "Sekretaris Pokjanal Kecamatan Kota Besi", "081251000005", Role.ANGGOTA, "62.02.01", None),
    ("camat.baamang", "Yudi Hartono, S.STP", "Camat Baamang", "081251000006", Role.APPROVER, "62.02.05", None),
    ("kades.palangan", "Marlinae", "Kepala Desa Palangan", "081251000007", Role.APPROVER, "62.02.01.2003", None),
    ("pokja.palangan", "Siti Aminah", "Ketua Pokja Posyandu Desa Palangan", "081251000008", Role.ANGGOTA, "62.02.01.2003", None),
    ("kader.palangan", "Nurhayati", "Kader Posyandu", "081251000009", Role.KADER, "62.02.01.2003", 0),
    ("kades.hanjalipan", "Bahrudin", "Kepala Desa Hanjalipan", "081251000010", Role.APPROVER, "62.02.01.2004", None),
    ("pokja.hanjalipan", "Rusmini", "Ketua Pokja Posyandu Desa Hanjalipan", "081251000013", Role.ANGGOTA, "62.02.01.2004", None),
    ("kader.hanjalipan", "Yuliana", "Kader Posyandu", "081251000011", Role.KADER, "62.02.01.2004", 0),
    ("puskesmas.kotabesi", "Rahmawati, A.Md.Keb", "Bidan Koordinator Puskesmas Kota Besi", "081251000014",
     Role.ANGGOTA, "62.02.01", None),
    ("admin.ttu", "Maria Goreti Taek", "Staf Sekretariat Pokjanal (DPMD)", "081339000001", Role.ADMIN, "53.03", None),
    ("camat.kefamenanu", "Yohanes Sanak, S.IP", "Camat Kota Kefamenanu", "081339000002", Role.APPROVER, "53.03.05", None),
    ("lurah.benpasi", "Agustinus Kefi", "Lurah Benpasi", "081339000003", Role.APPROVER, "53.03.05.1005", None),
    ("kader.benpasi", "Theresia Abi", "Kader Posyandu", "081339000004", Role.KADER, "53.03.05.1005", 0),
    ("bupati.ttu", "Yosef Kolo, S.H.", "Wakil Bupati Timor Tengah Utara", "081339000005", Role.APPROVER, "53.03", None),
    ("pokjanal.ttu", "Fransiska Tefa, S.KM", "Sekretaris Pokjanal Kabupaten", "081339000006", Role.ANGGOTA, "53.03", None),
    ("dinkes.kotim", "dr. Fauziah Rahmah", "Kepala Seksi Kesehatan Keluarga dan Gizi, Dinas Kesehatan", "081251000012",
     Role.MITRA, "62.02", None),
]
PEOPLE = {
    # username: (sex, NIP); a NIP marks a civil servant (ASN). Elected officials (bupati, wakil bupati,
    # kepala desa) and volunteers have none. Names of officials are fictitious.
    "admin.kotim": ("P", "19880214 201101 2 003"), "bupati.kotim": ("L", ""),
    "pokjanal.kotim": ("L", "19790822 200604 1 012"), "camat.kotabesi": ("L", "19760309 199903 1 005"),
    "pokjanal.kotabesi": ("P", "19840517 200902 2 008"), "camat.baamang": ("L", "19810111 200312 1 002"),
    "kades.palangan": ("P", ""), "pokja.palangan": ("P", ""), "kader.palangan": ("P", ""),
    "kades.hanjalipan": ("L", ""), "kader.hanjalipan": ("P", ""), "admin.ttu": ("P", "19870623 201001 2 011"),
    "camat.kefamenanu": ("L", "19770905 200003 1 006"), "lurah.benpasi": ("L", "19800430 200501 1 009"),
    "kader.benpasi": ("P", ""), "bupati.ttu": ("L", ""), "pokjanal.ttu": ("P", "19850312 201001 2 007"),
    "dinkes.kotim": ("P", "19860720 201001 2 014"), "pokja.hanjalipan": ("P", ""),
    "puskesmas.kotabesi": ("P", "19900312 201503 2 004"),
}
PLACES_OF_SIGNING = {"62.02": "Sampit", "53.03": "Kefamenanu"}
MITRA_OF = {"dinkes.kotim": "Dinkes"}
"""Demo accounts with the mitra role and the short name of the partner (of their kabupaten) they work for."""
BASE_SEEDERS = 10
"""Seeders ordered below this are base data (mitra): they run before the accounts that link to them."""

def _region_rows():
    for line in REGIONS.strip().splitlines():
        for item in line.split("|"):
            code, name = item.strip().split(" ", 1)
            yield code, name


def seed_regions() -> None:
    for code, name in _region_rows():
        if db.session.get(Region, code) is None:
            db.session.add(Region(code=code, name=name, level=level_of(code), parent_code=parent_code_of(code)))
            db.session.flush()
    for code, (zone, paper, letterhead) in SETTINGS.items():
        if db.session.get(KabupatenSetting, code) is None:
            db.session.add(KabupatenSetting(region_code=code, timezone=zone or default_timezone(code),
                                            body_name="Pokjanal Posyandu", paper_size=paper,
                                            letterhead=letterhead, report_due_day=5,
                                            place_of_signing=PLACES_OF_SIGNING.get(code, ""),
                                            stunting_survey=STUNTING_SURVEY.get(code, (None, ""))[0],
                                            stunting_survey_source=STUNTING_SURVEY.get(code, (None, ""))[1]))


def seed_posyandu() -> None:
    desa_codes = [code for code, _ in _region_rows() if code.count(".") == 3]
    for index, code in enumerate(desa_codes):
        existing = db.session.scalar(select(Posyandu.id).where(Posyandu.region_code == code).limit(1))
        if existing:
            continue
        for k in range(2 + index % 2):
            name = POSYANDU_NAMES[(index + k) % len(POSYANDU_NAMES)]
            db.session.add(Posyandu(
                region_code=code, name=f"Posyandu {name} {k + 1}", dusun_rw=f"RT {k + 1:02d} / RW {k + 1:02d}",
                sk_number=f"141/{index + 10:03d}/SK-{code[-4:]}/2024", sk_on=dt.date(2024, 2, 1 + k),
                registration_number=f"{code.replace('.', '')}{k + 1:03d}", schedule=SCHEDULE[(index + k) % 6],
                kader_with_sk=5 + (index + k) % 3 if (index + k) % 5 else 4, is_active=True,
            ))
    db.session.flush()


def first_posyandu(region_code: str) -> Posyandu:
    return db.session.scalars(select(Posyandu).where(Posyandu.region_code == region_code).order_by(Posyandu.id)).first()


def seed_accounts() -> None:
    password_hash = hash_password(DEMO_PASSWORD)
    for username, name, jabatan, phone, role, region, posyandu_index in ACCOUNTS:
        if db.session.scalar(select(User.id).where(User.username == username)):
            continue
        from webapp.auth.phone import normalize_phone

        sex, nip = PEOPLE[username]
        user = User(username=username, full_name=name, jabatan=jabatan, phone=normalize_phone(phone), nip=nip,
                    is_asn=bool(nip), sex=sex, password_hash=password_hash)
        posyandu_id = first_posyandu(region).id if posyandu_index is not None else None
        mitra_id = db.session.scalar(select(Mitra.id).where(Mitra.kabupaten_code == kabupaten_code_of(region),
                                                            Mitra.short_name == MITRA_OF[username])) \
            if username in MITRA_OF else None
        user.roles.append(RoleAssignment(role=role, region_code=region, posyandu_id=posyandu_id, mitra_id=mitra_id))
        db.session.add(user)
    db.session.flush()


def seed_base() -> None:
    """Regions, settings, Posyandu and accounts: what every other part of the demo stands on."""
    seed_regions()
    seed_posyandu()
    for order, seeder in registry().seeders:
        if order < BASE_SEEDERS:
            seeder()
    seed_accounts()
    db.session.commit()


def seed_demo() -> None:
    """Load everything; safe to run again."""
    seed_base()
    for order, seeder in registry().seeders:
        if order >= BASE_SEEDERS:
            seeder()
            db.session.commit()


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, phone, role description) for printing at start-up."""
    return [(u, p, f"{r.value} {reg}") for u, _, _, p, r, reg, _ in ACCOUNTS]
