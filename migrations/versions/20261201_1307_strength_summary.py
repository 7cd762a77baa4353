"""Posyandu strength summary: per Posyandu and window end (the 12 months of reports) and per Posyandu (kit, roster).

Derived data like the dashboard summary: the tables start empty, so run `flask dashboard rebuild` once
after this upgrade (the tests and the demo seed rebuild them).

Revision ID: 1307_strength_summary
Revises: 1306_plan_line_kit
"""
import sqlalchemy as sa
from alembic import op

revision = "1307_strength_summary"
down_revision = "1306_plan_line_kit"
branch_labels = None
depends_on = None

COUNTS = ("reports", "service_months", "coverage_months", "extra_months", "extra_reported", "received_recent")
WINDOW_READ = ("posyandu_id", "service_months", "coverage_months", "extra_months", "received_recent", "month_groups",
               "month_home")
ROSTER = ("kader", "kader_sk", "kader_trained", "level_none", "level_purwa", "level_madya", "level_utama")


def upgrade():
    op.create_table(
        "strength_window",
        sa.Column("posyandu_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("desa_code", sa.String(length=13), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS),
        sa.Column("month_groups", sa.Integer(), nullable=True),
        sa.Column("month_home", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("posyandu_id", "period", name=op.f("pk_strength_window")),
    )
    op.create_index("ix_strength_window_desa_code_period", "strength_window", ["desa_code", "period"])
    op.create_index("ix_strength_window_period", "strength_window", ["period"], postgresql_include=list(WINDOW_READ))
    op.create_table(
        "strength_profile",
        sa.Column("posyandu_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("province_code", sa.String(length=13), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("kader_with_sk", sa.Integer(), nullable=False),
        sa.Column("growth_kit", sa.Boolean(), nullable=True),
        sa.Column("kit_complete", sa.Boolean(), nullable=True),
        sa.Column("kit_gaps", sa.String(length=300), nullable=False),
        sa.Column("skill_groups", sa.String(length=60), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in ROSTER),
        sa.PrimaryKeyConstraint("posyandu_id", name=op.f("pk_strength_profile")),
    )
    op.create_index("ix_strength_profile_province_code", "strength_profile", ["province_code"])
    op.create_index("ix_strength_profile_region_code_pattern", "strength_profile", ["region_code"],
                    postgresql_ops={"region_code": "varchar_pattern_ops"})


def downgrade():
    op.drop_table("strength_profile")
    op.drop_table("strength_window")
