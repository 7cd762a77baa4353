"""Who pays for a plan line (pemilik anggaran), kept apart from who does it (pelaksana).

Dana Desa, ADD, PADes and the bantuan keuangan to a desa sit in the desa's APBDes, whoever carries the
work; an agency's APBD or a puskesmas's BOK belongs to that agency or unit; swadaya to the community. The
holder is what decides whose Renja/RKA a line belongs to: a Dana Desa line carried by a puskesmas is
never part of Dinkes's Renja.
"""
from __future__ import annotations

from webapp.mitra.models import Mitra
from webapp.mitra.queries import active_mitra
from webapp.regions.models import Level, Region
from webapp.spm import APBDES_SOURCES, FundingSource


class Holder:
    DESA = "desa"              # the desa's APBDes
    MITRA = "mitra"            # an agency, unit or partner: budget_holder_mitra_id
    BODY = "sendiri"           # the drafting body's own (secretariat) budget
    COMMUNITY = "masyarakat"   # swadaya
    UNKNOWN = ""


FIXED_LABELS = {Holder.DESA: "Pemerintah desa (APBDes)", Holder.BODY: "Tim/Pokja sendiri",
                Holder.COMMUNITY: "Swadaya masyarakat", Holder.UNKNOWN: "Belum ditentukan"}
CHOICE_AUTO = ""
MITRA_SOURCES = frozenset({FundingSource.APBD_KAB, FundingSource.APBD_PROV, FundingSource.BOK, FundingSource.CSR,
                           FundingSource.LAINNYA})
APBDES_ONLY = ("Dana Desa, ADD, PADes dan bantuan keuangan ke desa ada di APBDes: pemilik anggarannya pemerintah "
               "desa, siapa pun pelaksananya.")
DESA_ONLY_APBDES = "Pemerintah desa hanya memegang anggaran dari APBDes (Dana Desa, ADD, PADes, bantuan keuangan)."


def default_holder(source: str, pelaksana: Mitra | None) -> tuple[str, int | None]:
    """(kind, mitra id) derived from the funding source: APBDes → the desa; swadaya → the community;
    APBD, BOK, CSR → the pelaksana mitra when there is one, else undecided (the drafter picks)."""
    if source in APBDES_SOURCES:
        return Holder.DESA, None
    if source == FundingSource.SWADAYA:
        return Holder.COMMUNITY, None
    if pelaksana is not None and source in MITRA_SOURCES:
        return Holder.MITRA, pelaksana.id
    return Holder.UNKNOWN, None


def choices(mitra_rows) -> list[tuple[str, str]]:
    """The form's options: automatic, the fixed kinds, then each mitra as "m:<id>"."""
    fixed = [(CHOICE_AUTO, "Otomatis menurut sumber dana")] + [
        (kind, FIXED_LABELS[kind]) for kind in (Holder.DESA, Holder.BODY, Holder.COMMUNITY)]
    return fixed + [(f"m:{m.id}", f"{m.short_name} — {m.name}") for m in mitra_rows]


def holder_choices(region_code: str) -> list[tuple[str, str]]:
    """Pemilik anggaran options: automatic, desa, the body, the community, then the kabupaten's active mitra."""
    return choices(active_mitra(region_code))


def choice_of(line) -> str:
    """The form value of a stored line."""
    if line.budget_holder == Holder.MITRA and line.budget_holder_mitra_id:
        return f"m:{line.budget_holder_mitra_id}"
    return line.budget_holder or CHOICE_AUTO


def checked(choice: str, source: str, pelaksana: Mitra | None, mitra: Mitra | None) -> tuple[str, int | None]:
    """The holder a form choice names (`mitra` already looked up and checked for "m:<id>"), or ValueError
    with the Indonesian reason: APBDes money is always the desa's, and only APBDes money is."""
    if choice == CHOICE_AUTO:
        return default_holder(source, pelaksana)
    in_apbdes = source in APBDES_SOURCES
    if choice.startswith("m:"):
        if mitra is None:
            raise ValueError("Pemilik anggaran tidak dikenal atau bukan mitra kabupaten ini. Pilih dari daftar.")
        if in_apbdes:
            raise ValueError(APBDES_ONLY)
        return Holder.MITRA, mitra.id
    if choice not in (Holder.DESA, Holder.BODY, Holder.COMMUNITY):
        raise ValueError("Pilih pemilik anggaran dari daftar.")
    if in_apbdes and choice != Holder.DESA:
        raise ValueError(APBDES_ONLY)
    if choice == Holder.DESA and not in_apbdes:
        raise ValueError(DESA_ONLY_APBDES)
    return choice, None


def _desa_of(line) -> Region | None:
    """The desa whose APBDes pays: the plan's own desa, else the desa of the line's place."""
    for region in (line.plan.region if line.plan else None, line.posyandu.region if line.posyandu else None,
                   line.location_region):
        if region is not None and region.level == Level.DESA:
            return region
    return None


def holder_label(line) -> str:
    """"Pemerintah Desa Palangan", "Dinkes", "Swadaya masyarakat", … as the plan prints it."""
    if line.budget_holder == Holder.MITRA and line.budget_holder_mitra is not None:
        return line.budget_holder_mitra.short_name
    if line.budget_holder == Holder.DESA and (desa := _desa_of(line)) is not None:
        return f"Pemerintah {desa.label}"
    return FIXED_LABELS.get(line.budget_holder, FIXED_LABELS[Holder.UNKNOWN])
