"""Use cases of a work plan: draft, edit lines, submit, approve or return, start a revision.

Each checks access (403 via access.require), refuses bad input with Refused (422, naming the
form field) and a stale version with Conflict (409), and commits once. Status changes are
steps of `rules.PLAN_FLOW`, taken through `webapp.workflow.take`.
"""
from __future__ import annotations

from sqlalchemy import select

from webapp.access import Actor, require
from webapp.clock import utcnow
from webapp.audit import audit
from webapp.extensions import db
from webapp.refusal import Conflict, Refused, commit_or_conflict
from webapp.regions.models import Posyandu, Region, is_within
from webapp.workflow import Taken, take
from webapp.workplans import printing, rules
from webapp.workplans.rules import PLAN_FLOW
from webapp.workplans.models import (
    SOURCE_LABELS, Decision, FundingSource, Plan, PlanLine, PlanStatus, PlanStep, SpmField,
)

CONFLICT = ("Rencana kerja ini baru saja diubah oleh orang lain. Perubahan Anda belum disimpan; "
            "muat ulang halaman untuk melihat versi terbaru lalu ulangi.")
LOCKED = "Rencana kerja ini sudah diajukan atau disetujui, jadi terkunci. Untuk mengubahnya, buat revisi baru."
LINE_FIELDS = ("activity", "spm_field", "indicator", "target_value", "target_group", "months",
               "person_in_charge", "budget", "funding_source")
MAX_BUDGET = 10**15


def create_plan(actor: Actor, data: dict) -> Plan:
    """A new draft for one of the actor's own regions; one plan per region, year and semester."""
    region = db.session.get(Region, data["region_code"] or "")
    if region is None or not rules.may_draft(actor, region):
        raise Refused("Pilih wilayah tempat Anda menyusun rencana kerja.", "region_code")
    same_semester = Plan.semester.is_(None) if data["semester"] is None else Plan.semester == data["semester"]
    exists = db.session.scalar(select(Plan.id).where(Plan.region_code == region.code, Plan.year == data["year"],
                                                     same_semester))
    if exists:
        raise Refused("Rencana kerja untuk wilayah dan periode ini sudah ada. Buka rencana itu, atau buat revisi "
                      "baru dari sana.", "year")
    plan = Plan(region_code=region.code, created_by_id=actor.id, status=PlanStatus.DRAFT)
    _apply_header(plan, data)
    db.session.add(plan)
    db.session.flush()
    audit(actor.id, "plan.created", f"{plan.id} {region.code} {plan.year}")
    db.session.commit()
    return plan


def update_plan(actor: Actor, plan: Plan, data: dict, expected_version: int | None) -> None:
    """Change the title, background or period of a draft."""
    _check_editable(actor, plan, expected_version)
    _apply_header(plan, data)
    _touch(plan)
    audit(actor.id, "plan.updated", str(plan.id))
    _commit()


def save_line(actor: Actor, plan: Plan, line: PlanLine | None, data: dict, expected_version: int | None) -> PlanLine:
    """Add or change one activity line of a draft; every value is checked here as well as in the form."""
    _check_editable(actor, plan, expected_version)
    values = _checked_line(plan, data)
    if line is None:
        line = PlanLine(position=max((item.position for item in plan.lines), default=0) + 1)
        plan.lines.append(line)
    for name, value in values.items():
        setattr(line, name, value)
    _touch(plan)
    audit(actor.id, "plan.line_saved", str(plan.id), line.activity[:200])
    _commit()
    return line


def delete_line(actor: Actor, plan: Plan, line: PlanLine, expected_version: int | None) -> None:
    _check_editable(actor, plan, expected_version)
    plan.lines.remove(line)
    _touch(plan)
    audit(actor.id, "plan.line_deleted", str(plan.id), line.activity[:200])
    _commit()


def submit(actor: Actor, plan: Plan, expected_version: int | None) -> Taken:
    """Send a draft (or a fixed returned plan) to the first step of its chain."""
    if PLAN_FLOW.may(actor, plan, "submit") and not plan.lines:
        raise Refused("Tambahkan minimal satu kegiatan sebelum mengajukan.")
    return _take(actor, plan, "submit", "", expected_version)


def approve(actor: Actor, plan: Plan, note: str, expected_version: int | None) -> Taken:
    """Take the waiting step: approve (the tier's approver) or endorse (the approver one tier up)."""
    return _take(actor, plan, PLAN_FLOW.pick(actor, plan, rules.DECIDE), note, expected_version)


def return_plan(actor: Actor, plan: Plan, note: str, expected_version: int | None) -> Taken:
    """Send the plan back to its drafter with a note; it becomes editable again."""
    return _take(actor, plan, PLAN_FLOW.pick(actor, plan, rules.RETURN), note, expected_version)


def _take(actor: Actor, plan: Plan, step: str, note: str, expected_version: int | None) -> Taken:
    taken = take(actor, plan, PLAN_FLOW, step, note, expected_version)
    if taken.changed:
        plan.status_changed_at = taken.at
        _touch(plan)
        if step in rules.DECIDE:
            printing.freeze(plan)  # the kop and signature blocks as of this step (a new signed version)
        commit_or_conflict(CONFLICT)
    return taken


def new_revision(actor: Actor, plan: Plan) -> Plan:
    """A new draft carrying the lines of a fully approved plan; the approved one stays as it is."""
    require(actor, "plan.draft", plan)
    if not rules.is_final(plan):
        raise Refused("Revisi baru hanya bisa dibuat dari rencana kerja yang sudah disetujui penuh.")
    if db.session.scalar(select(Plan.id).where(Plan.previous_id == plan.id)):
        raise Refused("Revisi baru dari rencana ini sudah ada. Buka revisi itu.")
    revision = Plan(region_code=plan.region_code, year=plan.year, semester=plan.semester, title=plan.title,
                    background=plan.background, revision=plan.revision + 1, previous_id=plan.id,
                    created_by_id=actor.id, status=PlanStatus.DRAFT)
    for line in plan.lines:
        revision.lines.append(PlanLine(position=line.position, posyandu_id=line.posyandu_id,
                                       location_code=line.location_code,
                                       **{name: getattr(line, name) for name in LINE_FIELDS}))
    db.session.add(revision)
    db.session.flush()
    user = actor.user
    revision.steps.append(PlanStep(user_id=user.id, name=user.full_name, role=f"Penyusun, {plan.region.label}"[:60],
                                   jabatan=user.jabatan, nip=user.nip, decision=Decision.REVISED,
                                   note=f"Revisi ke-{revision.revision} dari rencana yang disetujui."))
    audit(actor.id, "plan.revised", f"{plan.id} -> {revision.id}")
    db.session.commit()
    return revision


# ---- helpers ------------------------------------------------------------------------------

def _apply_header(plan: Plan, data: dict) -> None:
    title = (data.get("title") or "").strip()
    if not title:
        raise Refused("Judul rencana kerja wajib diisi.", "title")
    if data.get("semester") not in (None, 1, 2):
        raise Refused("Semester 1 atau 2, atau kosong untuk setahun penuh.", "semester")
    plan.year, plan.semester, plan.title = data["year"], data["semester"], title
    plan.background = (data.get("background") or "").strip()


def _check_editable(actor: Actor, plan: Plan, expected_version: int | None) -> None:
    require(actor, "plan.draft", plan)
    if not plan.is_editable:
        raise Conflict(LOCKED)
    if expected_version is not None and expected_version != plan.version:
        raise Conflict(CONFLICT)


def line_problems(data: dict) -> dict[str, str]:
    """Every refused value of an activity line at once, by field (the form shows them in one round trip)."""
    problems = {}
    if not (data.get("activity") or "").strip():
        problems["activity"] = "Nama kegiatan wajib diisi."
    if data.get("spm_field") not in set(SpmField):
        problems["spm_field"] = "Pilih salah satu bidang SPM yang tersedia."
    budget = data.get("budget")
    if not isinstance(budget, int):
        problems["budget"] = "Isi anggaran dengan angka rupiah, mis. 12.500.000."
    elif budget < 0:
        problems["budget"] = "Anggaran tidak boleh negatif."
    elif budget >= MAX_BUDGET:
        problems["budget"] = "Anggaran terlalu besar; periksa lagi angkanya."
    if data.get("funding_source") not in set(FundingSource):
        problems["funding_source"] = ("Sumber dana tidak dikenal. Pilih salah satu: "
                                      + ", ".join(SOURCE_LABELS.values()) + ".")
    months = sorted({int(m) for m in data.get("months") or []})
    if not months or months[0] < 1 or months[-1] > 12:
        problems["months"] = "Pilih minimal satu bulan pelaksanaan."
    return problems


def _checked_line(plan: Plan, data: dict) -> dict:
    problems = line_problems(data)
    try:
        place = _checked_location(plan, data.get("location") or "")
    except Refused as error:
        problems[error.field], place = str(error), {}
    if problems:
        raise Refused.every(problems)
    months = sorted({int(m) for m in data["months"]})
    values = {name: (data.get(name) or "").strip() for name in
              ("indicator", "target_value", "target_group", "person_in_charge")}
    values.update(activity=data["activity"].strip(), spm_field=SpmField(data["spm_field"]), budget=data["budget"],
                  funding_source=FundingSource(data["funding_source"]), months=",".join(map(str, months)),
                  **place)
    return values


def _checked_location(plan: Plan, key: str) -> dict:
    """A Posyandu or a region inside the plan's own region; anything else is refused."""
    kind, _, ident = key.partition(":")
    if kind == "p" and ident.isdigit():
        posyandu = db.session.get(Posyandu, int(ident))
        if posyandu is not None and is_within(posyandu.region_code, plan.region_code):
            return {"posyandu_id": posyandu.id, "location_code": None}
    elif kind == "r":
        region = db.session.get(Region, ident)
        if region is not None and is_within(region.code, plan.region_code):
            return {"posyandu_id": None, "location_code": region.code}
    if not key:
        raise Refused("Pilih lokasi kegiatan.", "location")
    raise Refused(f"Lokasi harus Posyandu atau wilayah di dalam {plan.region.label}.", "location")


def _touch(plan: Plan) -> None:
    """Any change to a plan or its lines bumps the plan's version, so concurrent edits collide."""
    plan.updated_at = utcnow()


def _commit() -> None:
    commit_or_conflict(CONFLICT)
