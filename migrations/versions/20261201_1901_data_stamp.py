"""The data stamp every committed write replaces, so a worker knows when a kept page is stale (issue 17).

Revision ID: 1901_data_stamp
Revises: 1203_document_numbers
"""
import sqlalchemy as sa
from alembic import op

revision = "1901_data_stamp"
down_revision = "1203_document_numbers"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "data_stamp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_stamp")),
    )
    op.execute("INSERT INTO data_stamp (id, stamp) VALUES (1, 1)")


def downgrade():
    op.drop_table("data_stamp")
