"""Changing the Posyandu registry and a kabupaten's settings; one commit per use case."""
from __future__ import annotations


from sqlalchemy.orm.exc import StaleDataError

from webapp.access import Actor, require
from webapp.clock import utcnow
from webapp.refusal import Refused
from webapp.audit import audit
from webapp.extensions import db
from webapp.regions.models import KabupatenSetting, Level, PaperSize, Posyandu, Region

LOGO_MAX_BYTES = 500 * 1024
LOGO_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
POSYANDU_FIELDS = ("name", "dusun_rw", "sk_number", "sk_on", "registration_number", "schedule",
                   "kader_with_sk", "is_active")


def save_posyandu(actor: Actor, posyandu: Posyandu | None, data: dict, expected_version: int | None) -> Posyandu:
    """Create or update a Posyandu in a desa the actor manages; a stale version is a conflict."""
    region = db.session.get(Region, data["region_code"])
    if region is None or region.level != Level.DESA:
        raise Refused("Pilih desa/kelurahan yang terdaftar.", "region_code")
    if not actor.covers("posyandu.manage", region.code):
        raise Refused("Desa ini di luar wilayah Anda.", "region_code")
    if posyandu is None:
        posyandu = Posyandu(region_code=region.code)
        db.session.add(posyandu)
    else:
        require(actor, "posyandu.manage", posyandu)
        if expected_version is not None and expected_version != posyandu.version:
            raise Refused("Data Posyandu ini baru saja diubah orang lain. Muat ulang halaman untuk melihat perubahannya.")
        posyandu.region_code = region.code
    for name in POSYANDU_FIELDS:
        if not (name == "kader_with_sk" and posyandu.kader_from_roster):  # counted from the roster instead
            setattr(posyandu, name, data[name])
    db.session.flush()
    audit(actor.id, "posyandu.saved", f"{posyandu.id} {posyandu.name}")
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Refused("Data Posyandu ini baru saja diubah orang lain. Muat ulang halaman.") from None
    return posyandu


def logo_problem(data: bytes) -> str | None:
    if len(data) > LOGO_MAX_BYTES:
        return "Logo maksimal 500 KB."
    if not any(data.startswith(sig) for sig in LOGO_SIGNATURES):
        return "Logo harus berupa gambar PNG atau JPEG."
    return None


def update_settings(actor: Actor, setting: KabupatenSetting, data: dict, logo: bytes | None,
                    remove_logo: bool = False) -> None:
    """The admin's kabupaten settings: body name, paper, letterhead, logo, report due day."""
    require(actor, "settings.manage", setting)
    if logo:
        problem = logo_problem(logo)
        if problem:
            raise Refused(problem, "logo")
        setting.logo = logo
        setting.logo_mime = next(m for sig, m in LOGO_SIGNATURES.items() if logo.startswith(sig))
    elif remove_logo:
        setting.logo, setting.logo_mime = None, None
    setting.body_name = data["body_name"].strip()
    setting.paper_size = PaperSize(data["paper_size"])
    setting.letterhead = "\n".join(line.rstrip() for line in data["letterhead"].splitlines()).strip()
    setting.report_due_day = data["report_due_day"]
    setting.stunting_survey, setting.stunting_target = data.get("stunting_survey"), data.get("stunting_target")
    setting.stunting_survey_source = (data.get("stunting_survey_source") or "").strip()
    setting.updated_at = utcnow()
    audit(actor.id, "settings.updated", setting.region_code)
    db.session.commit()
