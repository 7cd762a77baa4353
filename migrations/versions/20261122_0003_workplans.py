"""work plans, lines and approval steps

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-22 22:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=13), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('semester', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('background', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('status_changed_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_plan_created_by_id_user')),
    sa.ForeignKeyConstraint(['previous_id'], ['plan.id'], name=op.f('fk_plan_previous_id_plan')),
    sa.ForeignKeyConstraint(['region_code'], ['region.code'], name=op.f('fk_plan_region_code_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan'))
    )
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_previous_id'), ['previous_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_region_code'), ['region_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_status_changed_at'), ['status_changed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_year'), ['year'], unique=False)

    op.create_table('plan_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('activity', sa.String(length=300), nullable=False),
    sa.Column('spm_field', sa.String(length=20), nullable=False),
    sa.Column('indicator', sa.String(length=300), nullable=False),
    sa.Column('target_value', sa.String(length=60), nullable=False),
    sa.Column('target_group', sa.String(length=120), nullable=False),
    sa.Column('posyandu_id', sa.Integer(), nullable=True),
    sa.Column('location_code', sa.String(length=13), nullable=True),
    sa.Column('months', sa.String(length=40), nullable=False),
    sa.Column('person_in_charge', sa.String(length=120), nullable=False),
    sa.Column('budget', sa.BigInteger(), nullable=False),
    sa.Column('funding_source', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['location_code'], ['region.code'], name=op.f('fk_plan_line_location_code_region')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_line_plan_id_plan')),
    sa.ForeignKeyConstraint(['posyandu_id'], ['posyandu.id'], name=op.f('fk_plan_line_posyandu_id_posyandu')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_line'))
    )
    with op.batch_alter_table('plan_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_line_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=60), nullable=False),
    sa.Column('jabatan', sa.String(length=120), nullable=False),
    sa.Column('nip', sa.String(length=30), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('decision', sa.String(length=12), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_step_plan_id_plan')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_plan_step_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_step'))
    )
    with op.batch_alter_table('plan_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_step_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_step_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('plan_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_step_user_id'))
        batch_op.drop_index(batch_op.f('ix_plan_step_plan_id'))
    op.drop_table('plan_step')
    with op.batch_alter_table('plan_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_line_plan_id'))
    op.drop_table('plan_line')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_year'))
        batch_op.drop_index(batch_op.f('ix_plan_status_changed_at'))
        batch_op.drop_index(batch_op.f('ix_plan_status'))
        batch_op.drop_index(batch_op.f('ix_plan_region_code'))
        batch_op.drop_index(batch_op.f('ix_plan_previous_id'))
    op.drop_table('plan')
