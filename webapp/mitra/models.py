"""The body's partners (mitra): sector agencies, their units, TP PKK, BKKBN staff and non-government partners."""
from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.clock import utcnow
from webapp.extensions import db
from webapp.regions.models import Region
from webapp.spm import SPM_LABELS, URUSAN, SpmField


class MitraKind(StrEnum):
    OPD = "opd"                    # a sector agency: dinas, badan
    UNIT = "unit"                  # a unit of an agency or a kecamatan office: puskesmas, UPT, KUA, kantor camat
    PKK = "pkk"                    # TP PKK at its tier
    BKKBN = "bkkbn"                # BKKBN field staff (PKB/PLKB)
    NON_GOVERNMENT = "nonpemerintah"   # CSR, NGO, university


KIND_LABELS = {
    MitraKind.OPD: "Perangkat daerah (OPD)", MitraKind.UNIT: "Unit kerja / UPT", MitraKind.PKK: "TP PKK",
    MitraKind.BKKBN: "BKKBN / penyuluh KB", MitraKind.NON_GOVERNMENT: "Non-pemerintah (CSR, LSM, perguruan tinggi)",
}


class Mitra(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    kabupaten_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("mitra.id"), index=True)
    kind: Mapped[MitraKind] = mapped_column(String(16))
    short_name: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    fields: Mapped[str] = mapped_column(String(200), default="")       # SPM fields served, comma-separated
    urusan_code: Mapped[str] = mapped_column(String(8), default="")    # SIPD urusan, e.g. 1.02
    area_codes: Mapped[str] = mapped_column(String(400), default="")   # kecamatan codes; "" = whole kabupaten
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    kabupaten: Mapped[Region] = relationship(lazy="joined")
    parent: Mapped[Mitra | None] = relationship(remote_side=[id], back_populates="units")
    units: Mapped[list[Mitra]] = relationship(back_populates="parent", order_by="Mitra.short_name")

    __table_args__ = (UniqueConstraint("kabupaten_code", "short_name", name="uq_mitra_short_name"),)

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): a mitra belongs to its kabupaten."""
        return (self.kabupaten_code, None)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[MitraKind(self.kind)]

    @property
    def field_list(self) -> list[SpmField]:
        return [SpmField(f) for f in self.fields.split(",") if f in set(SpmField)]

    @property
    def field_labels(self) -> str:
        return ", ".join(SPM_LABELS[f] for f in self.field_list)

    @property
    def area_list(self) -> list[str]:
        return [code for code in self.area_codes.split(",") if code]

    @property
    def urusan_label(self) -> str:
        return f"{self.urusan_code} {URUSAN[self.urusan_code]}" if self.urusan_code in URUSAN else ""

    @property
    def family_ids(self) -> list[int]:
        """This mitra and its units: an agency's page includes the lines of its puskesmas or UPT."""
        return [self.id] + [unit.id for unit in self.units]

    def __str__(self) -> str:
        return self.short_name
