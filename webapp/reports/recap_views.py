"""Completeness, recap and exports of the monthly reports, each tier within its own subtree."""
from __future__ import annotations

from flask import Blueprint, abort, request

from webapp.access import current_actor, requires
from webapp.pdf import data_uri, pdf_response, render_pdf
from webapp.regions.queries import get_region_or_404, setting_for
from webapp.rendering import render
from webapp.reports import exports, queries, recap
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
    """The recap as Excel, CSV or a printable PDF on the kabupaten's letterhead."""
    if fmt not in ("xlsx", "csv", "pdf"):
        abort(404)
    region, (year, mon) = _region_and_month(code, month)
    rows, total = recap.recap(current_actor(), region, year, mon)
    name = f"rekap-{region.code}-{month_key(year, mon)}"
    if fmt == "pdf":
        setting = setting_for(region.code)
        return pdf_response(render_pdf("pdf/report_recap.html", setting=setting, draft=False, rows=rows, total=total,
                                       logo=data_uri(setting.logo, setting.logo_mime), ratios=RATIOS,
                                       sections=SECTIONS, **_nav(region, year, mon)), f"{name}.pdf")
    header, lines = exports.recap_table(rows, total, "Posyandu" if region.level == "desa" else "Wilayah")
    data = exports.to_xlsx("Rekap", header, lines) if fmt == "xlsx" else exports.to_csv(header, lines)
    return exports.download(data, f"{name}.{fmt}", fmt)


@bp.get("/data/<code>/<month>.<fmt>")
@requires("report.view")
def raw_export(code: str, month: str, fmt: str):
    """Every received report of the month under the region, one line each, as Excel or CSV."""
    if fmt not in ("xlsx", "csv"):
        abort(404)
    region, (year, mon) = _region_and_month(code, month)
    header, lines = exports.raw_table(queries.reports_in(current_actor(), region.code, year, mon))
    data = exports.to_xlsx("Laporan", header, lines) if fmt == "xlsx" else exports.to_csv(header, lines)
    return exports.download(data, f"laporan-{region.code}-{month_key(year, mon)}.{fmt}", fmt)
