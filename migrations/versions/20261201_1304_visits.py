"""Supervision visits (pembinaan) with the five-step checklist, their findings and both flows' history.

Revision ID: 1304_visits
Revises: 1303_report_fields
"""
import sqlalchemy as sa
from alembic import op

revision = "1304_visits"
down_revision = "1303_report_fields"
branch_labels = None
depends_on = None


def _history(name: str, parent: str) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(f"{parent}_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=60), nullable=False),
        sa.Column("jabatan", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["user.id"], name=op.f(f"fk_{name}_actor_id_user")),
        sa.ForeignKeyConstraint([f"{parent}_id"], [f"{parent}.id"], name=op.f(f"fk_{name}_{parent}_id_{parent}")),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{name}_{parent}_id"), [f"{parent}_id"], unique=False)


def upgrade():
    op.create_table(
        "visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("posyandu_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("visitor_id", sa.Integer(), nullable=False),
        sa.Column("team", sa.String(length=200), nullable=False),
        sa.Column("kader_present", sa.Integer(), nullable=True),
        sa.Column("step_pendaftaran", sa.Boolean(), nullable=False),
        sa.Column("step_pengukuran", sa.Boolean(), nullable=False),
        sa.Column("step_pencatatan", sa.Boolean(), nullable=False),
        sa.Column("step_pelayanan", sa.Boolean(), nullable=False),
        sa.Column("step_validasi", sa.Boolean(), nullable=False),
        sa.Column("equipment_seen", sa.Boolean(), nullable=False),
        sa.Column("records_kept", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["posyandu_id"], ["posyandu.id"], name=op.f("fk_visit_posyandu_id_posyandu")),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_visit_region_code_region")),
        sa.ForeignKeyConstraint(["visitor_id"], ["user.id"], name=op.f("fk_visit_visitor_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit")),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_posyandu_id"), ["posyandu_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_visited_on"), ["visited_on"], unique=False)
    op.create_table(
        "finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("posyandu_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("responsible", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("progress_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["posyandu_id"], ["posyandu.id"], name=op.f("fk_finding_posyandu_id_posyandu")),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_finding_region_code_region")),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name=op.f("fk_finding_visit_id_visit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding")),
    )
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_posyandu_id"), ["posyandu_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_finding_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_finding_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_finding_visit_id"), ["visit_id"], unique=False)
    _history("visit_event", "visit")
    _history("finding_event", "finding")


def downgrade():
    op.drop_table("finding_event")
    op.drop_table("visit_event")
    op.drop_table("finding")
    op.drop_table("visit")
