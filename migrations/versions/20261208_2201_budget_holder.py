"""A plan line's budget holder (pemilik anggaran), apart from its pelaksana (issue 22).

Existing lines are backfilled as the form's "otomatis" would set them: APBDes sources (Dana Desa, ADD,
PADes, bantuan keuangan) belong to the desa, swadaya to the community, APBD/BOK/CSR/lainnya to the
pelaksana mitra when there is one; the rest stays undecided for the drafter to pick.

Revision ID: 2201_budget_holder
Revises: 2311_drop_data_stamp
"""
import sqlalchemy as sa
from alembic import op

revision = "2201_budget_holder"
down_revision = "2311_drop_data_stamp"
branch_labels = None
depends_on = None

APBDES = ("dd", "add", "pades", "bankeu_prov", "bankeu_kab")
MITRA_SOURCES = ("apbd_kab", "apbd_prov", "bok", "csr", "lainnya")


def upgrade():
    with op.batch_alter_table("plan_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("budget_holder", sa.String(length=12), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("budget_holder_mitra_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_plan_line_budget_holder_mitra_id"), ["budget_holder_mitra_id"],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_plan_line_budget_holder_mitra_id_mitra"), "mitra",
                                    ["budget_holder_mitra_id"], ["id"])
    line = sa.table("plan_line", sa.column("funding_source", sa.String), sa.column("mitra_id", sa.Integer),
                    sa.column("budget_holder", sa.String), sa.column("budget_holder_mitra_id", sa.Integer))
    op.execute(line.update().where(line.c.funding_source.in_(APBDES)).values(budget_holder="desa"))
    op.execute(line.update().where(line.c.funding_source == "swadaya").values(budget_holder="masyarakat"))
    op.execute(line.update().where(line.c.funding_source.in_(MITRA_SOURCES), line.c.mitra_id.is_not(None))
               .values(budget_holder="mitra", budget_holder_mitra_id=line.c.mitra_id))


def downgrade():
    with op.batch_alter_table("plan_line", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_plan_line_budget_holder_mitra_id_mitra"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_plan_line_budget_holder_mitra_id"))
        batch_op.drop_column("budget_holder_mitra_id")
        batch_op.drop_column("budget_holder")
