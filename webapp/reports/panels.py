"""The report's home panels (kader: the month due and returned reports; pokja desa: missing and waiting) and nav."""
from __future__ import annotations

from webapp.regions.queries import setting_for
from webapp.reports import queries, recap
from webapp.reports.models import STATUS_LABELS
from webapp.reports.periods import due_on
from webapp.clock import month_key


def reports_nav(actor):
    if actor.has("report.file") or actor.has("report.view"):
        return {"label": "Laporan", "endpoint": "reports.index", "icon": "report"}
    return None


def kader_panel(actor):
    """Returned reports first, then the month due for each of the kader's Posyandu."""
    filed = queries.filed_posyandu(actor)
    if not filed:
        return None
    due = []
    for posyandu in filed:
        setting = setting_for(posyandu.region_code)
        year, month = recap.last_month(setting.timezone)
        report = queries.find_report(posyandu, year, month)
        due.append({"posyandu": posyandu, "year": year, "month": month, "key": month_key(year, month),
                    "report": report, "due_on": due_on(year, month, setting.report_due_day)})
    returned = [(r, queries.notes(r)) for r in queries.returned_reports(actor)]
    return {"template": "reports/_home_kader.html", "returned": returned, "due": due, "labels": STATUS_LABELS}


def desa_panel(actor):
    """For pokja desa: Posyandu that have not reported last month, and reports waiting to be verified."""
    waiting = queries.waiting_to_verify(actor)
    missing = recap.overview_missing(actor)
    if not waiting and not missing:
        return None
    return {"template": "reports/_home_desa.html", "waiting": waiting, "missing": missing}
