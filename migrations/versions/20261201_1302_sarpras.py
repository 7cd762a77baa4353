"""Posyandu equipment (sarpras) against the ILP kit.

Revision ID: 1302_sarpras
Revises: 1301_kader
"""
import sqlalchemy as sa
from alembic import op

revision = "1302_sarpras"
down_revision = "1301_kader"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "equipment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("posyandu_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("item", sa.String(length=20), nullable=False),
        sa.Column("available", sa.Boolean(), nullable=False),
        sa.Column("condition", sa.String(length=10), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["posyandu_id"], ["posyandu.id"], name=op.f("fk_equipment_posyandu_id_posyandu")),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_equipment_region_code_region")),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user.id"], name=op.f("fk_equipment_updated_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equipment")),
        sa.UniqueConstraint("posyandu_id", "item", name="uq_equipment_posyandu_item"),
    )
    with op.batch_alter_table("equipment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_equipment_posyandu_id"), ["posyandu_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_equipment_region_code"), ["region_code"], unique=False)


def downgrade():
    op.drop_table("equipment")
