"""Plain factory functions with keyword overrides; each flushes so ids exist."""
from __future__ import annotations

import itertools

from webapp.auth.models import Role, RoleAssignment, User
from webapp.auth.passwords import hash_password
from webapp.extensions import db
from webapp.regions.models import KabupatenSetting, Posyandu, Region, default_timezone, level_of, parent_code_of

_counter = itertools.count(1)
PASSWORD = "sandi-uji-panjang"


def make_region(code: str, name: str | None = None) -> Region:
    """Create the region and any missing parents (with a kabupaten setting row)."""
    parent = parent_code_of(code)
    if parent and db.session.get(Region, parent) is None:
        make_region(parent)
    region = db.session.get(Region, code)
    if region is None:
        region = Region(code=code, name=name or f"Wilayah {code}", level=level_of(code), parent_code=parent)
        db.session.add(region)
        db.session.flush()
        if region.level == "kabupaten":
            db.session.add(KabupatenSetting(region_code=code, timezone=default_timezone(code),
                                            body_name="Pokjanal Posyandu", paper_size="A4", letterhead="",
                                            report_due_day=5))
            db.session.flush()
    return region


def make_posyandu(region_code: str = "62.02.01.2003", **overrides) -> Posyandu:
    make_region(region_code)
    values = {"name": f"Posyandu Uji {next(_counter)}", "kader_with_sk": 5, "is_active": True}
    values.update(overrides)
    posyandu = Posyandu(region_code=region_code, **values)
    db.session.add(posyandu)
    db.session.flush()
    return posyandu


def make_user(role: Role | str = Role.ANGGOTA, region_code: str = "62.02.01.2003", *,
              posyandu: Posyandu | None = None, password: str = PASSWORD, **overrides) -> User:
    make_region(region_code)
    role = Role(role)
    if role == Role.KADER and posyandu is None:
        posyandu = make_posyandu(region_code)
    n = next(_counter)
    values = {"username": f"user{n}", "full_name": f"Pengguna Uji {n}", "jabatan": "", "nip": ""}
    values.update(overrides)
    user = User(password_hash=hash_password(password), **values)
    user.roles.append(RoleAssignment(role=role, region_code=region_code,
                                     posyandu_id=posyandu.id if posyandu else None))
    db.session.add(user)
    db.session.commit()
    return user
