"""The "Belum lapor" page: who to remind for a month's missing reports, each with a WhatsApp message
carrying a deep link (the report form for a Posyandu, the same page one tier down for a region)."""
from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from webapp.access import Actor
from webapp.clock import month_key
from webapp.formatting import bulan_tahun, tanggal
from webapp.regions.models import Region
from webapp.regions.queries import setting_for
from webapp.reports import recap
from webapp.reports.periods import due_on
from webapp.share import whatsapp_link


@dataclass
class Reminder:
    row: recap.CompletenessRow
    href: str        # the page this row opens in the app
    share: str       # the wa.me link


def reminders(actor: Actor, region: Region, year: int, month: int) -> tuple[list[Reminder], recap.CompletenessRow]:
    """Rows with a report not in yet (Posyandu in a desa, else child regions), with their message."""
    rows, total = recap.completeness(actor, region, year, month)
    due = tanggal(due_on(year, month, setting_for(region.code).report_due_day), False)
    month_label, key = bulan_tahun(year, month), month_key(year, month)
    found = []
    for row in rows:
        if region.level == "desa" and row.state == "belum":
            href = url_for("reports.report", posyandu_id=row.posyandu_id, month=key, _external=True)
            text = (f"Pengingat Pokja Posyandu: laporan bulanan {row.label} untuk {month_label} belum masuk "
                    f"(batas {due}). Mohon diisi lewat aplikasi Pokjanal: {href}")
        elif region.level != "desa" and row.missing:
            href = url_for("reports.recap.missing", code=row.key, bulan=key, _external=True)
            text = (f"Pengingat Pokjanal: {row.missing} dari {row.total} laporan Posyandu di {row.label} untuk "
                    f"{month_label} belum masuk (batas {due}). Daftar yang belum melapor: {href}")
        else:
            continue
        found.append(Reminder(row, href, whatsapp_link(text)))
    return found, total
