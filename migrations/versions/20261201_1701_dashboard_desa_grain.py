"""dashboard summary at desa grain: every tier from kecamatan up reads the summary

The three summary tables are derived data, so they are dropped and created again keyed by
(desa_code, period) with the kecamatan, kabupaten and province codes beside. They start empty:
run `flask dashboard rebuild` once after this upgrade (the tests and the demo seed rebuild them).

Revision ID: 1701_dashboard_desa_grain
Revises: 0007
Create Date: 2026-12-01 09:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = "1701_dashboard_desa_grain"
down_revision = "0007"
branch_labels = None
depends_on = None

# The ratios of webapp.dashboard.indicators.PAIRS as they stand at this revision.
PAIR_KEYS = ("ds", "ks", "nd", "stunting", "bgm", "kek", "ibu_hamil", "ibu_nifas", "bayi", "balita", "remaja",
             "dewasa", "lansia", "svc_kia", "svc_kb", "svc_imunisasi")
TIERS = ("kecamatan_code", "kabupaten_code", "province_code")


def _month_table(name: str, key: str, tiers: tuple[str, ...], values: list[sa.Column]) -> None:
    op.create_table(
        name,
        sa.Column(key, sa.String(length=13), nullable=False),
        sa.Column("period", sa.Integer(), autoincrement=False, nullable=False),
        *(sa.Column(tier, sa.String(length=13), nullable=False) for tier in tiers),
        *values,
        sa.PrimaryKeyConstraint(key, "period", name=op.f(f"pk_{name}")),
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        for tier in tiers:
            batch_op.create_index(f"ix_{name}_{tier}_period", [tier, "period"], unique=False)
        batch_op.create_index(f"ix_{name}_period", ["period"], unique=False)


def _registry_table(key: str, tiers: tuple[str, ...]) -> None:
    op.create_table(
        "dashboard_registry",
        sa.Column(key, sa.String(length=13), nullable=False),
        *(sa.Column(tier, sa.String(length=13), nullable=False) for tier in tiers),
        sa.Column("posyandu", sa.Integer(), nullable=False),
        sa.Column("kader_met", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(key, name=op.f("pk_dashboard_registry")),
    )
    with op.batch_alter_table("dashboard_registry", schema=None) as batch_op:
        for tier in tiers:
            batch_op.create_index(batch_op.f(f"ix_dashboard_registry_{tier}"), [tier], unique=False)


def _create(key: str, tiers: tuple[str, ...]) -> None:
    month = [sa.Column("received", sa.Integer(), nullable=False), sa.Column("on_time", sa.Integer(), nullable=False)]
    month += [sa.Column(f"{pair}_{part}", sa.Integer(), nullable=True) for pair in PAIR_KEYS
              for part in ("num", "den", "n")]
    aktif = [sa.Column(name, sa.Integer(), nullable=False) for name in ("service_met", "coverage_met", "madya", "aktif")]
    _month_table("dashboard_month", key, tiers, month)
    _month_table("dashboard_aktif", key, tiers, aktif)
    _registry_table(key, tiers)


def _drop() -> None:
    for name in ("dashboard_registry", "dashboard_aktif", "dashboard_month"):
        op.drop_table(name)


def upgrade():
    _drop()
    _create("desa_code", TIERS)


def downgrade():
    _drop()
    _create("kecamatan_code", TIERS[1:])
