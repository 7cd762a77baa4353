"""One history-row shape for every flow: report events say in which office and jabatan; minutes get their own.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("report_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=60), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("jabatan", sa.String(length=120), nullable=False, server_default=""))
    op.create_table(
        "minutes_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=60), nullable=False),
        sa.Column("jabatan", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["user.id"], name=op.f("fk_minutes_event_actor_id_user")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_minutes_event_meeting_id_meeting")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_event")),
    )
    with op.batch_alter_table("minutes_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_minutes_event_meeting_id"), ["meeting_id"], unique=False)


def downgrade():
    with op.batch_alter_table("minutes_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minutes_event_meeting_id"))
    op.drop_table("minutes_event")
    with op.batch_alter_table("report_event", schema=None) as batch_op:
        batch_op.drop_column("jabatan")
        batch_op.drop_column("role")
