"""Reset announcement: who issued the last reset code, and when it was used (shown on the next sign-in).

Revision ID: 1601_reset_notice
Revises: 1701_dashboard_desa_grain
"""
from alembic import op
import sqlalchemy as sa

revision = "1601_reset_notice"
down_revision = "1701_dashboard_desa_grain"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reset_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reset_notice_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_user_reset_by_id_user"), "user", ["reset_by_id"], ["id"])


def downgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_user_reset_by_id_user"), type_="foreignkey")
        batch_op.drop_column("reset_notice_at")
        batch_op.drop_column("reset_by_id")
