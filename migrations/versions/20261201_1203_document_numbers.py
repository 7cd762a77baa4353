"""Document numbers (nomor surat): a per-body, per-year counter, and the kabupaten's number pattern (issue 12).

Revision ID: 1203_document_numbers
Revises: 1307_strength_summary
"""
import sqlalchemy as sa
from alembic import op

revision = "1203_document_numbers"
down_revision = "1307_strength_summary"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "document_number",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=80), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_document_number_region_code_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_number")),
        sa.UniqueConstraint("kind", "subject_id", name="uq_document_number_subject"),
        sa.UniqueConstraint("region_code", "year", "seq", name="uq_document_number_seq"),
    )
    with op.batch_alter_table("kabupaten_setting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number_pattern", sa.String(length=80), nullable=False,
                                      server_default="400.5.9/{n}/Pokjanal/{yyyy}"))


def downgrade():
    with op.batch_alter_table("kabupaten_setting", schema=None) as batch_op:
        batch_op.drop_column("number_pattern")
    op.drop_table("document_number")
