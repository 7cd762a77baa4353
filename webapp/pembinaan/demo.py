"""Demo equipment (every Posyandu a partly complete kit, so the aktif and ILP criteria vary) and a few supervision
visits with findings."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from webapp.auth.models import User
from webapp.clock import today_in
from webapp.demo import first_posyandu
from webapp.extensions import db
from webapp.kit import KIT
from webapp.pembinaan.models import Equipment, Finding, FindingStatus, Visit, VisitStatus
from webapp.regions.models import Posyandu
from webapp.regions.queries import setting_for

# (desa, visitor, team, days ago, findings: (what, responsible, due in days, status))
VISITS = (
    ("62.02.01.2003", "pokjanal.kotabesi", "Pokjanal Kecamatan Kota Besi dan Puskesmas Kota Besi", 20, (
        ("Infantometer rusak: ajukan penggantian lewat APBDes", "Pokja Desa Palangan", 30, FindingStatus.PROSES),
        ("Langkah validasi data belum dilakukan: latih 2 kader pencatatan", "Puskesmas Kota Besi", 45,
         FindingStatus.TERBUKA))),
    ("62.02.01.2004", "puskesmas.kotabesi", "Puskesmas Kota Besi", 40, (
        ("Kader kurang dari 5 yang ber-SK: usulkan SK kepala desa", "Kepala Desa Hanjalipan", 30,
         FindingStatus.SELESAI),)),
    ("53.03.05.1005", "pokjanal.ttu", "Pokjanal Kabupaten TTU", 15, (
        ("Kunjungan rumah belum berjalan: susun jadwal per dusun", "Pokja Kelurahan Benpasi", 30,
         FindingStatus.TERBUKA),)),
)


def seed_equipment() -> None:
    """Idempotent: skips when any equipment row exists. About a third of Posyandu get the whole kit."""
    if db.session.scalar(select(Equipment.id).limit(1)) is not None:
        return
    for posyandu in db.session.scalars(select(Posyandu).order_by(Posyandu.id)):
        rng = random.Random(posyandu.id * 104729)
        whole = rng.random() < 0.35
        for item in KIT:
            available = whole or rng.random() < (0.85 if item.growth else 0.6)
            broken = not whole and available and rng.random() < 0.1
            db.session.add(Equipment(posyandu_id=posyandu.id, region_code=posyandu.region_code, item=item.key,
                                     available=available, condition=("rusak" if broken else "baik") if available else "",
                                     checked_on=dt.date(2025, 7, 1 + posyandu.id % 28)))
    db.session.flush()


def seed_visits() -> None:
    """Idempotent: skips when any visit exists."""
    if db.session.scalar(select(Visit.id).limit(1)) is not None:
        return
    for desa, username, team, days_ago, findings in VISITS:
        posyandu, visitor = first_posyandu(desa), db.session.scalar(select(User).where(User.username == username))
        day = today_in(setting_for(desa).timezone) - dt.timedelta(days=days_ago)
        visit = Visit(posyandu_id=posyandu.id, region_code=desa, visited_on=day, visitor_id=visitor.id, team=team,
                      kader_present=5, step_pendaftaran=True, step_pengukuran=True, step_pencatatan=True,
                      step_pelayanan=True, step_validasi=False, equipment_seen=True, records_kept=True,
                      notes="Hari buka berjalan tertib; antrean panjang di meja penimbangan.", status=VisitStatus.FINAL)
        for what, responsible, due_in, status in findings:
            visit.findings.append(Finding(posyandu_id=posyandu.id, region_code=desa, what=what,
                                          responsible=responsible, due_on=day + dt.timedelta(days=due_in),
                                          status=status, progress_note="SK sudah terbit." if status == "selesai" else ""))
        db.session.add(visit)
    db.session.flush()
