"""What the printed plan needs: the issuing tier's kop, grouped lines, totals and the signature blocks.

Each approval step freezes the whole printed page as it prints then (a SignedDocument version: approval
is version 1, the endorsement above version 2): kop, heading, every column of every line (pelaksana,
lokasi, pemilik anggaran by name) and the signature blocks. The PDF of an approved plan prints only
that, with the QR that verifies it; renaming a mitra or a Posyandu later changes nothing on it.
Realisation is a separate, live report (`realisation_context`), never part of the signed page.
"""
from __future__ import annotations

from webapp import formatting, pdf
from webapp.clock import local_time
from webapp.documents.people import printed_nip
from webapp.documents import pipeline, queries as documents
from webapp.regions.letterhead import kop_for
from webapp.regions.queries import setting_for
from webapp.workplans import rules
from webapp.spm import FundingSource, SpmField
from webapp.workplans.models import Decision, Plan, spent_total

KIND = "rencana_kerja"


def _date(step, timezone: str) -> str:
    return formatting.tanggal(local_time(step.at, timezone).date(), with_day=False) if step else ""


def _step_nip(step) -> str | None:
    """The NIP recorded with a step, printed only for an ASN: elected officials have none."""
    return (step.nip or None) if step.user.is_asn else None


def signatures(plan: Plan, timezone: str, place: str) -> list[dict]:
    """Disusun oleh, Disetujui and (below the kabupaten) Mengetahui; blank lines until the step is taken."""
    drafted = plan.last_step(Decision.SUBMITTED)
    blocks = [{"title": "Disusun oleh,", "name": drafted.name if drafted else plan.created_by.full_name,
               "jabatan": drafted.jabatan if drafted else plan.created_by.jabatan,
               "nip": _step_nip(drafted) if drafted else (printed_nip(plan.created_by) or None),
               "date": f"{place}, {_date(drafted, timezone)}" if drafted else ""}]
    taken = {Decision.APPROVED: rules.is_approved(plan), Decision.ENDORSED: rules.is_final(plan)}
    for step in rules.chain(plan.region_code):
        done = plan.last_step(step.decision) if taken[step.decision] else None
        expected = rules.step_title(plan, step)
        blocks.append({
            "title": "Disetujui," if step.decision == Decision.APPROVED else "Mengetahui,",
            "name": done.name if done else "", "jabatan": (done.jabatan if done and done.jabatan else expected),
            "nip": _step_nip(done) if done else None,
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


ROW_KEYS = ("activity", "indicator", "target_value", "location_label", "schedule_label", "person_in_charge",
            "source_label", "budget")
"""The order of a row in the first frozen format (a list per line): kept to print plans signed then."""


def row_of(line) -> dict:
    """Every value the plan prints for one line, as text and rupiah, frozen at signing."""
    return {"spm_field": str(line.spm_field), "field_label": line.field_label, "activity": line.activity,
            "indicator": line.indicator, "target_value": line.target_value, "target_group": line.target_group,
            "location_label": line.location_label, "schedule_label": line.schedule_label,
            "pelaksana_label": line.pelaksana_label, "person_in_charge": line.person_in_charge,
            "funding_source": str(line.funding_source), "source_label": line.source_label,
            "holder_label": line.holder_label, "budget": line.budget}


def content(plan: Plan) -> dict:
    """Everything an approved plan prints: kop, title, the plan's heading, every column of every line and
    the signers, so the verification hash covers the whole page and the page never changes after signing."""
    setting = setting_for(plan.region_code)
    kop = kop_for(plan.region)
    return {
        "kop": kop.as_dict(), "title": f"Rencana Kerja {kop.body} {plan.year}", "period": plan.period_label,
        "revision": plan.revision, "heading": {"title": plan.title, "background": plan.background},
        "lines": [row_of(line) for line in plan.lines],
        "signers": [{**block, "role": block["title"]} for block in signatures(plan, setting.timezone, kop.place)],
    }


def printed_rows(printed: dict, plan: Plan) -> list[dict]:
    """The frozen rows; a plan signed before whole rows were frozen (a list per line) keeps its frozen
    values and takes only what was not frozen then (field, pelaksana, holder) from its locked lines."""
    rows = printed.get("lines", [])
    if all(isinstance(row, dict) for row in rows):
        return rows
    return [{**row_of(line), **dict(zip(ROW_KEYS, row, strict=True))} for line, row in zip(plan.lines, rows, strict=False)]


def _groups(rows: list[dict]) -> list[tuple[str, list[dict], int]]:
    """Rows under their SPM field (fixed order) with the group's subtotal."""
    order = {str(f): i for i, f in enumerate(SpmField)}
    fields = sorted({row["spm_field"] for row in rows}, key=lambda f: order.get(f, len(order)))
    groups = []
    for key in fields:
        members = [row for row in rows if row["spm_field"] == key]
        groups.append((members[0]["field_label"], members, sum(row["budget"] for row in members)))
    return groups


def by_source(rows: list[dict]) -> list[tuple[str, int]]:
    """(source label, summed budget) in the fixed source order, as printed and as verified."""
    order = {str(s): i for i, s in enumerate(FundingSource)}
    labels = {row["source_label"]: order.get(row.get("funding_source", ""), len(order)) for row in rows}
    return [(label, sum(r["budget"] for r in rows if r["source_label"] == label))
            for label in sorted(labels, key=lambda label: (labels[label], label))]


def freeze(plan: Plan):
    """Keep the plan's printed kop and signatures as of this approval step (the caller commits). The
    approval gives the plan its nomor; the endorsement above keeps it."""
    at = plan.status_changed_at  # the step just taken
    frozen = {**content(plan), "number": pipeline.number(KIND, plan.id, plan.region_code, at)}
    return pipeline.freeze(KIND, plan.id, plan.region_code, frozen, signed_at=at)


def pdf_context(plan: Plan) -> dict:
    """A draft prints its live lines; an approved plan prints only what its latest signed version froze."""
    printed, _, page = pipeline.print_signed(KIND, plan.id, plan.region_code, rules.is_approved(plan),
                                             lambda: content(plan))
    rows = printed_rows(printed, plan)
    groups = _groups(rows)
    heading = printed.get("heading", {"title": plan.title, "background": plan.background})
    return {
        **page, "title": printed["title"], "number": printed.get("number", ""), "heading": heading,
        "period": printed.get("period", plan.period_label), "revision": printed.get("revision", plan.revision),
        "groups": groups, "by_field": [(label, subtotal) for label, _, subtotal in groups],
        "by_source": by_source(rows), "total": sum(row["budget"] for row in rows), "signatures": printed["signers"],
        "landscape": True,  # nine columns: the matrix is printed sideways, as Renja tables are
    }


def realisation_context(plan: Plan, today) -> dict:
    """The live "Laporan Realisasi Rencana Kerja": where each approved line stands today. Not signed and
    not part of the signed plan; it names the plan (its nomor) it reports on."""
    setting = setting_for(plan.region_code)
    kop = kop_for(plan.region)
    document = documents.latest(KIND, plan.id)
    return {
        "setting": setting, "logo": pdf.data_uri(setting.logo, setting.logo_mime), "kop_lines": kop.lines,
        "title": f"Laporan Realisasi Rencana Kerja {kop.body} {plan.year}", "plan": plan,
        "plan_number": document.number if document else "", "as_of": formatting.tanggal(today, with_day=False),
        "lines": plan.lines, "total": plan.total, "spent": spent_total(plan.lines), "landscape": True,
    }
