"""Kader roster with SK, skills passport and trainings; a Posyandu's kader count may come from its roster.

Revision ID: 1301_kader
Revises: 1102_lembaga
"""
import sqlalchemy as sa
from alembic import op

revision = "1301_kader"
down_revision = "1102_lembaga"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("posyandu", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kader_from_roster", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "kader",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("posyandu_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("position", sa.String(length=12), nullable=False),
        sa.Column("spm_field", sa.String(length=20), nullable=False),
        sa.Column("sk_number", sa.String(length=120), nullable=False),
        sa.Column("sk_on", sa.Date(), nullable=True),
        sa.Column("active_since", sa.Date(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("inactive_reason", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["posyandu_id"], ["posyandu.id"], name=op.f("fk_kader_posyandu_id_posyandu")),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_kader_region_code_region")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_kader_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kader")),
    )
    with op.batch_alter_table("kader", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kader_posyandu_id"), ["posyandu_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_kader_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_kader_user_id"), ["user_id"], unique=False)
    op.create_table(
        "kader_skill",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kader_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("marked_on", sa.Date(), nullable=False),
        sa.Column("marked_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["kader_id"], ["kader.id"], name=op.f("fk_kader_skill_kader_id_kader")),
        sa.ForeignKeyConstraint(["marked_by_id"], ["user.id"], name=op.f("fk_kader_skill_marked_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kader_skill")),
        sa.UniqueConstraint("kader_id", "code", name="uq_kader_skill_code"),
    )
    with op.batch_alter_table("kader_skill", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kader_skill_kader_id"), ["kader_id"], unique=False)
    op.create_table(
        "kader_training",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kader_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organiser", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("certificate_number", sa.String(length=120), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["added_by_id"], ["user.id"], name=op.f("fk_kader_training_added_by_id_user")),
        sa.ForeignKeyConstraint(["kader_id"], ["kader.id"], name=op.f("fk_kader_training_kader_id_kader")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kader_training")),
    )
    with op.batch_alter_table("kader_training", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kader_training_kader_id"), ["kader_id"], unique=False)


def downgrade():
    op.drop_table("kader_training")
    op.drop_table("kader_skill")
    op.drop_table("kader")
    with op.batch_alter_table("posyandu", schema=None) as batch_op:
        batch_op.drop_column("kader_from_roster")
