"""Monthly report: T and 2T, vitamin A, KPSP/SDIDTK, ibu bersalin, anak prasekolah, kegiatan tambahan.

All nullable integers: NULL is "not reported", distinct from 0.

Revision ID: 1303_report_fields
Revises: 1302_sarpras
"""
import sqlalchemy as sa
from alembic import op

revision = "1303_report_fields"
down_revision = "1302_sarpras"
branch_labels = None
depends_on = None

COLUMNS = ("kegiatan_tambahan", "ibu_bersalin_target", "ibu_bersalin_served", "apras_target", "apras_served",
           "balita_t", "balita_2t", "vitamin_a", "kpsp_screened")


def upgrade():
    with op.batch_alter_table("monthly_report", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("monthly_report", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
