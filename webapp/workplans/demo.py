"""Demo plans: approved 2025 plans for Palangan and Kota Besi (lines carried by mitra, some realised), a 2026
Palangan plan waiting for its kepala desa, a Hanjalipan plan waiting for the camat, a Kota Besi plan returned
with a note, and a TTU kelurahan plan with its puskesmas."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from webapp.access import Actor
from webapp.auth.models import User
from webapp.clock import to_utc
from webapp.documents.models import DocumentNumber, SignedDocument
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.mitra.demo import find
from webapp.regions.models import kabupaten_code_of
from webapp.regions.queries import setting_for
from webapp.workplans import printing, services
from webapp.workplans.models import Plan, Progress

PELAKSANA = {  # activity -> the mitra that carries it (others: the body itself)
    "PMT lokal untuk balita gizi kurang": "PKM Kota Besi",
    "Kelas ibu balita dan stimulasi PAUD": "Disdik",
    "Perbaikan jamban keluarga risiko stunting": "PUPR",
    "Pendataan lansia terlantar": "Dinsos",
    "Bimtek kader ILP se-kecamatan": "PKM Kota Besi",
    "Monev Posyandu aktif": "Kec. Kota Besi",
    "Pemeriksaan ibu hamil dan balita di Posyandu": "PKM Kefamenanu",
}
TTU_LINES = [
    ("Pemeriksaan ibu hamil dan balita di Posyandu", "kesehatan", "Ibu hamil diperiksa", "100%", "Ibu hamil",
     "posyandu", "1,2,3,4,5,6,7,8,9,10,11,12", "Bidan kelurahan", 4_800_000, "bok"),
    ("Rapat koordinasi Pokja Posyandu kelurahan", "kelembagaan", "Rapat terlaksana", "4 kali", "Anggota Pokja",
     "desa", "3,6,9,12", "Sekretaris Pokja", 2_000_000, "apbd_kab"),
]
DESA_LINES = [
    ("Penimbangan dan pengukuran balita tiap hari buka", "kesehatan", "Balita ditimbang (D/S)", "90%", "Balita 0–59 bulan",
     "posyandu", "1,2,3,4,5,6,7,8,9,10,11,12", "Ketua Pokja Posyandu", 3_600_000, "dd"),
    ("PMT lokal untuk balita gizi kurang", "kesehatan", "Balita gizi kurang mendapat PMT", "100%", "Balita gizi kurang",
     "posyandu", "3,4,5,6", "Bidan desa", 12_500_000, "dd"),
    ("Kelas ibu balita dan stimulasi PAUD", "pendidikan", "Ibu balita ikut kelas", "40 orang", "Ibu balita",
     "desa", "2,5,8,11", "Kader bidang pendidikan", 2_400_000, "add"),
    ("Perbaikan jamban keluarga risiko stunting", "pekerjaan_umum", "Keluarga punya jamban sehat", "10 KK",
     "Keluarga risiko stunting", "desa", "7,8", "Kaur Pembangunan", 15_000_000, "dd"),
    ("Pendataan lansia terlantar", "sosial", "Lansia terdata", "100%", "Lansia", "desa", "9", "Kasi Kesejahteraan",
     750_000, "swadaya"),
]
KECAMATAN_LINES = [
    ("Bimtek kader ILP se-kecamatan", "kesehatan", "Kader terlatih", "60 orang", "Kader Posyandu", "desa", "4",
     "Puskesmas Kota Besi", 18_000_000, "bok"),
    ("Monev Posyandu aktif", "kesehatan", "Posyandu dikunjungi", "22 Posyandu", "Pengurus Posyandu", "desa",
     "6,12", "Sekretaris Pokjanal Kecamatan", 6_000_000, "apbd_kab"),
    ("Rapat koordinasi lintas sektor SPM", "kelembagaan", "Rapat terlaksana", "4 kali", "Anggota Pokjanal",
     "desa", "3,6,9,12", "Sekretaris Pokjanal Kecamatan", 4_800_000, "apbd_kab"),
]


def _actor(username: str) -> Actor:
    return Actor(db.session.scalar(select(User).where(User.username == username)))


def _plan(drafter: str, region_code: str, year: int, title: str, lines) -> Plan | None:
    """Create the plan with its lines, or None when the demo already has it."""
    if db.session.scalar(select(Plan.id).where(Plan.region_code == region_code, Plan.year == year)):
        return None
    actor = _actor(drafter)
    plan = services.create_plan(actor, {"region_code": region_code, "year": year, "semester": None, "title": title,
                                        "background": "Menurunkan stunting dan meningkatkan Posyandu aktif melalui "
                                                      "kerja lintas sektor enam bidang SPM."})
    posyandu = first_posyandu(region_code) if region_code.count(".") == 3 else None
    for activity, field, indicator, target, group, where, months, pic, budget, source in lines:
        location = f"p:{posyandu.id}" if where == "posyandu" and posyandu else f"r:{region_code}"
        mitra = find(kabupaten_code_of(region_code), PELAKSANA[activity]) if activity in PELAKSANA else None
        services.save_line(actor, plan, None, {
            "activity": activity, "spm_field": field, "indicator": indicator, "target_value": target,
            "target_group": group, "location": location, "months": months.split(","), "person_in_charge": pic,
            "budget": budget, "funding_source": source, "mitra_id": mitra.id if mitra else None,
            "activity_code": "02.02.02" if field == "kesehatan" and region_code.count(".") == 3 else ""}, None)
    return plan


def _dated(plan: Plan) -> None:
    """A past year's plan was drafted in December and submitted, approved and endorsed in January of its year,
    not on seeding day: its steps get those dates and what the approval printed is frozen again as of them
    (with its nomor in that year). Seeding only: nothing of the plan has been printed yet."""
    timezone = setting_for(plan.region_code).timezone
    plan.created_at = to_utc(dt.date(plan.year - 1, 12, 15), dt.time(9), timezone)
    for n, step in enumerate(plan.steps):
        step.at = to_utc(dt.date(plan.year, 1, 8 + 7 * n), dt.time(9, 30), timezone)
    plan.status_changed_at = plan.updated_at = plan.steps[-1].at
    for model in (SignedDocument, DocumentNumber):
        db.session.execute(delete(model).where(model.kind == printing.KIND, model.subject_id == plan.id))
    printing.freeze(plan)
    db.session.commit()


def _realise(username: str, plan: Plan, position: int, progress: str, share: float, output: str) -> None:
    line = plan.lines[position]
    services.record_progress(_actor(username), line, {
        "progress": progress, "spent": int(line.budget * share), "output_achieved": output,
        "evidence": "Daftar hadir dan kuitansi di sekretariat."})


def seed_workplans() -> None:
    """Idempotent: each plan is made once, then moved along the chain by the demo accounts."""
    plan = _plan("pokja.palangan", "62.02.01.2003", 2025, "Rencana Kerja Pokja Posyandu Desa Palangan 2025", DESA_LINES)
    if plan:
        services.submit(_actor("pokja.palangan"), plan, None)
        services.approve(_actor("kades.palangan"), plan, "", None)
        services.approve(_actor("camat.kotabesi"), plan, "Mengetahui.", None)
        _dated(plan)
        _realise("pokja.palangan", plan, 0, Progress.DONE, 1.0, "12 kali hari buka, D/S 88%")
        _realise("dinkes.kotim", plan, 1, Progress.RUNNING, 0.4, "PMT 30 hari untuk 14 balita")
        _realise("pokja.palangan", plan, 3, Progress.RUNNING, 0.2, "3 jamban selesai")
    plan = _plan("pokjanal.kotabesi", "62.02.01", 2025, "Rencana Kerja Pokjanal Kecamatan Kota Besi 2025",
                 KECAMATAN_LINES)
    if plan:
        services.submit(_actor("pokjanal.kotabesi"), plan, None)
        services.approve(_actor("camat.kotabesi"), plan, "", None)
        services.approve(_actor("bupati.kotim"), plan, "", None)
        _dated(plan)
        _realise("dinkes.kotim", plan, 0, Progress.DONE, 0.95, "58 kader terlatih")
    plan = _plan("pokja.palangan", "62.02.01.2003", 2026, "Rencana Kerja Pokja Posyandu Desa Palangan 2026",
                 DESA_LINES[:4])
    if plan:
        services.submit(_actor("pokja.palangan"), plan, None)
    plan = _plan("pokja.hanjalipan", "62.02.01.2004", 2026, "Rencana Kerja Pokja Posyandu Desa Hanjalipan 2026",
                 DESA_LINES[1:4])
    if plan:
        services.submit(_actor("pokja.hanjalipan"), plan, None)
        services.approve(_actor("kades.hanjalipan"), plan, "", None)
    plan = _plan("pokjanal.ttu", "53.03", 2025, "Rencana Kerja Pokjanal Posyandu Kabupaten TTU 2025", TTU_LINES)
    if plan:
        services.submit(_actor("pokjanal.ttu"), plan, None)
        services.approve(_actor("bupati.ttu"), plan, "", None)
        _dated(plan)
        _realise("pokjanal.ttu", plan, 1, Progress.DONE, 1.0, "4 rakor terlaksana")
    plan = _plan("pokjanal.kotabesi", "62.02.01", 2026, "Rencana Kerja Pokjanal Kecamatan Kota Besi 2026",
                 KECAMATAN_LINES)
    if plan:
        services.submit(_actor("pokjanal.kotabesi"), plan, None)
        services.return_plan(_actor("camat.kotabesi"), plan, "Anggaran bimtek kader terlalu besar; bagi menjadi dua "
                             "gelombang dan cantumkan sumber dana BOK per gelombang.", None)
