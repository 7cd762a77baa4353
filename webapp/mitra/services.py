"""Adding and changing a mitra of a kabupaten (admin, `mitra.manage`): all checks first, one commit."""
from __future__ import annotations

from sqlalchemy import select

from webapp.access import Actor, require
from webapp.audit import audit
from webapp.extensions import db
from webapp.mitra.models import Mitra, MitraKind
from webapp.refusal import Refused, commit_or_conflict
from webapp.regions.models import Level, Region, level_of
from webapp.spm import URUSAN, SpmField
from webapp.inputs import posted_id

DUPLICATE = "Nama singkat ini sudah dipakai mitra lain di kabupaten ini."


def save_mitra(actor: Actor, mitra: Mitra | None, data: dict) -> Mitra:
    """Create (mitra None) or change a mitra. Refused: unknown kind, a missing name, a parent agency or a
    kecamatan outside the kabupaten, an unknown SPM field or urusan code; 403 outside the admin's kabupaten."""
    code = mitra.kabupaten_code if mitra is not None else data.get("kabupaten_code") or ""
    region = db.session.get(Region, code)
    if region is None or level_of(code) != Level.KABUPATEN:
        raise Refused("Pilih kabupaten mitra ini.", "kabupaten_code")
    target = mitra or Mitra(kabupaten_code=code)
    require(actor, "mitra.manage", target)
    values = _checked(code, target, data)
    if mitra is None:
        db.session.add(target)
    for name, value in values.items():
        setattr(target, name, value)
    db.session.flush()
    audit(actor.id, "mitra.saved", f"{target.id} {code}", target.short_name)
    commit_or_conflict(DUPLICATE)
    return target


def _checked(code: str, mitra: Mitra, data: dict) -> dict:
    kind = data.get("kind")
    if kind not in set(MitraKind):
        raise Refused("Pilih jenis mitra.", "kind")
    short_name, name = (data.get("short_name") or "").strip(), (data.get("name") or "").strip()
    if not short_name:
        raise Refused("Nama singkat wajib diisi, mis. Dinkes.", "short_name")
    if not name:
        raise Refused("Nama lengkap wajib diisi, mis. Dinas Kesehatan.", "name")
    taken = db.session.scalar(select(Mitra.id).where(Mitra.kabupaten_code == code, Mitra.short_name == short_name,
                                                     Mitra.id != (mitra.id or 0)))
    if taken:
        raise Refused(DUPLICATE, "short_name")
    fields = data.get("fields") or []
    if not fields or not set(fields) <= set(SpmField):
        raise Refused("Pilih minimal satu bidang yang dilayani.", "fields")
    urusan = (data.get("urusan_code") or "").strip()
    if urusan and urusan not in URUSAN:
        raise Refused("Kode urusan SIPD tidak dikenal. Pilih dari daftar, atau kosongkan.", "urusan_code")
    areas = sorted(set(data.get("area_codes") or []))
    if any(level_of(a) != Level.KECAMATAN or not a.startswith(code + ".") or db.session.get(Region, a) is None
           for a in areas):
        raise Refused("Wilayah kerja harus kecamatan di kabupaten ini.", "area_codes")
    return {"kind": MitraKind(kind), "short_name": short_name[:40], "name": name[:200],
            "parent_id": _checked_parent(code, mitra, data.get("parent_id"), kind),
            "fields": ",".join(f for f in SpmField if f in fields), "urusan_code": urusan,
            "area_codes": ",".join(areas), "is_active": bool(data.get("is_active", True))}


def _checked_parent(code: str, mitra: Mitra, value, kind: str) -> int | None:
    """A unit belongs to an agency (OPD) of the same kabupaten; others belong to none."""
    if value in (None, ""):
        return None
    parent_id = posted_id(value)
    parent = db.session.get(Mitra, parent_id) if parent_id is not None else None
    if (parent is None or parent.kabupaten_code != code or parent.kind != MitraKind.OPD or parent.id == mitra.id
            or kind == MitraKind.OPD):
        raise Refused("Induk harus perangkat daerah (OPD) di kabupaten ini; OPD sendiri tidak berinduk.",
                      "parent_id")
    return parent.id
