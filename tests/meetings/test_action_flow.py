"""An action item's status changes are steps of ACTION_FLOW (meetings/rules.py), taken through `take()`: each
report is kept with its history row and audit row; finishing asks for evidence, as a finding does."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.meetings.helpers import PALANGAN, actor, make_meeting
from webapp.audit import AuditEvent
from webapp.extensions import db
from webapp.meetings import services
from webapp.meetings.rules import ACTION_FLOW
from webapp.pembinaan.rules import FINDING_FLOW
from webapp.refusal import Refused


def _item():
    meeting = make_meeting()
    return services.add_action_item(actor("pokjanal.kotabesi"), meeting, meeting.agenda_items[0],
                                    {"what": "Rekap data SKDN", "responsible": f"r:{PALANGAN}"})


def test_reports_are_steps_of_the_table_with_the_findings_states_and_message(demo_app):
    assert set(ACTION_FLOW.states()) == set(FINDING_FLOW.states())
    assert ACTION_FLOW.step("finish").note_required == FINDING_FLOW.step("finish").note_required
    item, who = _item(), actor("pokja.palangan")
    with pytest.raises(Refused) as refused:
        services.update_action(who, item, "selesai", "  ")
    assert refused.value.field == "note" and str(refused.value) == ACTION_FLOW.step("finish").note_required
    assert item.status == "terbuka" and item.updates == []
    services.update_action(who, item, "proses", "Data 3 posyandu masuk")
    services.update_action(who, item, "selesai", "")  # the progress note already reported is the evidence
    assert item.status == "selesai" and [(u.status, u.note) for u in item.updates] == [
        ("proses", "Data 3 posyandu masuk"), ("selesai", "Data 3 posyandu masuk")]
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.subject == str(item.id))
                                 .where(AuditEvent.action.like("action.%")).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["action.start", "action.finish"]
    with pytest.raises(Refused) as refused:
        services.update_action(who, item, "batal", "x")
    assert refused.value.field == "status" and len(item.updates) == 2
