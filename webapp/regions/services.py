"""Changing the Posyandu registry and a kabupaten's settings; one commit per use case."""
from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from webapp.access import Actor, require
from webapp.audit import as_detail, audit
from webapp.clock import utcnow
from webapp.refusal import Refused
from webapp.extensions import db
from webapp.regions.logo import normalized_logo
from webapp.regions.number_pattern import pattern_problem
from webapp.regions.models import KabupatenSetting, Level, PaperSize, Posyandu, Region, RegionLetterhead

SETTING_FIELDS = ("body_name", "paper_size", "letterhead", "report_due_day", "stunting_survey", "stunting_survey_source",
                  "stunting_target", "place_of_signing", "number_pattern")
POSYANDU_FIELDS = ("name", "dusun_rw", "sk_number", "sk_on", "registration_number", "schedule",
                   "kader_with_sk", "is_active")


def _changes(obj, names, values: dict) -> dict:
    """{name: [old, new]} of the values that differ, setting the new ones on obj."""
    changed = {}
    for name in names:
        old, new = getattr(obj, name), values[name]
        if old != new:
            changed[name] = [old, new]
            setattr(obj, name, new)
    return changed


def _rows_following(posyandu: Posyandu) -> list:
    """Rows that copy their Posyandu's desa for scoping (its reports, its kader's roles): any mapped
    class with both posyandu_id and region_code, so a domain added later moves along too."""
    rows = []
    for mapper in sorted(db.Model.registry.mappers, key=lambda m: m.class_.__name__):
        model = mapper.class_
        if model is not Posyandu and {"posyandu_id", "region_code"} <= set(mapper.columns.keys()):
            rows += db.session.scalars(select(model).where(model.posyandu_id == posyandu.id)).all()
    return rows


def _move(posyandu: Posyandu, region_code: str) -> dict:
    """Move the Posyandu and everything scoped by its desa in this transaction: its reports are then
    verified, returned and reopened by the new desa and kecamatan, never the old ones."""
    moved = {}
    for row in _rows_following(posyandu):
        if row.region_code != region_code:
            row.region_code = region_code
            moved[type(row).__name__] = moved.get(type(row).__name__, 0) + 1
    posyandu.region_code = region_code
    return moved


def save_posyandu(actor: Actor, posyandu: Posyandu | None, data: dict, expected_version: int | None) -> Posyandu:
    """Create or update a Posyandu in a desa the actor manages; a stale version is a conflict.
    Moving it to another desa moves its reports and kader with it; the audit keeps old and new values."""
    region = db.session.get(Region, data["region_code"])
    if region is None or region.level != Level.DESA:
        raise Refused("Pilih desa/kelurahan yang terdaftar.", "region_code")
    if not actor.covers("posyandu.manage", region.code):
        raise Refused("Desa ini di luar wilayah Anda.", "region_code")
    created = posyandu is None
    if created:
        posyandu = Posyandu(region_code=region.code)
        db.session.add(posyandu)
    else:
        require(actor, "posyandu.manage", posyandu)
        if expected_version is not None and expected_version != posyandu.version:
            raise Refused("Data Posyandu ini baru saja diubah orang lain. Muat ulang halaman untuk melihat perubahannya.")
    fields = tuple(n for n in POSYANDU_FIELDS if not (n == "kader_with_sk" and posyandu.kader_from_roster))
    changes = _changes(posyandu, fields, data)  # a roster's count is counted, not typed
    if not created and posyandu.region_code != region.code:
        changes["region_code"] = [posyandu.region_code, region.code]
        changes["moved"] = _move(posyandu, region.code)
    db.session.flush()
    audit(actor.id, "posyandu.created" if created else "posyandu.saved", f"posyandu {posyandu.id} {posyandu.name}",
          as_detail(changes))
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Refused("Data Posyandu ini baru saja diubah orang lain. Muat ulang halaman.") from None
    return posyandu


def update_settings(actor: Actor, setting: KabupatenSetting, data: dict, logo: bytes | None,
                    remove_logo: bool = False) -> None:
    """The admin's kabupaten settings: body name, paper, letterhead, logo, report due day."""
    require(actor, "settings.manage", setting)
    pattern = (data.get("number_pattern") or setting.number_pattern).strip()
    if problem := pattern_problem(pattern):
        raise Refused(problem, "number_pattern")
    changes = {}
    if logo or (remove_logo and setting.logo):
        new_logo, setting.logo_mime = normalized_logo(logo) if logo else (None, None)
        changes["logo"] = [f"{len(setting.logo)} B" if setting.logo else None,
                           f"{len(new_logo)} B" if new_logo else None]
        setting.logo = new_logo
    changes.update(_changes(setting, SETTING_FIELDS, {
        "body_name": data["body_name"].strip(), "paper_size": PaperSize(data["paper_size"]),
        "letterhead": "\n".join(line.rstrip() for line in data["letterhead"].splitlines()).strip(),
        "report_due_day": data["report_due_day"], "stunting_survey": data.get("stunting_survey"),
        "stunting_survey_source": (data.get("stunting_survey_source") or "").strip(),
        "stunting_target": data.get("stunting_target"), "number_pattern": pattern,
        "place_of_signing": (data.get("place_of_signing") or "").strip()}))
    setting.updated_at = utcnow()
    audit(actor.id, "settings.updated", f"settings {setting.region_code}", as_detail(changes))
    db.session.commit()


def save_letterhead(actor: Actor, region: Region, data: dict) -> RegionLetterhead:
    """A kecamatan's or desa's own kop, body name and place of signing, kept by its kabupaten's admin;
    blank fields fall back to the defaults derived from the region names."""
    if not actor.covers("settings.manage", region.code):
        abort(403)
    if region.level not in (Level.KECAMATAN, Level.DESA):
        raise Refused("Kop sendiri hanya untuk kecamatan dan desa/kelurahan; kop kabupaten ada di Pengaturan.")
    own = db.session.get(RegionLetterhead, region.code) or RegionLetterhead(region_code=region.code)
    own.body_name = (data.get("body_name") or "").strip()
    own.letterhead = "\n".join(line.rstrip() for line in (data.get("letterhead") or "").splitlines()).strip()
    own.place_of_signing = (data.get("place_of_signing") or "").strip()
    own.updated_at = utcnow()
    db.session.add(own)
    audit(actor.id, "letterhead.updated", region.code)
    db.session.commit()
    return own
