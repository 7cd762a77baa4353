"""Drop the data stamp: the page cache it served kept nothing in a morning rush and was removed (issue 23).

Revision ID: 2311_drop_data_stamp
Revises: 1901_data_stamp
"""
import sqlalchemy as sa
from alembic import op

revision = "2311_drop_data_stamp"
down_revision = "1901_data_stamp"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table("data_stamp")


def downgrade():
    op.create_table(
        "data_stamp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_stamp")),
    )
    op.execute("INSERT INTO data_stamp (id, stamp) VALUES (1, 1)")
