"""Place names for form hints ("mis. PKM Kota Besi"), taken from the signed-in user's own kabupaten.

A form class is built once for every kabupaten, so a hint written into it would name one kabupaten's places
to all of them. `Example("mis. PKM {kecamatan}")` is written in its place: it fills the names in when it is
rendered, from the user's own area (a TTU user sees TTU names), and falls back to neutral words without one.
"""
from __future__ import annotations

from flask import g, has_request_context
from flask_login import current_user
from markupsafe import escape
from sqlalchemy import select

from webapp.extensions import db
from webapp.regions.models import KabupatenSetting, Level, Region, kabupaten_code_of

NEUTRAL = {"kabupaten": "…", "town": "…", "kecamatan": "…", "desa": "…", "desa_login": "desa"}


def _first_below(code: str, level: Level) -> Region | None:
    return db.session.scalars(select(Region).where(Region.code.startswith(code + "."), Region.level == level)
                              .order_by(Region.code).limit(1)).first()


def _names(code: str) -> dict[str, str]:
    """The kabupaten holding `code`, its town, and a kecamatan and desa on the way to `code` (or its first ones)."""
    kabupaten = db.session.get(Region, kabupaten_code_of(code) or "")
    if kabupaten is None:
        return NEUTRAL
    own = {r.level: r for r in db.session.get(Region, code).ancestry()} if len(code) > len(kabupaten.code) else {}
    kecamatan = own.get(Level.KECAMATAN) or _first_below(kabupaten.code, Level.KECAMATAN)
    desa = own.get(Level.DESA) or (_first_below(kecamatan.code, Level.DESA) if kecamatan else None)
    setting = db.session.get(KabupatenSetting, kabupaten.code)
    return {"kabupaten": kabupaten.bare_name, "town": (setting.place_of_signing if setting else "") or kabupaten.bare_name,
            "kecamatan": kecamatan.bare_name if kecamatan else "…", "desa": desa.bare_name if desa else "…",
            "desa_login": "".join(ch for ch in (desa.bare_name if desa else "desa").lower() if ch.isalnum())}


def places() -> dict[str, str]:
    """The names for this request's user (looked up once per request)."""
    if not has_request_context() or not current_user.is_authenticated:
        return NEUTRAL
    if "places" not in g:
        codes = [role.region_code for role in current_user.roles if role.region_code.count(".") >= 1]
        g.places = _names(min(codes, key=lambda c: (c.count("."), c))) if codes else NEUTRAL
    return g.places


class Example:
    """A hint with place names filled in when it is rendered: str(), Jinja and WTForms' attributes all ask here."""

    def __init__(self, template: str) -> None:
        self.template = template

    def __str__(self) -> str:
        return self.template.format(**places())

    def __html__(self) -> str:
        return str(escape(str(self)))

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)
