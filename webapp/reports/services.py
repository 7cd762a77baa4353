"""Use cases of the monthly report: save a section, submit, verify, return, reopen. One commit each.

Saves and submissions carry a client-made id: a replay of an id already seen answers with the
report as it stands and changes nothing. Status changes are steps of `rules.REPORT_FLOW`, taken
through `webapp.workflow.take`. Refusals raise `Refused` (422) or its `Conflict` kinds (409:
`Locked`, `SectionConflict`) and `CheckFailed` (422); each carries its status.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from webapp.access import Actor, require
from webapp.audit import as_detail, audit, changed
from webapp.clock import today_in, utcnow
from webapp.extensions import db
from webapp.formatting import bulan_tahun
from webapp.refusal import Conflict, Refused, commit_or_conflict
from webapp.regions.models import Posyandu
from webapp.regions.queries import setting_for
from webapp.reports import checks, queries, sentinel
from webapp.reports.fields import FIELD_BY_NAME, OPEN_DAY_FIELDS
from webapp.reports.models import ClientSubmission, MonthlyReport, ReportEvent, Status
from webapp.reports.rules import REPORT_FLOW
from webapp.workflow import Taken, take
FLAGGED_NEEDS_NOTE = ("Laporan ini punya tanda data yang perlu diperhatikan. Tulis catatan mengapa tetap "
                      "diverifikasi, atau kembalikan ke kader.")

LOCKED_MESSAGE = {
    Status.SUBMITTED: "Laporan ini sudah dikirim dan menunggu verifikasi; isinya tidak bisa diubah.",
    Status.VERIFIED: "Laporan ini sudah diverifikasi dan terkunci.",
}


class Locked(Conflict):
    """The report is not open for this change (409)."""


@dataclass
class Change:
    field: str
    label: str
    yours: object
    now: object


class SectionConflict(Conflict):
    """Someone else saved the same section since the form was loaded (409); `changes` says what."""

    def __init__(self, message: str, changes: list[Change], base: str):
        super().__init__(message)
        self.changes = changes
        self.base = base


class CheckFailed(Refused):
    """Errors block the submission; warnings need the kader's confirmation (422)."""

    def __init__(self, message: str, errors: dict, warnings: dict):
        super().__init__(message)
        self.errors = errors
        self.warnings = warnings


@dataclass
class Outcome:
    report: MonthlyReport
    replayed: bool = False
    message: str = ""


def today_for(posyandu: Posyandu):
    return today_in(setting_for(posyandu.region_code).timezone)


def _replay(client_id: str, actor: Actor, kind: str) -> MonthlyReport | None:
    """The report a client id already produced, if this is a replay."""
    seen = db.session.scalar(select(ClientSubmission).where(ClientSubmission.client_id == client_id))
    if seen is None:
        return None
    if seen.actor_id != actor.id or seen.kind != kind:
        raise Refused("Kode pengiriman ini sudah dipakai. Muat ulang halaman lalu coba lagi.")
    return db.session.get(MonthlyReport, seen.report_id)


def _commit_or_replay(client_id: str, actor: Actor, kind: str) -> MonthlyReport | None:
    """Commit; when a concurrent twin with the same client id won, answer with its result."""
    try:
        db.session.commit()
    except (IntegrityError, StaleDataError):
        db.session.rollback()
        if (replayed := _replay(client_id, actor, kind)) is not None:
            return replayed
        raise SectionConflict("Laporan ini baru saja disimpan orang lain. Periksa isinya lalu simpan lagi.", [], "") from None
    return None


def _display(name: str, value) -> object:
    if name == "open_dates":
        return ", ".join(f"{d.day}/{d.month}" for d in value) or None
    return value


def _new_draft(actor: Actor, posyandu: Posyandu, year: int, month: int) -> tuple[MonthlyReport, bool]:
    """The month's first save creates its report (True). Two first saves at once both try: the loser's
    insert (in a savepoint) meets the unique key once the winner commits, and it takes the winner's row,
    locked (False), so its section is checked against what the winner saved."""
    report = MonthlyReport(posyandu_id=posyandu.id, region_code=posyandu.region_code, year=year, month=month,
                           status=Status.DRAFT, open_dates="", closed=False, closed_reason="")
    report.events.append(ReportEvent(actor_id=actor.id, action="created"))
    try:
        with db.session.begin_nested():
            db.session.add(report)
    except IntegrityError:
        return queries.find_report(posyandu, year, month, lock=True), False
    return report, True


def save_section(actor: Actor, posyandu: Posyandu, year: int, month: int, section_key: str, values: dict,
                 base: str, client_id: str) -> Outcome:
    """Store one section of the draft; refuses a locked report and a concurrent change by someone else."""
    kind = f"section:{section_key}"
    if (replayed := _replay(client_id, actor, kind)) is not None:
        return Outcome(replayed, replayed=True)
    require(actor, "report.file", posyandu)
    today = today_for(posyandu)
    if (year, month) > (today.year, today.month):
        raise Refused(f"Laporan {bulan_tahun(year, month)} belum bisa diisi: bulannya belum tiba.")
    report, created = queries.find_report(posyandu, year, month, lock=True), False
    if report is None:
        report, created = _new_draft(actor, posyandu, year, month)
    if report.status not in (Status.DRAFT, Status.RETURNED):
        raise Locked(LOCKED_MESSAGE[Status(report.status)])
    current = queries.section_values(report, section_key)
    if (not created and base != queries.section_base(report, section_key) and values != current
            and report.updated_by_id != actor.id):
        changes = [Change(n, FIELD_BY_NAME[n].label if n in FIELD_BY_NAME else OPEN_DAY_FIELDS[n],
                          _display(n, values[n]), _display(n, current[n]))
                   for n in current if values[n] != current[n]]
        who = report.updated_by.full_name if report.updated_by else "orang lain"
        raise SectionConflict(f"{who} sudah mengubah bagian ini setelah Anda membukanya. Bandingkan isian Anda dengan "
                       "yang tersimpan sekarang; tekan Simpan lagi untuk memakai isian Anda.",
                       changes, queries.section_base(report, section_key))
    for name, value in values.items():
        if name == "open_dates":
            value = ",".join(sorted({d.isoformat() for d in value}))
        setattr(report, name, value)
    report.updated_at, report.updated_by_id = utcnow(), actor.id
    db.session.flush()
    audit(actor.id, "report.section_saved", f"laporan {report.id} {section_key}", as_detail(changed(current, values)))
    db.session.add(ClientSubmission(client_id=client_id, report_id=report.id, actor_id=actor.id, kind=kind))
    if (replayed := _commit_or_replay(client_id, actor, kind)) is not None:
        return Outcome(replayed, replayed=True)
    return Outcome(report)


def submit(actor: Actor, posyandu: Posyandu, year: int, month: int, client_id: str, confirmed: bool) -> Outcome:
    """Send the draft for verification: errors block, warnings need `confirmed`."""
    if (replayed := _replay(client_id, actor, "submit")) is not None:
        return Outcome(replayed, replayed=True)
    report = queries.find_report(posyandu, year, month)
    if report is None:
        require(actor, "report.file", posyandu)
        raise CheckFailed("Laporan masih kosong: isi dan simpan dulu bagian-bagiannya.", {}, {})
    if REPORT_FLOW.may(actor, report, "submit"):
        _check_for_submit(report, posyandu, confirmed)
    taken = take(actor, report, REPORT_FLOW, "submit", subject=_subject(report))
    if not taken.changed:
        return Outcome(report, replayed=True, message=taken.message)
    report.submitted_at, report.submitted_by_id = taken.at, actor.id
    report.first_submitted_at = report.first_submitted_at or taken.at
    db.session.add(ClientSubmission(client_id=client_id, report_id=report.id, actor_id=actor.id, kind="submit"))
    if (replayed := _commit_or_replay(client_id, actor, "submit")) is not None:
        return Outcome(replayed, replayed=True)
    return Outcome(report, message=taken.message)


def _check_for_submit(report: MonthlyReport, posyandu: Posyandu, confirmed: bool) -> None:
    """Errors block the submission; warnings against earlier months need the kader's confirmation."""
    values = queries.values_of(report)
    errors = checks.merge(checks.errors(values, report.year, report.month, today_for(posyandu)),
                          checks.completeness_errors(values))
    if errors:
        raise CheckFailed("Laporan belum bisa dikirim: perbaiki isian yang ditandai merah.", errors, {})
    warnings = checks.warnings(values, queries.history(posyandu.id, report.year, report.month), report.month)
    if warnings and not confirmed:
        raise CheckFailed("Ada isian yang perlu Anda periksa. Bila sudah benar, centang konfirmasi lalu kirim.",
                          {}, warnings)


def verify(actor: Actor, report: MonthlyReport, note: str = "") -> Taken:
    """Pokja desa accepts a submitted report; it is then locked. Verifying over a sentinel flag needs a note."""
    if REPORT_FLOW.may(actor, report, "verify") and not (note or "").strip() and sentinel.flags_for(report):
        raise Refused(FLAGGED_NEEDS_NOTE)
    taken = take(actor, report, REPORT_FLOW, "verify", note, subject=_subject(report))
    if taken.changed:
        report.verified_at, report.verified_by_id = taken.at, actor.id
        commit_or_conflict(REPORT_FLOW.stale)
    return taken


def return_report(actor: Actor, report: MonthlyReport, note: str, field_name: str = "", field_note: str = "") -> Taken:
    """Pokja desa sends a submitted report back with a note for the whole report and/or one field."""
    note, field_note = (note or "").strip(), (field_note or "").strip()
    if REPORT_FLOW.may(actor, report, "return"):
        _check_return_notes(note, field_name, field_note)
    taken = take(actor, report, REPORT_FLOW, "return", note or field_note, subject=_subject(report))
    if taken.changed:
        if field_note and note:
            report.events.append(ReportEvent(actor_id=actor.id, action="returned", note=field_note,
                                             field=field_name or None, at=taken.at))
        elif field_note:
            report.events[-1].field = field_name or None
        commit_or_conflict(REPORT_FLOW.stale)
    return taken


def _check_return_notes(note: str, field_name: str, field_note: str) -> None:
    if field_name and field_name not in FIELD_BY_NAME and field_name not in OPEN_DAY_FIELDS:
        raise Refused("Pilih kolom dari daftar.", "field")
    if field_name and not field_note:
        raise Refused("Tulis catatan untuk kolom yang dipilih.", "field_note")
    if not note and not field_note:
        raise Refused("Tulis catatan agar kader tahu apa yang harus diperbaiki.", "note")


def reopen(actor: Actor, report: MonthlyReport, reason: str) -> Taken:
    """Pokjanal kecamatan unlocks a verified report; the kader gets it back with the reason."""
    verified = {"diverifikasi": [report.verified_by_id, report.verified_at], **queries.values_of(report)}
    taken = take(actor, report, REPORT_FLOW, "reopen", reason, subject=_subject(report))
    if taken.changed:
        audit(actor.id, "report.verified_copy", _subject(report), as_detail(verified))  # the figures as verified
        report.verified_at, report.verified_by_id = None, None
        commit_or_conflict(REPORT_FLOW.stale)
    return taken


def _subject(report: MonthlyReport) -> str:
    return f"{report.id} {report.posyandu.name} {report.year}-{report.month:02d}"
