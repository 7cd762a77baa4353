"""The kabupaten's nomor surat pattern, checked where the setting is saved; `webapp.documents.numbering`
fills it in when a document takes its number."""
from __future__ import annotations

import re

PLACEHOLDERS = {"n", "yyyy", "bulan"}


def pattern_problem(pattern: str) -> str:
    """Why a pattern cannot number documents ("" when it can): it needs {n} and {yyyy} (a number is unique
    only with both) and knows no other placeholder."""
    names = set(re.findall(r"{([^{}]*)}", pattern))
    unknown = names - PLACEHOLDERS
    if unknown:
        return f"Bagian {{{sorted(unknown)[0]}}} tidak dikenal; gunakan {{n}}, {{yyyy}} dan {{bulan}}."
    if not {"n", "yyyy"} <= names:
        return "Pola nomor harus memuat {n} (nomor urut) dan {yyyy} (tahun)."
    return ""
