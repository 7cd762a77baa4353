"""laporan pelaksanaan kegiatan: dasar and maksud/tujuan on meetings, narasumber (speaker), photos (issue 12)

Revision ID: 1202_activity_reports
Revises: 1201_signed_documents
Create Date: 2026-12-01 09:20:00
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1202_activity_reports'
down_revision = '1201_signed_documents'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('meeting_photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('caption', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_photo_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_photo'))
    )
    with op.batch_alter_table('meeting_photo', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_photo_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('speaker',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('jabatan', sa.String(length=200), nullable=False),
    sa.Column('topic', sa.String(length=240), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_speaker_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speaker'))
    )
    with op.batch_alter_table('speaker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_speaker_meeting_id'), ['meeting_id'], unique=False)

    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('basis', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('purpose', sa.Text(), nullable=False, server_default=''))



def downgrade():
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('purpose')
        batch_op.drop_column('basis')

    with op.batch_alter_table('speaker', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_speaker_meeting_id'))

    op.drop_table('speaker')
    with op.batch_alter_table('meeting_photo', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_photo_meeting_id'))

    op.drop_table('meeting_photo')
