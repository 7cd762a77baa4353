"""The monthly recap printed as the tier's report: the tier's kop, "N dari M Posyandu melapor", every child
region (empty ones too), absolute S/K/D/N beside the ratios, print date, data source and signature blocks."""
from __future__ import annotations

from webapp import pdf
from webapp.access import Actor
from webapp.clock import local_time, utcnow
from webapp.documents.people import BLANK, approver_of, printed_member
from webapp.lembaga.queries import officer_of
from webapp.formatting import tanggal, waktu
from webapp.regions.letterhead import kop_for
from webapp.regions.models import Region
from webapp.regions.queries import setting_for
from webapp.reports import recap
from webapp.reports.fields import RATIOS, SECTIONS

ABSOLUTE = (("S", "balita_s"), ("K", "balita_k"), ("D", "balita_d"), ("N", "balita_n"))


def made_by(region: Region, body: str) -> dict:
    """"Dibuat oleh": the officer of the tier's body who prepares its reports (its sekretaris, else its ketua),
    never whoever downloads the file; a blank line under "Sekretaris <body>" when the body names none."""
    officer = officer_of(region.code)
    if officer is None:
        return {**BLANK, "jabatan": f"Sekretaris {body}"}
    return {**printed_member(officer), "jabatan": f"{officer.jabatan_label} {body}"}


def recap_context(actor: Actor, region: Region, year: int, month: int) -> dict:
    """Everything the recap PDF prints for what the actor sees: the tier's officer made it, its approver knows it."""
    setting = setting_for(region.code)
    kop = kop_for(region)
    rows, total = recap.recap(actor, region, year, month)
    counted, all_counted = recap.completeness(actor, region, year, month)
    reporting = {row.key: row for row in counted}
    now = utcnow()
    return {
        "setting": setting, "logo": pdf.data_uri(setting.logo, setting.logo_mime), "draft": False,
        "kop_lines": kop.lines, "body": kop.body, "region": region, "year": year, "month": month,
        "rows": rows, "total": total, "reporting": reporting, "all_reporting": all_counted,
        "ratios": RATIOS, "sections": SECTIONS, "absolute": ABSOLUTE,
        "printed_at": waktu(now, setting.timezone),
        "signers": [{"title": "Mengetahui,", **approver_of(region), "date": ""},
                    {"title": "Dibuat oleh,", **made_by(region, kop.body),
                     "date": f"{kop.place}, {tanggal(local_time(now, setting.timezone).date(), False)}"}],
    }
