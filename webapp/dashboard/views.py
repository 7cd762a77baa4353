"""The monitoring dashboard at /pemantauan: a region's children or a desa's Posyandu, trends and exports."""
from __future__ import annotations

from types import SimpleNamespace

from flask import Blueprint, abort, request, url_for

from webapp.access import current_actor, requires
from webapp.dashboard import exports, periods, queries, services
from webapp.dashboard.charts import line_chart
from webapp.dashboard.indicators import (ILP_KEYS, PAIR_BY_KEY, POSYANDU_COLUMNS, REGION_COLUMNS, REPORT_FIELDS,
                                         TABLE_HEADERS, reaching_target)
from webapp.exports import answer
from webapp.lembaga.figures import figures
from webapp.pdf import data_uri, pdf_response, render_pdf
from webapp.regions.letterhead import kop_for
from webapp.regions.queries import setting_for
from webapp.reports.models import STATUS_LABELS
from webapp.rendering import render

bp = Blueprint("dashboard", __name__, url_prefix="/pemantauan")


def _period(code: str | None):
    timezone = queries.timezone_of(code)
    period, error = periods.parse(request.args.get("bulan"), request.args.get("rentang"), timezone)
    return period, error, periods.choices(timezone)


def _link_for(period):
    args = {"bulan": period.param, "rentang": period.months}

    def link(kind, key):
        if kind == "posyandu":
            return url_for("dashboard.posyandu", posyandu_id=key, **args)
        return url_for("dashboard.region", code=key, **args)
    return link


def _charts(board):
    months = board.period.trend()
    own = board.title
    return [line_chart(t.title, months, t.points, t.parent_points, own, board.parent_label) for t in board.trends]


def _page(board, error, choices):
    return render("dashboard/page.html", block="dashboard_body" if not error else None, board=board,
                  charts=_charts(board), error=error, choices=choices, status=422 if error else 200)


def _region_board(code: str | None):
    actor = current_actor()
    region = queries.get_region_or_404(actor, code) if code else queries.home_region(actor)
    if region is None:
        abort(404)
    period, error, choices = _period(region.code)
    return queries.region_dashboard(actor, region, period, link=_link_for(period)), error, choices


@bp.get("")
@requires("dashboard.view")
def index():
    """The actor's own region for the last complete month."""
    return _page(*_region_board(None))


@bp.get("/<code>")
@requires("dashboard.view")
def region(code: str):
    """One region of the actor's subtree; a row per child region (per Posyandu in a desa)."""
    return _page(*_region_board(code))


@bp.get("/posyandu/<int:posyandu_id>")
@requires("dashboard.view")
def posyandu(posyandu_id: int):
    """One Posyandu: its figures, aktif criteria, reports of the 12 months and its trend against the desa."""
    actor = current_actor()
    item = queries.get_posyandu_or_404(actor, posyandu_id)
    period, error, choices = _period(item.region_code)
    return _page(queries.posyandu_dashboard(actor, item, period), error, choices)


@bp.get("/<code>/kelembagaan")
@requires("dashboard.view")
def kelembagaan(code: str):
    """The area's kelembagaan figures: bodies with a valid SK per tier and per area, desa with a Pokja, unsur.
    The dashboard loads it as a section when it scrolls into view (its own request, off the page's budget)."""
    region = queries.get_region_or_404(current_actor(), code)
    return render("dashboard/kelembagaan.html", block="kelembagaan", f=figures(region), region=region)


@bp.get("/<code>/tabel.<fmt>")
@requires("dashboard.view")
def table(code: str, fmt: str):
    """The page's table as Excel (.xlsx) or CSV."""
    if fmt not in ("xlsx", "csv"):
        abort(404)
    board, _, _ = _region_board(code)
    name = f"pemantauan-{code}-{board.period.param}-{board.period.months}bln"
    area = queries.get_region_or_404(current_actor(), code).full_label
    return answer(exports.export(board, area), name, fmt, request.args.get("untuk") == "mesin")


@bp.get("/<code>/ringkasan.pdf")
@requires("dashboard.view")
def summary_pdf(code: str):
    """"Ringkasan Pemantauan": one page for a meeting pack, on the kop of the tier it speaks for and the kabupaten's
    paper, with Posyandu aktif on the five criteria, the share of areas reaching 80 % and the survey's stunting."""
    board, _, _ = _region_board(code)
    setting = setting_for(code) if code.count(".") >= 1 else SimpleNamespace(
        page_size_css="210mm 297mm", letterhead_lines=[], body_name="Tim Pembina Posyandu", stunting_survey=None)
    kop = kop_for(queries.get_region_or_404(current_actor(), code)).lines if code.count(".") >= 1 else None
    data = render_pdf("pdf/dashboard_summary.html", board=board, charts=_charts(board), setting=setting, kop_lines=kop,
                      reaching=reaching_target(board.rows),
                      logo=data_uri(getattr(setting, "logo", None), getattr(setting, "logo_mime", None)), draft=False)
    return pdf_response(data, f"ringkasan-pemantauan-{code}-{board.period.param}.pdf")


@bp.cli.command("rebuild")
def rebuild_command():
    """Rewrite the dashboard and Posyandu-strength summary tables from the reports, roster and kit (after a bulk load)."""
    services.rebuild_summary()
    print("Tabel ringkasan pemantauan ditulis ulang.")


@bp.context_processor
def _definitions():
    """The indicator and field definitions the templates lay out."""
    return {"pairs": PAIR_BY_KEY, "ilp_keys": ILP_KEYS, "report_fields": REPORT_FIELDS, "status_labels": STATUS_LABELS,
            "headers": TABLE_HEADERS, "board_columns": REGION_COLUMNS, "posyandu_columns": POSYANDU_COLUMNS}


def dashboard_nav(actor):
    if actor.has("dashboard.view"):
        return {"label": "Pantau", "endpoint": "dashboard.index", "icon": "chart"}
    return None
