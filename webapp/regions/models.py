"""Regions keyed by their Kemendagri code, kabupaten settings and the Posyandu registry."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import Float, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship
from sqlalchemy.orm.util import identity_key

from webapp.extensions import db


class Level(StrEnum):
    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KECAMATAN = "kecamatan"
    DESA = "desa"


LEVEL_BY_PARTS = {1: Level.PROVINSI, 2: Level.KABUPATEN, 3: Level.KECAMATAN, 4: Level.DESA}
DESA_KIND_BY_DIGIT = {"1": "kelurahan", "2": "desa", "3": "desa adat"}


def level_of(code: str) -> Level:
    """The tier follows from the number of parts in the code."""
    return LEVEL_BY_PARTS[code.count(".") + 1]


def parent_code_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def ancestor_codes(code: str) -> list[str]:
    """The codes above this one, nearest first: 62.02.01.2003 → 62.02.01, 62.02, 62."""
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(len(parts) - 1, 0, -1)]


def kabupaten_code_of(code: str) -> str | None:
    parts = code.split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 else None


def is_within(code: str, ancestor: str) -> bool:
    """True when code is ancestor itself or lies below it."""
    return code == ancestor or code.startswith(ancestor + ".")


def kind_of(code: str, level: str) -> str:
    """kelurahan / desa / desa adat for the lowest tier; kabupaten / kota; kecamatan; provinsi."""
    if level == Level.DESA:
        return DESA_KIND_BY_DIGIT.get(code.rsplit(".", 1)[1][0], "desa")
    if level == Level.KABUPATEN:
        return "kota" if int(code.split(".")[1]) >= 71 else "kabupaten"
    return str(level)


def bare_name_of(name: str, level: str) -> str:
    for prefix in ("Kabupaten ", "Kota ", "Kab. "):
        if level == Level.KABUPATEN and name.startswith(prefix):
            return name[len(prefix):]
    return name


KIND_PREFIX = {"kelurahan": "Kelurahan", "desa": "Desa", "desa adat": "Desa Adat", "kecamatan": "Kec.",
               "kabupaten": "Kab.", "kota": "Kota", "provinsi": "Prov."}


def region_label(code: str, name: str, level: str) -> str:
    """A region's label from its columns alone (lists that select columns, not Region rows)."""
    return f"{KIND_PREFIX[kind_of(code, level)]} {bare_name_of(name, level)}"


class Region(db.Model):
    code: Mapped[str] = mapped_column(String(13), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    level: Mapped[Level] = mapped_column(String(12), index=True)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"), index=True)

    # Loaded on use (a get by code, answered from the session when the parent is there): a joined
    # chain three levels deep on every Region load cost more ORM work than any page saved.
    parent: Mapped[Region | None] = relationship(remote_side=[code])

    @property
    def kind(self) -> str:
        """kelurahan / desa / desa adat for the lowest tier; kabupaten / kota; kecamatan; provinsi."""
        return kind_of(self.code, self.level)

    @property
    def bare_name(self) -> str:
        return bare_name_of(self.name, self.level)

    @property
    def label(self) -> str:
        """Name with its kind, as people write it: "Desa Palangan", "Kec. Kota Besi", "Kab. Kotawaringin Timur"."""
        return region_label(self.code, self.name, self.level)

    @property
    def formal_label(self) -> str:
        """The kind written in full, as titles need it: "Kecamatan Kota Besi", "Kabupaten Timor Tengah Utara"."""
        return f"{self.kind.title()} {self.bare_name}"

    @property
    def kabupaten_code(self) -> str | None:
        return kabupaten_code_of(self.code)

    @property
    def approver_title(self) -> str:
        """Who approves at this region: Lurah, Kepala Desa, Camat, Bupati or Wali Kota."""
        return {
            "kelurahan": "Lurah", "desa": "Kepala Desa", "desa adat": "Kepala Desa Adat",
            "kecamatan": "Camat", "kabupaten": "Bupati", "kota": "Wali Kota", "provinsi": "Gubernur",
        }[self.kind]

    def ancestry(self) -> list[Region]:
        """This region and its parents, nearest first (those not yet in the session in one statement)."""
        session = object_session(self)
        if session is None:
            chain, node = [], self
            while node is not None:
                chain.append(node)
                node = node.parent
            return chain
        known = {c: session.identity_map.get(identity_key(Region, c)) for c in ancestor_codes(self.code)}
        missing = [c for c, region in known.items() if region is None]
        if missing:
            known.update((r.code, r) for r in session.scalars(select(Region).where(Region.code.in_(missing))))
        chain = [self]
        while chain[-1].parent_code and known.get(chain[-1].parent_code) is not None:
            chain.append(known[chain[-1].parent_code])
        return chain

    @property
    def full_label(self) -> str:
        """"Desa Palangan, Kec. Kota Besi, Kab. Kotawaringin Timur" (the province is left off)."""
        return ", ".join(r.label for r in self.ancestry() if r.level != Level.PROVINSI) or self.label

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): where access rules look."""
        return (self.code, None)


class PaperSize(StrEnum):
    A4 = "A4"
    F4 = "F4"


PAPER_CSS = {PaperSize.A4: "210mm 297mm", PaperSize.F4: "215mm 330mm"}

ZONE_SUFFIX = {
    "Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT",
}
WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96", "97"}
PONTIANAK_PROVINCES = {"61", "62"}


def default_timezone(code: str) -> str:
    """The zone of a kabupaten's province: WIB, WITA or WIT."""
    province = code.split(".")[0]
    if province in WITA_PROVINCES:
        return "Asia/Makassar"
    if province in WIT_PROVINCES:
        return "Asia/Jayapura"
    if province in PONTIANAK_PROVINCES:
        return "Asia/Pontianak"
    return "Asia/Jakarta"


class KabupatenSetting(db.Model):
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)
    timezone: Mapped[str] = mapped_column(String(40))
    body_name: Mapped[str] = mapped_column(String(120), default="Pokjanal Posyandu")
    paper_size: Mapped[PaperSize] = mapped_column(String(2), default=PaperSize.A4)
    letterhead: Mapped[str] = mapped_column(Text, default="")
    logo: Mapped[bytes | None] = mapped_column(db.LargeBinary)
    logo_mime: Mapped[str | None] = mapped_column(String(20))
    report_due_day: Mapped[int] = mapped_column(default=5)
    place_of_signing: Mapped[str] = mapped_column(String(80), default="")  # the town: "Sampit", "Kefamenanu"
    # The nomor surat of undangan, laporan kegiatan and approved plans: {n} the body's counter for the
    # year, {yyyy} the year, {bulan} the month in Roman numerals (as offices write it).
    number_pattern: Mapped[str] = mapped_column(String(80), default="400.5.9/{n}/Pokjanal/{yyyy}")
    # The survey's stunting prevalence (SKI/SSGI) and the kabupaten's target, in %, shown beside the
    # Posyandu's own "stunting per diukur" (which is not a prevalence).
    stunting_survey: Mapped[float | None] = mapped_column(Float)
    stunting_survey_source: Mapped[str] = mapped_column(String(60), default="")
    stunting_target: Mapped[float | None] = mapped_column(Float)
    updated_at: Mapped[dt.datetime | None]

    region: Mapped[Region] = relationship()

    @property
    def zone_suffix(self) -> str:
        return ZONE_SUFFIX.get(self.timezone, self.timezone)

    @property
    def letterhead_lines(self) -> list[str]:
        return [line for line in self.letterhead.splitlines() if line.strip()]

    @property
    def page_size_css(self) -> str:
        return PAPER_CSS[PaperSize(self.paper_size)]

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): where access rules look."""
        return (self.region_code, None)


class RegionLetterhead(db.Model):
    """A kecamatan's or desa's own kop, body name and place of signing; blank parts fall back to
    what the tier's defaults derive from the region names and the kabupaten setting."""

    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)
    body_name: Mapped[str] = mapped_column(String(160), default="")
    letterhead: Mapped[str] = mapped_column(Text, default="")
    place_of_signing: Mapped[str] = mapped_column(String(80), default="")
    updated_at: Mapped[dt.datetime | None]

    @property
    def letterhead_lines(self) -> list[str]:
        return [line for line in self.letterhead.splitlines() if line.strip()]


class Posyandu(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    dusun_rw: Mapped[str] = mapped_column(String(120), default="")
    sk_number: Mapped[str] = mapped_column(String(120), default="")
    sk_on: Mapped[dt.date | None]
    registration_number: Mapped[str] = mapped_column(String(60), default="")
    schedule: Mapped[str] = mapped_column(String(120), default="")
    strata: Mapped[str] = mapped_column(String(12), default="")  # as the Dinkes' own list declares it, if given
    kader_with_sk: Mapped[int] = mapped_column(default=0)
    kader_from_roster: Mapped[bool] = mapped_column(default=False)  # kader_with_sk is counted from the roster
    is_active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)

    region: Mapped[Region] = relationship()

    __mapper_args__ = {"version_id_col": version}

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): where access rules look."""
        return (self.region_code, self.id)