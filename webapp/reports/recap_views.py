"""Completeness, recap and exports of the monthly reports, each tier within its own subtree."""
from __future__ import annotations

from flask import Blueprint, abort, request

from webapp.access import current_actor, requires
from webapp.exports import answer
from webapp.pdf import pdf_response, render_pdf
from webapp.regions.queries import get_region_or_404, setting_for
from webapp.rendering import render
from webapp.reports import exports, printing, queries, recap, reminders
from webapp.reports.fields import RATIOS, SECTIONS, STUNTING_NOTE
from webapp.clock import month_key, parse_month, shift_month, today_in

bp = Blueprint("recap", __name__)


def _month_range(region) -> tuple[tuple[int, int], tuple[int, int]]:
    """From the kabupaten's first report (at least a year back) to this month: navigation ends there."""
    today = today_in(setting_for(region.code).timezone)
    latest = (today.year, today.month)
    year_back = shift_month(*latest, -12)
    first = queries.first_month(region.kabupaten_code or region.code)
    return min(first or year_back, year_back), latest


def _region_and_month(code: str, text: str | None):
    """The region (404 outside scope) and the asked month, by default last month in the kabupaten's zone;
    a month outside the kabupaten's data range is 404, so a crawler's walk ends."""
    region = get_region_or_404(current_actor(), code, "report.view")
    earliest, latest = _month_range(region)
    period = parse_month(text) if text else shift_month(*latest, -1)
    if period is None or not earliest <= period <= latest:
        abort(404)
    return region, period


def _nav(region, year: int, month: int) -> dict:
    earliest, latest = _month_range(region)
    before, after = shift_month(year, month, -1), shift_month(year, month, 1)
    return {"region": region, "year": year, "month": month, "month_key": month_key(year, month),
            "previous": month_key(*before) if before >= earliest else None,
            "next": month_key(*after) if after <= latest else None}


@bp.get("/kelengkapan/<code>")
@requires("report.view")
def completeness(code: str):
    """On time, late and missing per child region (or per Posyandu in a desa) for one month."""
    region, (year, month) = _region_and_month(code, request.args.get("bulan"))
    rows, total = recap.completeness(current_actor(), region, year, month)
    return render("reports/completeness.html", rows=rows, total=total, **_nav(region, year, month))


@bp.get("/belum-lapor/<code>")
@requires("report.view")
def missing(code: str):
    """Who to remind for the month: one WhatsApp message per Posyandu (in a desa) or per region below."""
    region, (year, month) = _region_and_month(code, request.args.get("bulan"))
    rows, total = reminders.reminders(current_actor(), region, year, month)
    return render("reports/missing.html", rows=rows, total=total, **_nav(region, year, month))


@bp.get("/rekap/<code>")
@requires("report.view")
def recap_page(code: str):
    """Sums and ratios (D/S, K/S, N/D, stunting) per child region for one month."""
    region, (year, month) = _region_and_month(code, request.args.get("bulan"))
    rows, total = recap.recap(current_actor(), region, year, month)
    return render("reports/recap.html", rows=rows, total=total, ratios=RATIOS, sections=SECTIONS,
                  stunting_note=STUNTING_NOTE, survey=setting_for(region.code) if "." in region.code else None,
                  **_nav(region, year, month))


@bp.get("/rekap/<code>/<month>.<fmt>")
@requires("report.view")
def recap_export(code: str, month: str, fmt: str):
    """The recap as Excel, CSV (Indonesian Excel; `?untuk=mesin` for machines) or the tier's signed PDF."""
    if fmt not in ("xlsx", "csv", "pdf"):
        abort(404)
    region, (year, mon) = _region_and_month(code, month)
    name = f"rekap-{region.code}-{month_key(year, mon)}"
    if fmt == "pdf":
        context = printing.recap_context(current_actor(), region, year, mon)
        return pdf_response(render_pdf("pdf/report_recap.html", **context), f"{name}.pdf")
    rows, total = recap.recap(current_actor(), region, year, mon)
    return answer(exports.recap_export(region, year, mon, rows, total), name, fmt, request.args.get("untuk") == "mesin")


@bp.get("/data/<code>/<month>.<fmt>")
@requires("report.view")
def raw_export(code: str, month: str, fmt: str):
    """Every received report of the month under the region, one line each, as Excel or CSV (`?untuk=mesin`)."""
    if fmt not in ("xlsx", "csv"):
        abort(404)
    region, (year, mon) = _region_and_month(code, month)
    export = exports.raw_export(region, year, mon, queries.reports_in(current_actor(), region.code, year, mon))
    return answer(export, f"laporan-{region.code}-{month_key(year, mon)}", fmt, request.args.get("untuk") == "mesin")
