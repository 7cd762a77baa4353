"""signed documents (frozen content + verification code), per-tier letterheads, place of signing,
ASN flag and sex on accounts (issue 12)

Revision ID: 1201_signed_documents
Revises: 1601_reset_notice
Create Date: 2026-12-01 09:02:05

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1201_signed_documents'
down_revision = '1601_reset_notice'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('region_letterhead',
    sa.Column('region_code', sa.String(length=13), nullable=False),
    sa.Column('body_name', sa.String(length=160), nullable=False),
    sa.Column('letterhead', sa.Text(), nullable=False),
    sa.Column('place_of_signing', sa.String(length=80), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_region_letterhead_region_code_region')),
    sa.PrimaryKeyConstraint('region_code', name=op.f('pk_region_letterhead'))
    )
    op.create_table('signed_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=13), nullable=False),
    sa.Column('title', sa.String(length=240), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('logo', sa.LargeBinary(), nullable=True),
    sa.Column('logo_mime', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_signed_document_region_code_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signed_document')),
    sa.UniqueConstraint('code', name=op.f('uq_signed_document_code')),
    sa.UniqueConstraint('kind', 'subject_id', 'version', name='uq_signed_document_version')
    )
    with op.batch_alter_table('signed_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signed_document_region_code'), ['region_code'], unique=False)

    with op.batch_alter_table('kabupaten_setting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('place_of_signing', sa.String(length=80), nullable=False, server_default=''))

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_asn', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('sex', sa.String(length=1), nullable=False, server_default=''))



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('sex')
        batch_op.drop_column('is_asn')

    with op.batch_alter_table('kabupaten_setting', schema=None) as batch_op:
        batch_op.drop_column('place_of_signing')

    with op.batch_alter_table('signed_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signed_document_region_code'))

    op.drop_table('signed_document')
    op.drop_table('region_letterhead')
