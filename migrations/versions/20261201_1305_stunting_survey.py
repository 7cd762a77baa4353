"""Kabupaten settings: the survey's stunting prevalence (SKI/SSGI), its source and the kabupaten's target.

Revision ID: 1305_stunting_survey
Revises: 1304_visits
"""
import sqlalchemy as sa
from alembic import op

revision = "1305_stunting_survey"
down_revision = "1304_visits"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("kabupaten_setting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stunting_survey", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("stunting_survey_source", sa.String(length=60), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("stunting_target", sa.Float(), nullable=True))


def downgrade():
    with op.batch_alter_table("kabupaten_setting", schema=None) as batch_op:
        batch_op.drop_column("stunting_target")
        batch_op.drop_column("stunting_survey_source")
        batch_op.drop_column("stunting_survey")
