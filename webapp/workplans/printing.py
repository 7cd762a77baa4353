"""What the printed plan needs: the issuing tier's kop, grouped lines, totals and the signature blocks.

Each approval step freezes the kop and the signature blocks as they print then (a SignedDocument
version: approval is version 1, the endorsement above version 2), and the PDF of an approved plan
prints those, with the QR that verifies them; its lines are locked by the approval itself.
"""
from __future__ import annotations

import json

from webapp import formatting, pdf
from webapp.clock import local_time
from webapp.documents import numbering, printing as verification, queries as documents, services as signing
from webapp.regions.letterhead import kop_for
from webapp.regions.queries import setting_for
from webapp.workplans import rules
from webapp.workplans.models import (
    Decision, Plan, grouped_by_field, spent_total, totals_by_field, totals_by_source,
)

KIND = "rencana_kerja"


def _date(step, timezone: str) -> str:
    return formatting.tanggal(local_time(step.at, timezone).date(), with_day=False) if step else ""


def signatures(plan: Plan, timezone: str, place: str) -> list[dict]:
    """Disusun oleh, Disetujui and (below the kabupaten) Mengetahui; blank lines until the step is taken."""
    drafted = plan.last_step(Decision.SUBMITTED)
    blocks = [{"title": "Disusun oleh,", "name": drafted.name if drafted else plan.created_by.full_name,
               "jabatan": drafted.jabatan if drafted else plan.created_by.jabatan, "nip": None,
               "date": f"{place}, {_date(drafted, timezone)}" if drafted else ""}]
    taken = {Decision.APPROVED: rules.is_approved(plan), Decision.ENDORSED: rules.is_final(plan)}
    for step in rules.chain(plan.region_code):
        done = plan.last_step(step.decision) if taken[step.decision] else None
        expected = rules.step_title(plan, step)
        blocks.append({
            "title": "Disetujui," if step.decision == Decision.APPROVED else "Mengetahui,",
            "name": done.name if done else "", "jabatan": (done.jabatan if done and done.jabatan else expected),
            "nip": (done.nip or None) if done and done.user.is_asn else None,  # elected officials have no NIP
            "date": f"Tanggal {_date(done, timezone)}" if done else "Tanggal ....................",
        })
    return _one_name_once(blocks)


def _one_name_once(blocks: list[dict]) -> list[dict]:
    """Separation of duties on paper: a name already printed in an earlier block is left blank in a later
    one (plans approved before the rule existed), so one person never signs twice."""
    seen = set()
    for block in blocks:
        if block["name"] and block["name"] in seen:
            block["name"], block["nip"] = "", None
        seen.add(block["name"])
    return blocks


def content(plan: Plan) -> dict:
    """What an approved plan prints that is not locked by the approval itself: kop, title and signers;
    the lines go in as well, so the verification hash covers the whole page."""
    setting = setting_for(plan.region_code)
    kop = kop_for(plan.region)
    return {
        "kop": kop.as_dict(), "title": f"Rencana Kerja {kop.body} {plan.year}", "period": plan.period_label,
        "revision": plan.revision,
        "lines": [[line.activity, line.indicator, line.target_value, line.location_label, line.schedule_label,
                   line.person_in_charge, line.source_label, line.budget] for line in plan.lines],
        "signers": [{**block, "role": block["title"]} for block in signatures(plan, setting.timezone, kop.place)],
    }


def freeze(plan: Plan):
    """Keep the plan's printed kop and signatures as of this approval step (the caller commits). The
    approval gives the plan its nomor; the endorsement above keeps it."""
    at = plan.status_changed_at  # the step just taken
    frozen = {**content(plan), "number": numbering.assign(KIND, plan.id, plan.region_code, at)}
    setting = setting_for(plan.region_code)
    return signing.record(KIND, plan.id, plan.region_code, frozen["title"], frozen, number=frozen["number"],
                          logo=setting.logo, logo_mime=setting.logo_mime, signed_at=at)


def pdf_context(plan: Plan) -> dict:
    setting = setting_for(plan.region_code)
    document = documents.latest(KIND, plan.id) if rules.is_approved(plan) else None
    printed = json.loads(document.content) if document else content(plan)
    logo = pdf.data_uri(document.logo, document.logo_mime) if document else pdf.data_uri(setting.logo, setting.logo_mime)
    return {
        "setting": setting, "logo": logo, "draft": not rules.is_approved(plan), "kop_lines": printed["kop"]["lines"],
        "title": printed["title"], "number": printed.get("number", ""), "plan": plan, "groups": grouped_by_field(plan.lines),
        "by_field": totals_by_field(plan.lines), "by_source": totals_by_source(plan.lines), "total": plan.total,
        "signatures": printed["signers"], "verification": verification.footer(document) if document else None,
        "realisation": rules.is_approved(plan), "spent": spent_total(plan.lines),
        "landscape": True,  # nine columns: the matrix is printed sideways, as Renja tables are
    }
