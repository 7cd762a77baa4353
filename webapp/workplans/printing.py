"""What the printed plan needs: letterhead setting, grouped lines, totals and the three signature blocks."""
from __future__ import annotations

from webapp import formatting, pdf
from webapp.clock import local_time
from webapp.regions.queries import setting_for
from webapp.workplans import rules
from webapp.workplans.models import (
    Decision, Plan, grouped_by_field, spent_total, totals_by_field, totals_by_source,
)


def _date(step, timezone: str) -> str:
    return formatting.tanggal(local_time(step.at, timezone).date(), with_day=False) if step else ""


def signatures(plan: Plan, timezone: str) -> list[dict]:
    """Disusun oleh, Disetujui and (below the kabupaten) Mengetahui; blank lines until the step is taken."""
    place = plan.region.bare_name
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
            "nip": done.nip if done and done.nip else None,
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


def pdf_context(plan: Plan) -> dict:
    setting = setting_for(plan.region_code)
    return {
        "setting": setting, "logo": pdf.data_uri(setting.logo, setting.logo_mime), "draft": not rules.is_approved(plan),
        "plan": plan, "groups": grouped_by_field(plan.lines), "by_field": totals_by_field(plan.lines),
        "by_source": totals_by_source(plan.lines), "total": plan.total,
        "signatures": signatures(plan, setting.timezone), "body_name": setting.body_name,
        "realisation": rules.is_approved(plan), "spent": spent_total(plan.lines),
        "landscape": True,  # nine columns: the matrix is printed sideways, as Renja tables are
    }
