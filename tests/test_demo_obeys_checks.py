"""The demo obeys the app's own checks: every demo report passes what the form checks before sending, the note
on the returned report asks for a value the checks accept, and every final demo meeting has its signed document."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from webapp.documents.queries import latest
from webapp.extensions import db
from webapp.meetings.models import Meeting, MinutesStatus
from webapp.meetings.signed import KIND
from webapp.reports import checks, queries
from webapp.reports.models import MonthlyReport, Status

LATER = dt.date(2100, 1, 1)  # an injected "today" after every demo month: no month is still to come


@pytest.fixture
def seeded(full_demo):
    """The whole demo, copied from the session's seeded database."""
    return full_demo


def _refused(report: MonthlyReport, values: dict) -> dict:
    found = checks.errors(values, report.year, report.month, LATER)
    if report.status != Status.DRAFT:
        found = checks.merge(found, checks.completeness_errors(values))
    return found


def test_no_demo_report_is_refused_by_the_forms_checks(seeded):
    refused = {r.id: found for r in db.session.scalars(select(MonthlyReport))
               if (found := _refused(r, queries.values_of(r)))}
    assert refused == {}


def test_a_returned_reports_note_asks_for_a_value_the_checks_accept(seeded):
    returned = list(db.session.scalars(select(MonthlyReport).where(MonthlyReport.status == Status.RETURNED)))
    assert returned
    for report in returned:
        for field, events in queries.notes(report).items():
            for event in events:
                asked = re.search(r"tercatat (\d+)", event.note)
                if field and asked:
                    values = queries.values_of(report) | {field: int(asked.group(1))}
                    assert _refused(report, values) == {}, event.note


def test_every_final_demo_meeting_has_its_signed_document(seeded):
    final = db.session.scalars(select(Meeting).where(Meeting.status.in_([MinutesStatus.FINAL, MinutesStatus.LOCKED])))
    missing = [m.title for m in final if latest(KIND, m.id) is None]
    assert missing == []
