"""The flow sweep: every state × every step × every demo account, against a table written here by hand.

The expectations below are the product's rules stated independently of `rules.py`: if a state
guard (a step's source states) or a turn rule (`who`) is loosened or dropped in a flow table, a
case here is taken that should have been refused (or the reverse), and the sweep fails.
Each case runs `workflow.take` and checks the one answer: 403, a no-op, 409, or the change with
its history row and audit row; on every refusal nothing is added or changed.
"""
import pytest
from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from tests.meetings.helpers import PALANGAN, make_meeting
from tests.pembinaan.helpers import make_finding, make_visit
from tests.reports.helpers import actor, fill, last_month, palangan_posyandu
from tests.workplans.helpers import make_carried_line, make_plan
from webapp.audit import AuditEvent
from webapp.demo import ACCOUNTS
from webapp.evidence.rules import SHARE_FLOW
from webapp.extensions import db
from webapp.meetings.rules import ACTION_FLOW, INVITATION_FLOW, MINUTES_FLOW
from webapp.pembinaan.rules import FINDING_FLOW, VISIT_FLOW
from webapp.refusal import Conflict
from webapp.reports.rules import REPORT_FLOW
from webapp.workflow import take
from webapp.workplans.rules import PLAN_FLOW, PROGRESS_FLOW

USERS = [account[0] for account in ACCOUNTS]
PALANGAN_POKJA = {"kades.palangan", "pokja.palangan"}
KOTA_BESI_BODY = {"camat.kotabesi", "pokjanal.kotabesi", "puskesmas.kotabesi"}  # the puskesmas is a member
# Supervision teams over Palangan: Kota Besi's members and puskesmas, and Kotim's kabupaten members.
VISITING = KOTA_BESI_BODY | {"puskesmas.kotabesi", "pokjanal.kotim", "bupati.kotim"}
# A finding at kader.palangan's Posyandu is followed up by that Posyandu, its desa and everyone above.
FOLLOWING_UP = VISITING | PALANGAN_POKJA | {"kader.palangan"}  # never the admin (issue 23)

ACTION_STATES = {"terbuka", "proses", "selesai"}  # every report is kept, whatever it says

# step: (states it is taken from, state it leads to, who takes it on the demo object)
EXPECTED = {
    "report": {
        "submit": ({"draft", "returned"}, "submitted", {"kader.palangan"}),
        "verify": ({"submitted"}, "verified", PALANGAN_POKJA),
        "return": ({"submitted"}, "returned", PALANGAN_POKJA),
        "reopen": ({"verified"}, "returned", KOTA_BESI_BODY),
    },
    "plan": {  # a desa plan of Palangan
        "submit": ({"draf", "dikembalikan"}, "diajukan", PALANGAN_POKJA),
        "approve": ({"diajukan"}, "disetujui", {"kades.palangan"}),
        "endorse": ({"disetujui"}, "diketahui", {"camat.kotabesi"}),
        "return": ({"diajukan"}, "dikembalikan", {"kades.palangan"}),
        "return_above": ({"disetujui"}, "dikembalikan", {"camat.kotabesi"}),
    },
    "share": {  # a link to a Kota Besi meeting's PDF
        "revoke": ({"aktif"}, "dicabut", KOTA_BESI_BODY),
    },
    "realisation": {  # a line of an approved Palangan plan carried by Puskesmas Kota Besi, a unit of Dinkes
        "start": ({"belum"}, "berjalan", PALANGAN_POKJA | {"dinkes.kotim"}),
        "update": ({"berjalan"}, "berjalan", PALANGAN_POKJA | {"dinkes.kotim"}),
        "finish": ({"belum", "berjalan"}, "selesai", PALANGAN_POKJA | {"dinkes.kotim"}),
        "correct": ({"selesai"}, "selesai", PALANGAN_POKJA | {"dinkes.kotim"}),
        "cancel": ({"belum", "berjalan"}, "batal", PALANGAN_POKJA | {"dinkes.kotim"}),
    },
    "minutes": {  # a Kota Besi meeting: chair camat.kotabesi, note-taker pokjanal.kotabesi
        "circulate": ({"draft"}, "circulated", KOTA_BESI_BODY),
        "finalize": ({"circulated"}, "final", {"camat.kotabesi"}),
        "lock": ({"final"}, "locked", KOTA_BESI_BODY),
    },
    "invitation": {  # the undangan of a Kota Besi meeting: its ketua (TP PKK) has no account, the camat signs a.n.
        "submit": ({"draf"}, "diajukan", KOTA_BESI_BODY),
        "approve": ({"diajukan"}, "terbit", {"camat.kotabesi"}),
        "return": ({"diajukan"}, "draf", {"camat.kotabesi"}),
        "reopen": ({"terbit"}, "draf", KOTA_BESI_BODY),
    },
    "visit": {  # a supervision visit to kader.palangan's Posyandu
        "finalize": ({"draft"}, "final", VISITING),
        "reopen": ({"final"}, "draft", VISITING),
    },
    "action": {  # a Kota Besi meeting's action item for Pokja Desa Palangan: those responsible and the body report
        "open": (ACTION_STATES, "terbuka", PALANGAN_POKJA | KOTA_BESI_BODY),
        "start": (ACTION_STATES, "proses", PALANGAN_POKJA | KOTA_BESI_BODY),
        "finish": (ACTION_STATES, "selesai", PALANGAN_POKJA | KOTA_BESI_BODY),
    },
    "finding": {
        "start": ({"terbuka"}, "proses", FOLLOWING_UP),
        "finish": ({"terbuka", "proses"}, "selesai", FOLLOWING_UP),
        "reopen": ({"selesai"}, "terbuka", VISITING),
    },
}
FLOWS = {"report": REPORT_FLOW, "plan": PLAN_FLOW, "minutes": MINUTES_FLOW, "invitation": INVITATION_FLOW,
         "share": SHARE_FLOW,
         "realisation": PROGRESS_FLOW, "visit": VISIT_FLOW, "finding": FINDING_FLOW, "action": ACTION_FLOW}


def _report():
    year, month = last_month()
    return fill(actor("kader.palangan"), palangan_posyandu(), year, month)


def audits() -> int:
    return db.session.scalar(select(db.func.count(AuditEvent.id)))


def _history(obj) -> int:
    return len(getattr(obj, "events", None) or getattr(obj, "steps", None) or getattr(obj, "progress_events", None)
               or getattr(obj, "invitation_events", None) or getattr(obj, "updates", None) or [])


def _share_link():
    from webapp.evidence.sharing import create

    link, _ = create(actor("pokjanal.kotabesi"), make_meeting(), "bahan")
    return link


def _action_item():
    from webapp.meetings.services import add_action_item

    meeting = make_meeting()
    return add_action_item(actor("pokjanal.kotabesi"), meeting, meeting.agenda_items[0],
                           {"what": "Rekap data SKDN", "responsible": f"r:{PALANGAN}"})


MAKERS = {"report": _report, "plan": make_plan, "minutes": make_meeting, "invitation": make_meeting,
          "share": _share_link,
          "realisation": make_carried_line, "visit": make_visit, "finding": make_finding, "action": _action_item}


def test_the_tables_name_every_step_and_state():
    for name, flow in FLOWS.items():
        assert {step.name for step in flow.steps} == set(EXPECTED[name])
        assert all(step.sources <= set(flow.states()) and step.target in flow.states() for step in flow.steps)


@pytest.mark.parametrize("flow_name", sorted(FLOWS))
def test_every_state_step_and_account_gets_the_answer_of_the_table(demo_app, flow_name):
    flow, obj = FLOWS[flow_name], MAKERS[flow_name]()
    db.session.commit()
    actors = {user: actor(user) for user in USERS}
    for state in flow.states():
        for step_name, (sources, target, takers) in EXPECTED[flow_name].items():
            for user in USERS:
                setattr(obj, flow.state_attr, state)
                db.session.flush()
                before, audited = _history(obj), audits()
                case = f"{flow_name}: {user} takes {step_name} from {state}"
                # the button shows exactly when the table would take the step: turn and state both count
                assert flow.may(actors[user], obj, step_name) == (user in takers and state in sources), case + " (may)"
                try:
                    taken = take(actors[user], obj, flow, step_name, note="Catatan uji")
                except Forbidden:
                    assert user not in takers, case + " was refused (403)"
                    outcome = "refused"
                except Conflict:
                    assert user in takers and state not in sources and state != target, case + " was a conflict (409)"
                    outcome = "refused"
                else:
                    assert user in takers, case + " was allowed"
                    if taken.changed:
                        assert state in sources, case + " changed the state"
                        assert getattr(obj, flow.state_attr) == target and _history(obj) == before + 1, case
                        db.session.flush()
                        assert audits() == audited + 1, case + " wrote no audit row"
                        outcome = "taken"
                    else:
                        assert state == target and state not in sources, case + " was a no-op"
                        outcome = "refused"
                if outcome == "refused":
                    assert getattr(obj, flow.state_attr) == state and _history(obj) == before, case + " changed"
                    assert not db.session.new and audits() == audited, case + " added rows"
                db.session.rollback()
                obj = db.session.merge(obj)


def test_a_step_from_a_stale_page_is_refused_and_changes_nothing(demo_app):
    """A page rendered before someone else changed the plan carries the old version: taking its step is 409."""
    plan = make_plan()
    db.session.commit()
    stale = plan.version
    plan.title = "Judul diubah orang lain"
    db.session.commit()
    before, audited = _history(plan), audits()
    with pytest.raises(Conflict):
        take(actor("pokja.palangan"), plan, PLAN_FLOW, "submit", expected_version=stale)
    assert plan.status == "draf" and _history(plan) == before and audits() == audited
    taken = take(actor("pokja.palangan"), plan, PLAN_FLOW, "submit", expected_version=plan.version)
    assert taken.changed and plan.status == "diajukan"


def test_the_note_taker_from_outside_the_body_makes_and_revokes_a_share_link(demo_app):
    """The note-taker runs the meeting like its body does, even when the note-taker is not a member of it."""
    from webapp.evidence.sharing import create

    meeting = make_meeting()
    note_taker, outsider = actor("kader.palangan"), actor("kader.hanjalipan")
    meeting.notulis_id = note_taker.id
    db.session.commit()
    assert not SHARE_FLOW.may(outsider, _share_link_of(meeting), "revoke")
    link, _ = create(note_taker, meeting, "bahan")
    assert SHARE_FLOW.may(note_taker, link, "revoke")
    with pytest.raises(Forbidden):
        take(outsider, link, SHARE_FLOW, "revoke")
    taken = take(note_taker, link, SHARE_FLOW, "revoke")
    assert taken.changed and link.status == "dicabut" and _history(link) == 1


def _share_link_of(meeting):
    from webapp.evidence.sharing import create

    return create(actor("pokjanal.kotabesi"), meeting, "bahan")[0]
