"""Signals picked into a meeting's agenda, with their figures frozen when picked.

Revision ID: 1501_signals
Revises: 1202_activity_reports
"""
import sqlalchemy as sa
from alembic import op

revision = "1501_signals"
down_revision = "1202_activity_reports"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "agenda_signal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("signal_id", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("unit_code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("picked_by_id", sa.Integer(), nullable=True),
        sa.Column("picked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agenda_item_id"], ["agenda_item.id"],
                                name=op.f("fk_agenda_signal_agenda_item_id_agenda_item")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_agenda_signal_meeting_id_meeting")),
        sa.ForeignKeyConstraint(["picked_by_id"], ["user.id"], name=op.f("fk_agenda_signal_picked_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_signal")),
        sa.UniqueConstraint("agenda_item_id", name=op.f("uq_agenda_signal_agenda_item_id")),
        sa.UniqueConstraint("meeting_id", "signal_id", name="uq_agenda_signal_meeting_signal"),
    )
    with op.batch_alter_table("agenda_signal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_signal_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_signal_kind"), ["kind"], unique=False)


def downgrade():
    with op.batch_alter_table("agenda_signal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_signal_kind"))
        batch_op.drop_index(batch_op.f("ix_agenda_signal_meeting_id"))
    op.drop_table("agenda_signal")
