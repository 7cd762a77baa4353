"""Summary tables behind every dashboard tier from kecamatan up, and the region-prefix index.

The tables are derived data: every row is what `webapp.dashboard.sql` computes from the
monthly reports and the Posyandu registry, rewritten by `webapp.dashboard.summary` whenever
a report, a Posyandu or a kabupaten's due day changes. Rows are keyed by desa and by a month
number `period = year * 12 + month - 1`; the kecamatan, kabupaten and province codes are
stored beside it so a kecamatan, kabupaten, province or national view filters and groups on
plain equality.
"""
from __future__ import annotations

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from webapp.dashboard.indicators import PAIRS
from webapp.extensions import db
from webapp.regions.models import Posyandu


class _DesaMonth:
    """The key every summary row has: a desa and a month, with its kecamatan, kabupaten and province beside it."""

    desa_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    period: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kecamatan_code: Mapped[str] = mapped_column(String(13))
    kabupaten_code: Mapped[str] = mapped_column(String(13))
    province_code: Mapped[str] = mapped_column(String(13))

    @declared_attr.directive
    def __table_args__(cls):
        name = cls.__tablename__
        return (Index(f"ix_{name}_kecamatan_code_period", "kecamatan_code", "period"),
                Index(f"ix_{name}_kabupaten_code_period", "kabupaten_code", "period"),
                Index(f"ix_{name}_province_code_period", "province_code", "period"),
                Index(f"ix_{name}_period", "period"))


class DashboardMonth(_DesaMonth, db.Model):
    """Per desa and month: reports received / on time / late and, per ratio, the paired sums."""

    __tablename__ = "dashboard_month"

    received: Mapped[int] = mapped_column(default=0)
    on_time: Mapped[int] = mapped_column(default=0)


# Per ratio: the numerator and denominator summed over reports that filled both (blank is
# not 0), and how many reports that was. NULL when no report filled them.
for _pair in PAIRS:
    for _suffix in ("num", "den", "n"):
        setattr(DashboardMonth, f"{_pair.key}_{_suffix}", mapped_column(f"{_pair.key}_{_suffix}", Integer))


class DashboardRegistry(db.Model):
    """Per desa: active Posyandu in the registry and those with ≥ 5 kader with an SK (a national
    count over 300,000 Posyandu costs ~200 ms; this table holds one row per desa with a Posyandu)."""

    __tablename__ = "dashboard_registry"

    desa_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    kecamatan_code: Mapped[str] = mapped_column(String(13), index=True)
    kabupaten_code: Mapped[str] = mapped_column(String(13), index=True)
    province_code: Mapped[str] = mapped_column(String(13), index=True)
    posyandu: Mapped[int] = mapped_column(default=0)
    kader_met: Mapped[int] = mapped_column(default=0)


# `region_code LIKE '62.02.%'` can use a btree only with C collation or pattern ops on
# PostgreSQL; this one serves every subtree count of the registry (SQLite uses it plainly).
Index("ix_posyandu_region_code_pattern", Posyandu.region_code,
      postgresql_ops={"region_code": "varchar_pattern_ops"})


WINDOW_READ = ["posyandu_id", "service_months", "coverage_months", "extra_months", "received_recent", "month_groups",
               "month_home"]


class StrengthWindow(db.Model):
    """Per Posyandu and window end: what the strength page reads from the 12 months of reports ending there, so
    its cost does not grow with months of reports. A row exists when some report was received in the window;
    none means nothing received (all zero, no month report). `month_groups` is a bitmask of the life-cycle
    groups served in the end month (`strength.LIFE_GROUPS` order), NULL without a counted report that month."""

    __tablename__ = "strength_window"

    posyandu_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    period: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    desa_code: Mapped[str] = mapped_column(String(13))
    reports: Mapped[int] = mapped_column(default=0)
    service_months: Mapped[int] = mapped_column(default=0)
    coverage_months: Mapped[int] = mapped_column(default=0)
    extra_months: Mapped[int] = mapped_column(default=0)
    extra_reported: Mapped[int] = mapped_column(default=0)
    received_recent: Mapped[int] = mapped_column(default=0)
    month_groups: Mapped[int | None] = mapped_column(Integer)
    month_home: Mapped[int | None] = mapped_column(Integer)

    # A national count reads one period's ~300,000 rows: the index holds what it reads (an index-only scan).
    __table_args__ = (Index("ix_strength_window_desa_code_period", "desa_code", "period"),
                      Index("ix_strength_window_period", "period", postgresql_include=WINDOW_READ))


class StrengthProfile(db.Model):
    """Per Posyandu: its registry facts, kit and roster as the strength page counts them (equipment, kader,
    skills and trainings do not depend on the month). Kit columns are NULL while no equipment is recorded."""

    __tablename__ = "strength_profile"

    posyandu_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    region_code: Mapped[str] = mapped_column(String(13))
    province_code: Mapped[str] = mapped_column(String(13), index=True)  # a province's page filters on it
    is_active: Mapped[bool] = mapped_column(default=True)
    kader_with_sk: Mapped[int] = mapped_column(default=0)
    growth_kit: Mapped[bool | None]
    kit_complete: Mapped[bool | None]
    kit_gaps: Mapped[str] = mapped_column(String(300), default="")      # required kit keys not present and good
    skill_groups: Mapped[str] = mapped_column(String(60), default="")   # life-cycle skill groups some kader holds
    kader: Mapped[int] = mapped_column(default=0)
    kader_sk: Mapped[int] = mapped_column(default=0)
    kader_trained: Mapped[int] = mapped_column(default=0)
    level_none: Mapped[int] = mapped_column(default=0)
    level_purwa: Mapped[int] = mapped_column(default=0)
    level_madya: Mapped[int] = mapped_column(default=0)
    level_utama: Mapped[int] = mapped_column(default=0)


Index("ix_strength_profile_region_code_pattern", StrengthProfile.region_code,
      postgresql_ops={"region_code": "varchar_pattern_ops"})
