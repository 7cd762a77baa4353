"""Reading reports within the actor's scope: kader see their own Posyandu, members their subtree."""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib

from sqlalchemy import or_, select, tuple_
from sqlalchemy.orm import selectinload

from webapp.access import Actor, load_in_scope
from webapp.database import starts_with
from webapp.extensions import db
from webapp.regions.models import Level, Posyandu
from webapp.reports import checks
from webapp.reports.fields import CARRIED_NAMES, COUNT_NAMES, SECTION_BY_KEY
from webapp.reports.models import ClientSubmission, MonthlyReport, ReportEvent, Status
from webapp.clock import shift_month

RECEIVED = (Status.SUBMITTED, Status.VERIFIED)


def visible(actor: Actor, posyandu_column=MonthlyReport.posyandu_id, region_column=MonthlyReport.region_code):
    """SQL condition: rows a kader files or a member views."""
    return or_(actor.where_posyandu("report.view", posyandu_column, region_column),
               actor.where_posyandu("report.file", posyandu_column, region_column))


REPORT_SCOPE = ("report.view", "report.file")


def get_posyandu_or_404(actor: Actor, posyandu_id: int) -> Posyandu:
    """A Posyandu whose reports the actor files or views; otherwise 404."""
    return load_in_scope(actor, Posyandu, posyandu_id, REPORT_SCOPE)


def get_report_or_404(actor: Actor, report_id: int) -> MonthlyReport:
    """A report the actor files or views; otherwise 404."""
    return load_in_scope(actor, MonthlyReport, report_id, REPORT_SCOPE)


def find_report(posyandu: Posyandu, year: int, month: int, lock: bool = False) -> MonthlyReport | None:
    """The report of an (already scoped) Posyandu for one month. `lock` reads it afresh and holds its row
    until the commit (PostgreSQL's FOR UPDATE; SQLite's BEGIN IMMEDIATE already serialises writers), so a
    save by someone else at the same moment waits instead of being lost."""
    query = select(MonthlyReport).where(
        MonthlyReport.posyandu_id == posyandu.id, MonthlyReport.year == year, MonthlyReport.month == month)
    if lock:
        query = query.with_for_update(of=MonthlyReport).execution_options(populate_existing=True)
    return db.session.scalar(query)


def values_of(report: MonthlyReport | None) -> dict:
    """Every value of a report as the checks read them (an absent report is all blank)."""
    values = {name: getattr(report, name) if report else None for name in COUNT_NAMES}
    values["open_dates"] = report.dates if report else []
    values["closed"] = bool(report and report.closed)
    values["closed_reason"] = report.closed_reason if report else ""
    return values


def section_values(report: MonthlyReport | None, section_key: str) -> dict:
    section = SECTION_BY_KEY[section_key]
    values = values_of(report)
    names = list(section.names) + (["open_dates", "closed", "closed_reason"] if section.has_open_days else [])
    return {name: values[name] for name in names}


def section_base(report: MonthlyReport | None, section_key: str) -> str:
    """A short digest of a section's stored values: the form sends it back to detect a concurrent change."""
    text = repr(sorted(section_values(report, section_key).items()))
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def history(posyandu_id: int, year: int, month: int, count: int = 3) -> list[dict]:
    """Values of the Posyandu's last `count` received reports before this month, newest first."""
    earliest = shift_month(year, month, -24)
    reports = db.session.scalars(
        select(MonthlyReport).where(
            MonthlyReport.posyandu_id == posyandu_id, MonthlyReport.status.in_(RECEIVED),
            tuple_(MonthlyReport.year, MonthlyReport.month) < (year, month),
            tuple_(MonthlyReport.year, MonthlyReport.month) >= earliest,
        ).order_by(MonthlyReport.year.desc(), MonthlyReport.month.desc()).limit(count)
    )
    return [values_of(r) for r in reports]


def carried_over(report: MonthlyReport | None, posyandu_id: int, year: int, month: int) -> dict[str, object]:
    """What a new month starts from, for what it leaves blank: the counts that barely change (CARRIED_NAMES) of
    the last verified month in the year before, and its first open date's day in this month ("open_date_1";
    a Posyandu opens on a fixed date)."""
    blank = [n for n in CARRIED_NAMES if report is None or getattr(report, n) is None]
    no_date = report is None or not (report.open_dates or report.closed)
    if not blank and not no_date:
        return {}
    last = db.session.scalar(
        select(MonthlyReport).where(
            MonthlyReport.posyandu_id == posyandu_id, MonthlyReport.status == Status.VERIFIED,
            tuple_(MonthlyReport.year, MonthlyReport.month) < (year, month),
            tuple_(MonthlyReport.year, MonthlyReport.month) >= shift_month(year, month, -12),
        ).order_by(MonthlyReport.year.desc(), MonthlyReport.month.desc()).limit(1))
    if last is None:
        return {}
    carried: dict[str, object] = {n: getattr(last, n) for n in blank if getattr(last, n) is not None}
    if no_date and last.dates:
        carried["open_date_1"] = dt.date(year, month, min(last.dates[0].day, calendar.monthrange(year, month)[1]))
    return carried


def check_results(report: MonthlyReport | None, posyandu_id: int, year: int, month: int, today) -> tuple[dict, dict]:
    """(errors, warnings) of the stored values, as shown next to the fields."""
    values = values_of(report)
    return checks.errors(values, year, month, today), checks.warnings(values, history(posyandu_id, year, month), month)


def saved_sections(report: MonthlyReport | None) -> frozenset[str]:
    """Keys of the sections of this report saved at least once (a skipped section too: saved blank)."""
    if report is None:
        return frozenset()
    kinds = db.session.scalars(select(ClientSubmission.kind).distinct().where(
        ClientSubmission.report_id == report.id, ClientSubmission.kind.like("section:%")))
    return frozenset(kind.removeprefix("section:") for kind in kinds)


def notes(report: MonthlyReport | None) -> dict[str, list[ReportEvent]]:
    """Notes of the latest return or reopening, by field ("" for the whole report); empty once resubmitted."""
    found: dict[str, list[ReportEvent]] = {}
    if report is None:
        return found
    for event in report.events:
        if event.action == "submitted":
            found = {}
        elif event.action in ("returned", "reopened") and event.note:
            found.setdefault(event.field or "", []).append(event)
    return found


def reports_of(posyandu: Posyandu, months: list[tuple[int, int]]) -> dict[tuple[int, int], MonthlyReport]:
    """The Posyandu's reports for these months, by (year, month)."""
    if not months:
        return {}
    rows = db.session.scalars(select(MonthlyReport).where(
        MonthlyReport.posyandu_id == posyandu.id,
        tuple_(MonthlyReport.year, MonthlyReport.month).in_(months)))
    return {r.period: r for r in rows}


def filed_posyandu(actor: Actor) -> list[Posyandu]:
    """The Posyandu whose reports the actor files (a kader's own)."""
    ids = [g.posyandu_id for g in actor.grants_for("report.file") if g.posyandu_id]
    return list(db.session.scalars(select(Posyandu).where(Posyandu.id.in_(ids)).order_by(Posyandu.name))) if ids else []


def returned_reports(actor: Actor) -> list[MonthlyReport]:
    """Reports sent back to the kader, oldest month first, with their notes' events (one more statement)."""
    return list(db.session.scalars(
        select(MonthlyReport).where(actor.where_posyandu("report.file", MonthlyReport.posyandu_id,
                                                         MonthlyReport.region_code),
                                    MonthlyReport.status == Status.RETURNED)
        .options(selectinload(MonthlyReport.events))
        .order_by(MonthlyReport.year, MonthlyReport.month)))


def waiting_to_verify(actor: Actor) -> list[MonthlyReport]:
    """Submitted reports in the desa where the actor verifies, oldest first (a camat or bupati verifies
    nowhere: no query at all). The same set as REPORT_FLOW's verify rule (`rules.verifies_here`), filtered in SQL."""
    desa = [g.region_code for g in actor.grants_for("report.verify") if g.level == Level.DESA and g.posyandu_id is None]
    if not desa:
        return []
    return list(db.session.scalars(
        select(MonthlyReport).where(MonthlyReport.region_code.in_(desa), MonthlyReport.status == Status.SUBMITTED)
        .order_by(MonthlyReport.submitted_at)))


def reports_in(actor: Actor, region_code: str, year: int, month: int,
               statuses=RECEIVED) -> list[MonthlyReport]:
    """Reports of one month under a region (within scope), by desa and Posyandu name."""
    query = select(MonthlyReport).join(Posyandu).where(
        visible(actor), MonthlyReport.year == year, MonthlyReport.month == month,
        or_(MonthlyReport.region_code == region_code,
            MonthlyReport.region_code.startswith(region_code + ".", autoescape=True)),
    )
    if statuses:
        query = query.where(MonthlyReport.status.in_(statuses))
    return list(db.session.scalars(query.order_by(MonthlyReport.region_code, Posyandu.name)))



def first_month(kabupaten_code: str) -> tuple[int, int] | None:
    """The earliest month any report of the kabupaten is for (no scope: a bound, not data shown).

    Walks the (year, month) index from the oldest month and stops at the kabupaten's first report, rather than
    reading every report of the kabupaten to take their minimum (a cost that grew with its months)."""
    first = db.session.execute(select(MonthlyReport.year, MonthlyReport.month).where(
        starts_with(MonthlyReport.region_code, kabupaten_code + "."))
        .order_by(MonthlyReport.year, MonthlyReport.month).limit(1)).first()
    return None if first is None else (first.year, first.month)
