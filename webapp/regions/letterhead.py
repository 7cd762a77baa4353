"""The kop, body name and place of signing of a document issued at a region's tier.

A kabupaten document uses the kabupaten setting; a kecamatan or desa document uses that region's
own RegionLetterhead where set, and otherwise lines derived from the region names (titles in
full: PEMERINTAH KABUPATEN … / KECAMATAN … / DESA …). The logo is the kabupaten's emblem.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from webapp.extensions import db
from webapp.regions.models import KabupatenSetting, Level, Region, RegionLetterhead
from webapp.regions.queries import setting_for

DEFAULT_BODY = "Pokjanal Posyandu"
DESA_BODY = "Pokja Posyandu"  # what desa call the body while the kabupaten keeps the old name


@dataclass(frozen=True)
class Kop:
    lines: list[str]
    body: str  # "Pokjanal Posyandu Kecamatan Kota Besi"
    place: str  # "Sampit", "Kota Besi", "Palangan"

    def as_dict(self) -> dict:
        return asdict(self)


def _government_lines(region: Region) -> list[str]:
    """PEMERINTAH KABUPATEN … then each tier down to the region, in capitals and in full."""
    chain = [r for r in reversed(region.ancestry()) if r.level != Level.PROVINSI]
    return [f"PEMERINTAH {chain[0].formal_label.upper()}", *(r.formal_label.upper() for r in chain[1:])]


def body_name_for(region: Region, setting: KabupatenSetting) -> str:
    """The body's name for this tier with the region written in full."""
    base = setting.body_name or DEFAULT_BODY
    if region.level == Level.DESA and base == DEFAULT_BODY:
        base = DESA_BODY
    return f"{base} {region.formal_label}"


def kop_for(region: Region) -> Kop:
    """Kop lines, body name and place of signing for a document issued at this region's tier."""
    setting = setting_for(region.code)
    own = db.session.get(RegionLetterhead, region.code) if region.level != Level.KABUPATEN else None
    body = (own.body_name if own and own.body_name else "") or body_name_for(region, setting)
    if region.level == Level.KABUPATEN:
        lines = setting.letterhead_lines or [*_government_lines(region), body.upper()]
        place = setting.place_of_signing or region.bare_name
    else:
        lines = (own.letterhead_lines if own else []) or [*_government_lines(region), body.upper()]
        place = (own.place_of_signing if own else "") or region.bare_name
    return Kop(lines=lines, body=body, place=place)
