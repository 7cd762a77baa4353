"""The standard ILP kit of a Posyandu (domain §9.6, a typical list; kept here as reference data).

`growth` marks the items that monitor growth and development: a Posyandu has them all, present
and in good condition, for the fourth *Posyandu aktif* criterion. `required` items make the kit
complete (the ILP measure); the cholesterol/uric acid meter is only "where provided".
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KitItem:
    key: str
    label: str
    growth: bool = False
    required: bool = True


KIT: tuple[KitItem, ...] = (
    KitItem("dacin", "Dacin / timbangan bayi", growth=True),
    KitItem("adult_scale", "Timbangan dewasa"),
    KitItem("infantometer", "Infantometer (alat ukur panjang badan)", growth=True),
    KitItem("stadiometer", "Stadiometer (alat ukur tinggi badan)", growth=True),
    KitItem("lila_tape", "Pita LILA", growth=True),
    KitItem("head_tape", "Pita lingkar kepala", growth=True),
    KitItem("kpsp_kit", "Kit KPSP/SDIDTK (perkembangan)", growth=True),
    KitItem("tensimeter", "Tensimeter"),
    KitItem("glucometer", "Glukometer dan strip"),
    KitItem("hb_meter", "Alat ukur Hb"),
    KitItem("chol_meter", "Alat ukur kolesterol/asam urat (bila tersedia)", required=False),
    KitItem("kia_book", "Buku KIA"),
    KitItem("kms", "KMS"),
    KitItem("kader_kit", "Kader kit (tas, formulir, media penyuluhan)"),
)
ITEM_BY_KEY = {item.key: item for item in KIT}
CONDITIONS = {"baik": "Baik", "rusak": "Rusak"}


def usable(rows: dict) -> set[str]:
    """Keys of items present and in good condition; `rows` maps key -> object with `available`, `condition`."""
    return {key for key, row in rows.items() if row.available and row.condition == "baik"}


GROWTH_KEYS = frozenset(item.key for item in KIT if item.growth)
REQUIRED_KEYS = frozenset(item.key for item in KIT if item.required)


def has_growth_kit(rows: dict) -> bool:
    return GROWTH_KEYS <= usable(rows)


def kit_complete(rows: dict) -> bool:
    return REQUIRED_KEYS <= usable(rows)


def gaps(rows: dict) -> list[str]:
    """Labels of required items missing, broken or not yet checked."""
    have = usable(rows)
    return [item.label for item in KIT if item.required and item.key not in have]
