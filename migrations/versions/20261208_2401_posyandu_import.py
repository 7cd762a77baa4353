"""Bulk Posyandu import: a previewed file kept until it is committed, and the strata a Dinkes list declares
(issue 24).

Revision ID: 2401_posyandu_import
Revises: 2221_drop_dashboard_aktif
"""
import sqlalchemy as sa
from alembic import op

revision = "2401_posyandu_import"
down_revision = "2221_drop_dashboard_aktif"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("rows_json", sa.Text(), nullable=False),
        sa.Column("committed_at", sa.DateTime(), nullable=True),
        sa.Column("created_count", sa.Integer(), nullable=False),
        sa.Column("updated_count", sa.Integer(), nullable=False),
        sa.Column("unchanged_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_import_batch_region_code_region")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_import_batch_created_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batch")),
    )
    op.create_index(op.f("ix_import_batch_region_code"), "import_batch", ["region_code"], unique=False)
    with op.batch_alter_table("posyandu") as batch:
        batch.add_column(sa.Column("strata", sa.String(length=12), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("posyandu") as batch:
        batch.drop_column("strata")
    op.drop_index(op.f("ix_import_batch_region_code"), table_name="import_batch")
    op.drop_table("import_batch")
