"""Expiring, revocable share links to a meeting's PDFs (only the token's hash is stored) and their flow history.

Revision ID: 1502_share_links
Revises: 1501_signals
"""
import sqlalchemy as sa
from alembic import op

revision = "1502_share_links"
down_revision = "1501_signals"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "share_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"], name=op.f("fk_share_link_created_by_id_user")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_share_link_meeting_id_meeting")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_share_link_token_hash")),
    )
    with op.batch_alter_table("share_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_share_link_meeting_id"), ["meeting_id"], unique=False)
    op.create_table(
        "share_event",
        sa.Column("share_link_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=60), nullable=False),
        sa.Column("jabatan", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["user.id"], name=op.f("fk_share_event_actor_id_user")),
        sa.ForeignKeyConstraint(["share_link_id"], ["share_link.id"], name=op.f("fk_share_event_share_link_id_share_link")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_event")),
    )
    with op.batch_alter_table("share_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_share_event_share_link_id"), ["share_link_id"], unique=False)


def downgrade():
    with op.batch_alter_table("share_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_share_event_share_link_id"))
    op.drop_table("share_event")
    with op.batch_alter_table("share_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_share_link_meeting_id"))
    op.drop_table("share_link")
