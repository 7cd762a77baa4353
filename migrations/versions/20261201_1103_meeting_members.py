"""Meetings take invitees, narasumber and those responsible for action items from the body's members.

Revision ID: 1103_meeting_members
Revises: 1603_logos_reencoded
"""
import sqlalchemy as sa
from alembic import op

revision = "1103_meeting_members"
down_revision = "1603_logos_reencoded"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("member_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_participant_member_id"), ["member_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_participant_member_id_member"), "member", ["member_id"], ["id"])
        batch_op.create_unique_constraint("uq_participant_meeting_member", ["meeting_id", "member_id"])
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("responsible_member_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_action_item_responsible_member_id"), ["responsible_member_id"],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_action_item_responsible_member_id_member"), "member",
                                    ["responsible_member_id"], ["id"])
    with op.batch_alter_table("speaker", schema=None) as batch_op:
        batch_op.add_column(sa.Column("member_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_speaker_member_id_member"), "member", ["member_id"], ["id"])


def downgrade():
    with op.batch_alter_table("speaker", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_speaker_member_id_member"), type_="foreignkey")
        batch_op.drop_column("member_id")
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_action_item_responsible_member_id_member"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_action_item_responsible_member_id"))
        batch_op.drop_column("responsible_member_id")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_constraint("uq_participant_meeting_member", type_="unique")
        batch_op.drop_constraint(batch_op.f("fk_participant_member_id_member"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_participant_member_id"))
        batch_op.drop_column("member_id")
