"""A plan and the plan roll-up as exports (webapp/exports.py): budgets as numbers in rupiah, months and codes as
people read them, a Keterangan sheet naming the plan, its status and what the columns mean."""
from __future__ import annotations

from webapp.exports import Column, Export, Sheet
from webapp.regions.queries import setting_for
from webapp.workplans import rules
from webapp.workplans.models import Plan

RUPIAH = ("Anggaran", "Jumlah anggaran dalam rupiah, tanpa desimal.")


def plan_export(plan: Plan) -> Export:
    """One line per activity, in the plan's order."""
    columns = [Column("No", "int", 6), Column("Bidang SPM", width=22), Column("Kegiatan", width=40),
               Column("Indikator", width=32), Column("Target", width=14), Column("Sasaran", width=20),
               Column("Lokasi", width=24), Column("Jadwal", width=18), Column("Penanggung jawab", width=22),
               Column("Sumber dana", width=18), Column("Anggaran (Rp)", "rupiah", 16),
               Column("Pelaksana", width=22), Column("Pemilik anggaran", width=24)]
    lines = [[n, line.field_label, line.activity, line.indicator or None, line.target_value or None,
              line.target_group or None, line.location_label or None, line.schedule_label or None,
              line.person_in_charge or None, line.source_label, line.budget, line.pelaksana_label, line.holder_label]
             for n, line in enumerate(plan.lines, start=1)]
    lines.append([None, None, "Jumlah", None, None, None, None, None, None, None, plan.total, None, None])
    return Export(title=f"Rencana kerja {plan.title}", area=plan.region.full_label, period=plan.period_label,
                  timezone=setting_for(plan.region_code).timezone, sheets=[Sheet("Rencana kerja", columns, lines)],
                  definitions=[("Status", rules.status_label(plan)), ("Revisi", str(plan.revision)), RUPIAH])


def rollup_export(data) -> Export:
    """The status and budget of each child region's plans, then the budget by SPM field and by source."""
    status = Sheet("Status", [Column("Wilayah", width=28), Column("Kode wilayah", width=16),
                              Column("Status rencana kerja", width=36), Column("Anggaran (Rp)", "rupiah", 16)],
                   [[row.region.name, row.region.code, ", ".join(row.labels), row.budget] for row in data.rows])
    budget = [Column("Rincian", width=40), Column("Disetujui (Rp)", "rupiah", 18), Column("Semua rencana (Rp)", "rupiah", 18)]
    sums = [[f"Bidang {label}", approved, every] for label, approved, every in data.by_field]
    sums += [[f"Sumber {label}", approved, every] for label, approved, every in data.by_source]
    sums.append(["Jumlah", *data.total])
    matrix = Sheet("Bidang x sumber x pelaksana",
                   [Column("Bidang", width=24), Column("Sumber dana", width=20), Column("Pelaksana", width=30),
                    Column("Disetujui (Rp)", "rupiah", 16), Column("Semua (Rp)", "rupiah", 16),
                    Column("Realisasi (Rp)", "rupiah", 16)],
                   [[r.field, r.source, r.pelaksana, r.approved, r.every, r.spent] for r in data.matrix])
    holders = Sheet("Pemilik anggaran", [Column("Pemilik anggaran", width=36), Column("Disetujui (Rp)", "rupiah", 18),
                                         Column("Semua rencana (Rp)", "rupiah", 18)],
                    [list(row) for row in data.by_holder])
    return Export(title="Rekap rencana kerja", area=data.region.full_label, period=f"Tahun {data.year}",
                  timezone=setting_for(data.region.code).timezone,
                  sheets=[status, Sheet("Anggaran", budget, sums), holders, matrix],
                  definitions=[RUPIAH, ("Disetujui", "Rencana yang sudah disetujui pejabat penyetuju tingkatnya."),
                               ("Pemilik anggaran", "Yang menganggarkan kegiatan (Renja/RKA-nya). Dana Desa/ADD milik "
                                                    "pemerintah desa, tidak dihitung pada OPD pelaksananya.")])
