"""Use cases of a work plan: draft, edit lines, submit, approve or return, start a revision.

Each checks access (403 via access.require), refuses bad input with Refused (422, naming the
form field) and a stale version with Conflict (409), and commits once. Status changes are
steps of `rules.PLAN_FLOW`, taken through `webapp.workflow.take`.
"""
from __future__ import annotations

import re

from sqlalchemy import select

from webapp.access import Actor, require
from webapp.clock import utcnow
from webapp.audit import audit
from webapp.extensions import db
from webapp.inputs import posted_id
from webapp.mitra.models import Mitra
from webapp.kit import ITEM_BY_KEY, KIT
from webapp.refusal import Conflict, Refused, commit_or_conflict
from webapp.regions.models import Posyandu, Region, is_within, kabupaten_code_of
from webapp.spm import APBDES_SOURCES
from webapp.workflow import Taken, take
from webapp.workplans import holders, printing, rules
from webapp.workplans.rules import PLAN_FLOW, PROGRESS_FLOW
from webapp.workplans.models import (
    SOURCE_LABELS, Decision, FundingSource, Plan, PlanLine, PlanStatus, PlanStep, Progress, SpmField,
)

CONFLICT = ("Rencana kerja ini baru saja diubah oleh orang lain. Perubahan Anda belum disimpan; "
            "muat ulang halaman untuk melihat versi terbaru lalu ulangi.")
LOCKED = "Rencana kerja ini sudah diajukan atau disetujui, jadi terkunci. Untuk mengubahnya, buat revisi baru."
LINE_FIELDS = ("activity", "spm_field", "indicator", "target_value", "target_group", "months",
               "person_in_charge", "budget", "funding_source", "mitra_id", "activity_code", "volume", "unit",
               "unit_price", "output", "budget_holder", "budget_holder_mitra_id")
ACTIVITY_CODE = re.compile(r"\d{1,2}(\.\d{1,4}){2,5}")
"""Desa (Permendagri 20/2018) 02.02.02, or a SIPD sub-kegiatan 1.02.02.2.02.0033: NN.NN.NN plus further parts."""
OVER_BUDGET_SHARE = 1.5
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


def record_progress(actor: Actor, line: PlanLine, data: dict) -> Taken:
    """Update the realisation of an approved line (drafting body or pelaksana mitra): status, amount spent,
    date, output achieved and an evidence note; every update is kept in the line's history. Refused: a
    status that is no step, a negative or non-numeric amount, more than 150% of the budget unconfirmed;
    409 when the plan is not approved or the status cannot be reached from where the line stands."""
    if not rules.is_approved(line.plan):
        raise Conflict("Realisasi hanya dicatat untuk kegiatan dari rencana kerja yang sudah disetujui.")
    wanted = data.get("progress")
    if wanted not in (Progress.RUNNING, Progress.DONE, Progress.CANCELLED):
        raise Refused("Pilih status: berjalan, selesai, atau batal.", "progress")
    spent = data.get("spent")
    if not isinstance(spent, int) or spent < 0:
        raise Refused("Isi jumlah yang sudah dibelanjakan dengan angka rupiah 0 atau lebih, mis. 1.250.000.", "spent")
    if spent > line.budget * OVER_BUDGET_SHARE and not data.get("confirm"):
        raise Refused("Realisasi melebihi 150% anggaran. Periksa angkanya; bila memang benar, centang konfirmasi "
                      "lalu simpan lagi.", "spent")
    evidence = (data.get("evidence") or "").strip()[:300]
    taken = take(actor, line, PROGRESS_FLOW, rules.progress_step(line.progress, wanted), evidence,
                 subject=f"line {line.id}")
    if taken.changed:
        line.spent, line.progress_on = spent, data.get("progress_on")
        line.output_achieved, line.evidence = (data.get("output_achieved") or "").strip()[:300], evidence
        event = line.progress_events[-1]
        event.spent, event.progress_on = line.spent, line.progress_on
        event.output_achieved, event.evidence = line.output_achieved, evidence
        commit_or_conflict(CONFLICT)
    return taken


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
    volume = _collect(problems, _checked_volume, data) or {}
    budget = volume.get("budget", data.get("budget"))
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
    _collect(problems, _checked_code, data)
    if unknown := [key for key in data.get("kit_items") or [] if key not in ITEM_BY_KEY]:
        problems["kit_items"] = "Alat sarpras tidak dikenal: " + ", ".join(map(str, unknown)) + ". Pilih dari daftar kit ILP."
    return problems


def _collect(problems: dict, check, *args):
    """Run one check; a refusal joins the others under its field instead of stopping the rest."""
    try:
        return check(*args)
    except Refused as error:
        problems.setdefault(error.field, str(error))
        return None


def _checked_line(plan: Plan, data: dict) -> dict:
    problems = line_problems(data)
    if plan.region.kind == "kelurahan" and data.get("funding_source") in APBDES_SOURCES:
        problems["funding_source"] = ("Kelurahan tidak punya APBDes: pilih APBD kabupaten (melalui kecamatan) "
                                      "atau sumber lain.")
    place = _collect(problems, _checked_location, plan, data.get("location") or "")
    mitra_id = _collect(problems, _checked_mitra, plan, data.get("mitra_id"))
    holder = _collect(problems, _checked_holder, plan, data, mitra_id) if "funding_source" not in problems else None
    if problems:
        raise Refused.every(problems)
    volume = _checked_volume(data)
    months = sorted({int(m) for m in data["months"]})
    values = {name: (data.get(name) or "").strip() for name in
              ("indicator", "target_value", "target_group", "person_in_charge", "unit", "output")}
    values.update(activity=data["activity"].strip(), spm_field=SpmField(data["spm_field"]),
                  budget=volume.pop("budget", data.get("budget")), funding_source=FundingSource(data["funding_source"]),
                  months=",".join(map(str, months)), mitra_id=mitra_id, activity_code=_checked_code(data),
                  kit_items=",".join(item.key for item in KIT if item.key in set(data.get("kit_items") or [])),
                  budget_holder=holder[0], budget_holder_mitra_id=holder[1], **volume, **place)
    return values


def _checked_volume(data: dict) -> dict:
    """Volume × harga satuan gives the budget when both are given; negative or non-numeric values are refused."""
    volume, price = data.get("volume"), data.get("unit_price")
    for name, value, label in (("volume", volume, "Volume"), ("unit_price", price, "Harga satuan")):
        if value is not None and (not isinstance(value, int) or value < 0):
            raise Refused(f"{label} harus angka bulat 0 atau lebih, mis. 12.", name)
    if price is not None and volume is None:
        raise Refused("Isi volume bila harga satuan diisi.", "volume")
    if volume is not None and price is not None:
        if volume * price >= MAX_BUDGET:
            raise Refused("Volume × harga satuan terlalu besar; periksa lagi angkanya.", "unit_price")
        return {"volume": volume, "unit_price": price, "budget": volume * price}
    return {"volume": volume, "unit_price": None}


def _kabupaten_mitra(plan: Plan, value) -> Mitra | None:
    """A registered, active mitra of the plan's kabupaten named by its id, else None."""
    mitra_id = posted_id(value)
    mitra = db.session.get(Mitra, mitra_id) if mitra_id is not None else None
    if mitra is None or not mitra.is_active or mitra.kabupaten_code != kabupaten_code_of(plan.region_code):
        return None
    return mitra


def _checked_mitra(plan: Plan, value) -> int | None:
    """The pelaksana: a registered, active mitra of the plan's kabupaten, or None for the body itself."""
    if value in (None, ""):
        return None
    mitra = _kabupaten_mitra(plan, value)
    if mitra is None:
        raise Refused("Pelaksana tidak dikenal atau bukan mitra kabupaten ini. Pilih dari daftar.", "mitra_id")
    return mitra.id


def _checked_holder(plan: Plan, data: dict, mitra_id: int | None) -> tuple[str, int | None]:
    """The pemilik anggaran: derived from the source when left on "otomatis"; a named mitra must be one of the
    plan's kabupaten; APBDes money always belongs to the desa."""
    choice = str(data.get("budget_holder") or "")
    named = _kabupaten_mitra(plan, choice[2:]) if choice.startswith("m:") else None
    try:
        return holders.checked(choice, data["funding_source"], db.session.get(Mitra, mitra_id) if mitra_id else None,
                               named)
    except ValueError as error:
        raise Refused(str(error), "budget_holder") from None


def _checked_code(data: dict) -> str:
    code = (data.get("activity_code") or "").strip()
    if code and not ACTIVITY_CODE.fullmatch(code):
        raise Refused("Kode kegiatan ditulis angka bertitik, mis. 02.02.02 (desa) atau 1.02.02.2.02.0033 (SIPD).",
                      "activity_code")
    return code


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
