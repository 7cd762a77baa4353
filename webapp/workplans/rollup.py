"""The kecamatan/kabupaten roll-up of work plans: status of every plan below, and the budget summed in SQL
by SPM field × funding source × pelaksana, approved and all, with what was spent (realisation)."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import lazyload

from webapp.access import Actor
from webapp.extensions import db
from webapp.mitra.models import Mitra
from webapp.regions.models import Level, Region
from webapp.spm import SOURCE_LABELS, SPM_LABELS, FundingSource, SpmField
from webapp.workplans import rules
from webapp.workplans.holders import FIXED_LABELS, Holder
from webapp.workplans.models import Plan, PlanLine, PlanStatus, Progress
from webapp.workplans.needs import Need, needs

APPROVED = (PlanStatus.APPROVED, PlanStatus.ENDORSED)  # rules.is_approved, as SQL
BODY = "Tim/Pokja sendiri"


@dataclass
class RollupRow:
    region: Region
    plans: list[Plan]
    budget: int = 0
    below: dict[str, int] = field(default_factory=dict)   # status label -> count of desa plans (kabupaten view)
    below_total: int = 0

    @property
    def labels(self) -> list[str]:
        return [rules.status_label(p) for p in self.plans] or [rules.status_label(None)]


@dataclass(frozen=True)
class MatrixRow:
    field: str
    source: str
    pelaksana: str
    approved: int
    every: int
    spent: int


@dataclass
class Rollup:
    region: Region
    year: int
    own: list[Plan]
    rows: list[RollupRow]
    by_field: list[tuple[str, int, int]]     # label, approved, all
    by_source: list[tuple[str, int, int]]
    total: tuple[int, int]
    matrix: list[MatrixRow] = field(default_factory=list)   # field × source × pelaksana
    spent: int = 0                                           # realised on approved lines (cancelled left out)
    needs: list[Need] = field(default_factory=list)         # need signals without a Posyandu allocation
    by_holder: list[tuple[str, int, int]] = field(default_factory=list)  # pemilik anggaran: approved, all

    @property
    def realisation_rate(self) -> str:
        return f"{round(100 * self.spent / self.total[0])}%" if self.total[0] else "–"


def rollup_regions(actor: Actor) -> list[Region]:
    """Kecamatan and kabupaten the actor may roll up (the tops of its plan.view subtrees)."""
    codes = actor.region_codes("plan.view")
    regions = db.session.scalars(select(Region).where(Region.code.in_(codes)).order_by(Region.code))
    return [r for r in regions if r.level in (Level.KECAMATAN, Level.KABUPATEN)]


def _current(actor: Actor, region_code: str, year: int) -> list:
    """Conditions for the newest revision of every plan of the year in this subtree that the actor reads."""
    newer = select(Plan.previous_id).where(Plan.previous_id.is_not(None))
    return [or_(Plan.region_code == region_code, Plan.region_code.startswith(region_code + ".", autoescape=True)),
            actor.where_region("plan.view", Plan.region_code), Plan.year == year, Plan.id.not_in(newer)]


def current_plans(actor: Actor, region_code: str, year: int) -> list[Plan]:
    """The newest revision of every plan of the year in this subtree (older revisions left out), without lines."""
    return list(db.session.scalars(
        select(Plan).where(*_current(actor, region_code, year)).options(lazyload(Plan.lines), lazyload(Plan.steps))
        .order_by(Plan.region_code, Plan.semester)))


def _cells(actor: Actor, region_code: str, year: int) -> list[tuple]:
    """(approved?, field, source, mitra id, budget, spent) summed in SQL over the current plans' lines."""
    approved = Plan.status.in_(APPROVED)
    spent = func.sum(case((PlanLine.progress == Progress.CANCELLED, 0), else_=PlanLine.spent))
    return list(db.session.execute(
        select(approved, PlanLine.spm_field, PlanLine.funding_source, PlanLine.mitra_id,
               func.sum(PlanLine.budget), spent)
        .join(PlanLine, PlanLine.plan_id == Plan.id).where(*_current(actor, region_code, year))
        .group_by(approved, PlanLine.spm_field, PlanLine.funding_source, PlanLine.mitra_id)))


def _plan_totals(actor: Actor, region_code: str, year: int) -> dict[int, int]:
    return dict(db.session.execute(
        select(Plan.id, func.sum(PlanLine.budget)).join(PlanLine, PlanLine.plan_id == Plan.id)
        .where(*_current(actor, region_code, year)).group_by(Plan.id)).all())


def _names(ids: set) -> dict[int, str]:
    """Mitra names as the roll-up prints them: a unit under its agency ("Dinkes — PKM Kota Besi")."""
    return {m.id: (f"{m.parent.short_name} — {m.short_name}" if m.parent else m.short_name)
            for m in db.session.scalars(select(Mitra).where(Mitra.id.in_(ids - {None})))}


def by_holder(actor: Actor, region_code: str, year: int) -> list[tuple[str, int, int]]:
    """Budget per pemilik anggaran (approved, all), largest first: what each agency's Renja/RKA carries.
    APBDes lines count under the desa, never under the agency that carries them out."""
    approved = Plan.status.in_(APPROVED)
    cells = db.session.execute(
        select(approved, PlanLine.budget_holder, PlanLine.budget_holder_mitra_id, func.sum(PlanLine.budget))
        .join(PlanLine, PlanLine.plan_id == Plan.id).where(*_current(actor, region_code, year))
        .group_by(approved, PlanLine.budget_holder, PlanLine.budget_holder_mitra_id)).all()
    names = _names({c[2] for c in cells})
    sums: dict[str, list[int]] = {}
    for ok, kind, mitra_id, budget in cells:
        label = names.get(mitra_id) if kind == Holder.MITRA and mitra_id else FIXED_LABELS.get(kind, FIXED_LABELS[""])
        row = sums.setdefault(label or FIXED_LABELS[""], [0, 0])
        row[1] += budget or 0
        row[0] += (budget or 0) if ok else 0
    return sorted(((label, *values) for label, values in sums.items()), key=lambda r: (-r[2], r[0]))


def matrix(cells: list[tuple]) -> list[MatrixRow]:
    """Budget per SPM field × funding source × pelaksana (approved, all, spent), in the fixed field and source
    order, pelaksana by name; a unit is shown under its agency ("Dinkes — PKM Kota Besi")."""
    names = _names({c[3] for c in cells})
    sums: dict[tuple, list[int]] = {}
    for ok, spm, source, mitra_id, budget, spent in cells:
        key = (SpmField(spm), FundingSource(source), names.get(mitra_id, BODY))
        cell = sums.setdefault(key, [0, 0, 0])
        cell[1] += budget or 0
        if ok:
            cell[0] += budget or 0
            cell[2] += spent or 0
    order = {f: i for i, f in enumerate(SpmField)} | {s: i for i, s in enumerate(FundingSource)}
    return [MatrixRow(SPM_LABELS[f], SOURCE_LABELS[s], who, *values)
            for (f, s, who), values in sorted(sums.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]],
                                                                            kv[0][2]))]


def _sums(cells: list[MatrixRow], attr: str, labels: dict) -> list[tuple[str, int, int]]:
    """Approved and all per field (or source), in the fixed order; kinds without any line are left out."""
    rows = [(label, sum(c.approved for c in cells if getattr(c, attr) == label),
             sum(c.every for c in cells if getattr(c, attr) == label)) for label in labels.values()]
    return [row for row in rows if any(c for c in cells if getattr(c, attr) == row[0])]


def rollup(actor: Actor, region: Region, year: int) -> Rollup:
    """Status of every plan below a kecamatan (its desa) or a kabupaten (its kecamatan, with their desa
    counted), and the budget summed by field, source and pelaksana: approved plans and all plans."""
    plans = current_plans(actor, region.code, year)
    totals = _plan_totals(actor, region.code, year)
    by_region: dict[str, list[Plan]] = {}
    for plan in plans:
        by_region.setdefault(plan.region_code, []).append(plan)
    counts = dict(db.session.execute(select(Region.parent_code, func.count(Region.code))
                                     .where(Region.parent_code.startswith(region.code + ".", autoescape=True))
                                     .group_by(Region.parent_code)).all())
    rows = []
    for child in db.session.scalars(select(Region).where(Region.parent_code == region.code).order_by(Region.code)):
        own = by_region.get(child.code, [])
        row = RollupRow(child, own, budget=sum(totals.get(p.id, 0) for p in own))
        if region.level == Level.KABUPATEN:
            for plan in plans:
                if plan.region.parent_code == child.code:
                    label = rules.status_label(plan)
                    row.below[label] = row.below.get(label, 0) + 1
            row.below_total = counts.get(child.code, 0)
        rows.append(row)
    cells = matrix(_cells(actor, region.code, year))
    return Rollup(
        region=region, year=year, own=by_region.get(region.code, []), rows=rows,
        by_field=_sums(cells, "field", SPM_LABELS), by_source=_sums(cells, "source", SOURCE_LABELS),
        total=(sum(c.approved for c in cells), sum(c.every for c in cells)), matrix=cells,
        spent=sum(c.spent for c in cells), needs=needs(actor, region, year),
        by_holder=by_holder(actor, region.code, year),
    )
