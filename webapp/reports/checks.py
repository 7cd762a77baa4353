"""The report's checks: errors that block submitting and warnings that ask for confirmation.

Pure functions over a dict of values (count name -> int | None, plus open_dates, closed,
closed_reason), so the form, the services and the tests use the same rules. Each returns
{field name: [message, ...]}; "" as field name means the whole report.
"""
from __future__ import annotations

import datetime as dt
import re

from webapp.formatting import angka, bulan_tahun, persen
from webapp.reports.fields import COUNT_NAMES, GROUPS, FIELD_BY_NAME, VITAMIN_A_MONTHS

MAX_COUNT = 100_000
JUMP = 0.5  # a change of more than half against the mean of the last three reports...
JUMP_FLOOR = 3  # ...and of at least 3, so small counts (O, B, BGM: 2 → 4) do not warn every month
MIN_DS = 0.5

# (field, must not exceed field, message)
NOT_ABOVE = (
    ("balita_d", "balita_s", "D (ditimbang) tidak boleh lebih dari S (semua balita di wilayah)."),
    ("balita_k", "balita_s", "K (punya Buku KIA/KMS) tidak boleh lebih dari S (semua balita di wilayah)."),
    ("balita_n", "balita_d", "N (berat badan naik) tidak boleh lebih dari D (ditimbang): yang naik pasti ditimbang."),
    ("balita_o", "balita_d", "O (tidak ditimbang bulan lalu) tidak boleh lebih dari D (ditimbang bulan ini)."),
    ("balita_b", "balita_d", "B (baru pertama ditimbang) tidak boleh lebih dari D (ditimbang bulan ini)."),
    ("stunted", "measured", "Jumlah stunting tidak boleh lebih dari balita yang diukur panjang/tinggi badan."),
    ("wasted", "measured", "Jumlah wasting tidak boleh lebih dari balita yang diukur panjang/tinggi badan."),
    ("balita_t", "balita_d", "T (tidak naik) tidak boleh lebih dari D (ditimbang): yang tidak naik pasti ditimbang."),
    ("balita_2t", "balita_t", "2T (tidak naik dua kali) tidak boleh lebih dari T (tidak naik bulan ini)."),
    ("underweight", "balita_d", "Berat badan kurang tidak boleh lebih dari D (ditimbang)."),
    ("bayi_immunised", "bayi_served", "Bayi diimunisasi tidak boleh lebih dari bayi yang dilayani."),
    ("vitamin_a", "balita_d", "Balita mendapat vitamin A tidak boleh lebih dari D (ditimbang bulan ini)."),
)


def parse_count(raw: str | None) -> tuple[int | None, str | None]:
    """Typed text -> (value, message). Blank is None ("not reported"), never 0."""
    text = (raw or "").strip()
    if not text:
        return None, None
    if re.fullmatch(r"\d+", text):
        value = int(text)
        return (value, None) if value <= MAX_COUNT else (None, f"Angka terlalu besar (maksimal {angka(MAX_COUNT)}).")
    if re.fullmatch(r"-\s*\d+([.,]\d+)?", text):
        return None, "Tidak boleh negatif."
    if re.fullmatch(r"\d+[.,]\d+", text):
        return None, "Isi bilangan bulat, tanpa koma."
    return None, "Isi angka bulat, atau kosongkan bila tidak dilaporkan."


def _add(found: dict[str, list[str]], field: str, message: str) -> None:
    found.setdefault(field, []).append(message)


def errors(values: dict, year: int, month: int, today: dt.date) -> dict[str, list[str]]:
    """Rules that block submitting (consistency of counts, dates within the month, no future month)."""
    found: dict[str, list[str]] = {}
    if (year, month) > (today.year, today.month):
        _add(found, "", f"Laporan {bulan_tahun(year, month)} belum bisa diisi: bulannya belum tiba.")
    for date in values.get("open_dates") or []:
        if (date.year, date.month) != (year, month):
            _add(found, "open_dates", f"Tanggal {date.day}/{date.month}/{date.year} di luar bulan "
                                      f"{bulan_tahun(year, month)}.")
    if values.get("closed") and values.get("open_dates"):
        _add(found, "open_dates", "Posyandu ditandai tidak buka bulan ini, tetapi ada tanggal hari buka. Hapus "
                                  "tanggalnya, atau hapus centang \"Tidak buka bulan ini\".")
    for field, ceiling, message in NOT_ABOVE:
        value, limit = values.get(field), values.get(ceiling)
        if value is not None and limit is not None and value > limit:
            _add(found, field, message)
    for group in GROUPS:
        served, target = values.get(f"{group.key}_served"), values.get(f"{group.key}_target")
        if not group.can_exceed and served is not None and target is not None and served > target:
            _add(found, f"{group.key}_served", f"Yang dilayani ({served}) lebih dari sasaran ({target}): {group.rule}.")
    _skdn_errors(values, found)
    return found


def _filled(values: dict, *names: str) -> list[int] | None:
    """The values of these fields when every one is filled, else None (blank is not 0)."""
    found = [values.get(name) for name in names]
    return None if any(v is None for v in found) else found


def _skdn_errors(values: dict, found: dict[str, list[str]]) -> None:
    """N and T count only children weighed this month and last (domain §9.3): at most D − O − B."""
    if (dob := _filled(values, "balita_d", "balita_o", "balita_b")) is not None:
        d, o, b = dob
        for name, letter in (("balita_n", "N"), ("balita_t", "T")):
            value = values.get(name)
            if value is not None and value > d - o - b:
                _add(found, name, f"{letter} ({value}) tidak boleh lebih dari D − O − B ({d} − {o} − {b} = {d - o - b}): "
                                  "hanya balita yang ditimbang bulan ini dan bulan lalu yang dinilai naik/tidak naik.")
    if (served := _filled(values, "balita_d", "bayi_served", "balita_served")) is not None:
        d, bayi, balita = served
        if d > bayi + balita:
            _add(found, "balita_d", f"D ({d}) lebih dari bayi + balita yang dilayani ({bayi} + {balita} = "
                                    f"{bayi + balita}): yang ditimbang pasti dilayani.")


def completeness_errors(values: dict) -> dict[str, list[str]]:
    """What a report needs before it is sent: the hari buka date(s), or "tidak buka" with its reason."""
    found: dict[str, list[str]] = {}
    if values.get("closed"):
        if not (values.get("closed_reason") or "").strip():
            _add(found, "closed_reason", "Tulis alasan Posyandu tidak buka bulan ini.")
    elif not values.get("open_dates"):
        _add(found, "open_dates", "Isi tanggal hari buka, atau centang \"Tidak buka bulan ini\".")
    return found


def jump(name: str, value: int | None, history: list[dict]) -> str | None:
    """The message when a count moves more than half away from the mean of the last three reports."""
    earlier = [h[name] for h in history[:3] if h.get(name) is not None]
    if value is None or not earlier:
        return None
    mean = sum(earlier) / len(earlier)
    if mean > 0 and abs(value - mean) > JUMP * mean and abs(value - mean) >= JUMP_FLOOR:
        return (f"{FIELD_BY_NAME[name].header}: {value} berbeda lebih dari separuh dari rata-rata "
                f"{len(earlier)} laporan terakhir ({_one_decimal(mean)}). Periksa lagi.")
    return None


def _one_decimal(value: float) -> str:
    """"1.234,5" or "12" as Babel's angka(round(value, 1)) writes it, without Babel's ~75 µs a number
    (the sentinel asks this for every report of a kabupaten)."""
    text = f"{value:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return text.removesuffix(",0")


def warnings(values: dict, history: list[dict], month: int | None = None) -> dict[str, list[str]]:
    """Rules that ask the kader to confirm: jumps against the last three reports, low D/S, a group not served,
    S unlike the bayi + balita targets, vitamin A outside February and August."""
    found: dict[str, list[str]] = {}
    for name in COUNT_NAMES:
        message = jump(name, values.get(name), history)
        if message:
            _add(found, name, message)
    if values.get("closed"):
        return found
    _target_warnings(values, month, found)
    d, s = values.get("balita_d"), values.get("balita_s")
    if d is not None and s and d / s < MIN_DS:
        _add(found, "balita_d", f"D/S hanya {persen(d, s)}, di bawah 50 %. Benar begitu?")
    for group in GROUPS:
        served, target = values.get(f"{group.key}_served"), values.get(f"{group.key}_target")
        if not served and target != 0:
            _add(found, f"{group.key}_served", f"{group.label}: tidak ada yang dilayani bulan ini. Benar begitu?")
    return found


def _target_warnings(values: dict, month: int | None, found: dict[str, list[str]]) -> None:
    if (sasaran := _filled(values, "balita_s", "bayi_target", "balita_target")) is not None:
        s, bayi, balita = sasaran
        if s != bayi + balita:
            _add(found, "balita_s", f"S ({s}) tidak sama dengan sasaran bayi + balita ({bayi} + {balita} = "
                                    f"{bayi + balita}). Keduanya menghitung anak 0–59 bulan di wilayah; periksa lagi.")
    if month is not None and month not in VITAMIN_A_MONTHS and values.get("vitamin_a"):
        _add(found, "vitamin_a", f"Vitamin A untuk balita diberikan pada bulan Februari dan Agustus, "
                                 f"tetapi tercatat {values['vitamin_a']} di bulan ini. Benar begitu?")


def merge(*parts: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for part in parts:
        for field, messages in part.items():
            merged.setdefault(field, []).extend(messages)
    return merged
