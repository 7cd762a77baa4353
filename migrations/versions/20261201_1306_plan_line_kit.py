"""Plan lines name the ILP kit items they fund, so the sarpras gap list can show what is budgeted.

Revision ID: 1306_plan_line_kit
Revises: 1103_meeting_members
"""
import sqlalchemy as sa
from alembic import op

revision = "1306_plan_line_kit"
down_revision = "1103_meeting_members"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("plan_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kit_items", sa.String(length=200), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("plan_line", schema=None) as batch_op:
        batch_op.drop_column("kit_items")
