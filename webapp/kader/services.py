"""Keeping the roster, marking skills and recording trainings; each use case checks, changes, audits, commits once.

Errors: `Refused` (422) with the field it concerns; 403 through `access.require` when the rule
says no. The Posyandu's `kader_with_sk` is counted from the roster after every change.
"""
from __future__ import annotations

import datetime as dt

from webapp.access import Actor, require
from webapp.audit import audit
from webapp.clock import today_in
from webapp.extensions import db
from webapp.kader import queries
from webapp.kader.models import SEX_LABELS, SPM_FIELDS, Kader, KaderSkill, KaderTraining, Position
from webapp.kader.skills import SKILL_LABELS
from webapp.refusal import Refused
from webapp.regions.models import Posyandu
from webapp.regions.queries import setting_for

PENGURUS = (Position.KETUA, Position.SEKRETARIS, Position.BENDAHARA)


def local_today(region_code: str) -> dt.date:
    return today_in(setting_for(region_code).timezone)


def _not_future(day: dt.date | None, region_code: str, message: str, field: str) -> None:
    if day is not None and day > local_today(region_code):
        raise Refused(message, field)


def _check_kader(posyandu: Posyandu, kader: Kader | None, data: dict) -> None:
    """Every rule of a roster row; raises before anything changes."""
    if not data["name"]:
        raise Refused("Tulis nama kader.", "name")
    if data["sex"] not in SEX_LABELS:
        raise Refused("Pilih jenis kelamin.", "sex")
    if data["position"] not in {p.value for p in Position}:
        raise Refused("Pilih jabatan.", "position")
    if data["spm_field"] not in SPM_FIELDS:
        raise Refused("Pilih bidang SPM.", "spm_field")
    if bool(data["sk_number"]) != bool(data["sk_on"]):
        raise Refused("Isi nomor dan tanggal SK bersama-sama, atau kosongkan keduanya.",
                      "sk_on" if data["sk_number"] else "sk_number")
    _not_future(data["sk_on"], posyandu.region_code, "Tanggal SK tidak boleh di masa depan.", "sk_on")
    _not_future(data["active_since"], posyandu.region_code, "Tanggal mulai aktif tidak boleh di masa depan.",
                "active_since")
    if not data["is_active"] and not data["inactive_reason"]:
        raise Refused("Tulis alasan kader tidak aktif lagi.", "inactive_reason")
    if data["position"] in PENGURUS and data["is_active"]:
        taken = [k for k in queries.roster(posyandu) if k.is_active and k.position == data["position"] and k is not kader]
        if taken:
            raise Refused(f"Posyandu ini sudah punya {Position(data['position']).value} aktif: {taken[0].name}.",
                          "position")
    if data["user_id"] and data["user_id"] not in {u.id for u in queries.kader_accounts(posyandu)}:
        raise Refused("Pilih akun kader dari Posyandu ini.", "user_id")


def save_kader(actor: Actor, posyandu: Posyandu, kader: Kader | None, data: dict) -> Kader:
    """Add a kader to the Posyandu's roster, or change one of its rows (pokja desa and up)."""
    require(actor, "kader.manage", posyandu)
    if kader is not None and kader.posyandu_id != posyandu.id:
        raise Refused("Kader ini terdaftar di Posyandu lain.", "name")
    _check_kader(posyandu, kader, data)
    if kader is None:
        kader = Kader(posyandu_id=posyandu.id, region_code=posyandu.region_code)
        db.session.add(kader)
    for name in ("name", "sex", "phone", "position", "spm_field", "sk_number", "sk_on", "active_since",
                 "is_active", "user_id"):
        setattr(kader, name, data[name])
    kader.inactive_reason = "" if data["is_active"] else data["inactive_reason"]
    db.session.flush()
    posyandu.kader_with_sk = queries.count_with_sk(posyandu.id)
    posyandu.kader_from_roster = True
    audit(actor.id, "kader.saved", f"{kader.id} {kader.name}"[:120], posyandu.name)
    db.session.commit()
    return kader


def mark_skills(actor: Actor, kader: Kader, codes: list[str], marked_on: dt.date | None) -> list[str]:
    """Set the skills a trainer has seen mastered: ticked ones are added (dated, signed), unticked removed.
    Returns the codes added."""
    if kader.user_id is not None and kader.user_id == actor.id:
        raise Refused("Anda tidak dapat menandai keterampilan di paspor Anda sendiri.", "codes")
    require(actor, "skill.mark", kader)
    unknown = [c for c in codes if c not in SKILL_LABELS]
    if unknown:
        raise Refused("Keterampilan tidak dikenal: " + ", ".join(unknown) + ".", "codes")
    if marked_on is None:
        raise Refused("Isi tanggal penilaian.", "marked_on")
    _not_future(marked_on, kader.region_code, "Tanggal penilaian tidak boleh di masa depan.", "marked_on")
    wanted, have = set(codes), kader.skill_codes
    for skill in [s for s in kader.skills if s.code not in wanted]:
        kader.skills.remove(skill)
    added = sorted(wanted - have)
    for code in added:
        kader.skills.append(KaderSkill(code=code, marked_on=marked_on, marked_by_id=actor.id))
    audit(actor.id, "kader.skills", f"{kader.id} {kader.name}"[:120],
          f"+{','.join(added)} -{','.join(sorted(have - wanted))}")
    db.session.commit()
    return added


def add_training(actor: Actor, kader: Kader, data: dict) -> KaderTraining:
    """A training attended elsewhere (name, organiser, date, certificate), typed by pokja desa and up."""
    require(actor, "kader.manage", kader)
    if not data["name"]:
        raise Refused("Tulis nama pelatihan.", "name")
    if data["held_on"] is None:
        raise Refused("Isi tanggal pelatihan.", "held_on")
    _not_future(data["held_on"], kader.region_code, "Tanggal pelatihan tidak boleh di masa depan.", "held_on")
    training = KaderTraining(name=data["name"], organiser=data["organiser"], held_on=data["held_on"],
                             certificate_number=data["certificate_number"], added_by_id=actor.id)
    kader.trainings.append(training)
    audit(actor.id, "kader.training", f"{kader.id} {kader.name}"[:120], data["name"][:200])
    db.session.commit()
    return training
