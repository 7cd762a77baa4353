"""drop dashboard_aktif: Posyandu aktif is read from the strength summary on the five criteria

The table held per desa and window end the retired "3 syarat" counts (service, coverage, Madya, aktif on three
criteria). The dashboard, its home panel, the Ringkasan and the export now count Posyandu aktif on the five
official criteria from strength_profile and strength_window, as /pemantauan/kekuatan does, so nothing reads it.
A downgrade creates it again empty: run `flask dashboard rebuild` after it.

Revision ID: 2221_drop_dashboard_aktif
Revises: 2321_reset_confirmation
Create Date: 2026-12-08 04:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = "2221_drop_dashboard_aktif"
down_revision = "2321_reset_confirmation"
branch_labels = None
depends_on = None

TIERS = ("kecamatan_code", "kabupaten_code", "province_code")


def upgrade():
    op.drop_table("dashboard_aktif")


def downgrade():
    op.create_table(
        "dashboard_aktif",
        sa.Column("desa_code", sa.String(length=13), nullable=False),
        sa.Column("period", sa.Integer(), autoincrement=False, nullable=False),
        *(sa.Column(tier, sa.String(length=13), nullable=False) for tier in TIERS),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in ("service_met", "coverage_met", "madya", "aktif")),
        sa.PrimaryKeyConstraint("desa_code", "period", name=op.f("pk_dashboard_aktif")),
    )
    with op.batch_alter_table("dashboard_aktif", schema=None) as batch_op:
        for tier in TIERS:
            batch_op.create_index(f"ix_dashboard_aktif_{tier}_period", [tier, "period"], unique=False)
        batch_op.create_index("ix_dashboard_aktif_period", ["period"], unique=False)
