"""dashboard summary tables (month, aktif, registry) and the region-prefix index of the Posyandu registry

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-22 22:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('dashboard_month',
    sa.Column('kecamatan_code', sa.String(length=13), nullable=False),
    sa.Column('period', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('kabupaten_code', sa.String(length=13), nullable=False),
    sa.Column('province_code', sa.String(length=13), nullable=False),
    sa.Column('received', sa.Integer(), nullable=False),
    sa.Column('on_time', sa.Integer(), nullable=False),
    sa.Column('ds_num', sa.Integer(), nullable=True),
    sa.Column('ds_den', sa.Integer(), nullable=True),
    sa.Column('ds_n', sa.Integer(), nullable=True),
    sa.Column('ks_num', sa.Integer(), nullable=True),
    sa.Column('ks_den', sa.Integer(), nullable=True),
    sa.Column('ks_n', sa.Integer(), nullable=True),
    sa.Column('nd_num', sa.Integer(), nullable=True),
    sa.Column('nd_den', sa.Integer(), nullable=True),
    sa.Column('nd_n', sa.Integer(), nullable=True),
    sa.Column('stunting_num', sa.Integer(), nullable=True),
    sa.Column('stunting_den', sa.Integer(), nullable=True),
    sa.Column('stunting_n', sa.Integer(), nullable=True),
    sa.Column('bgm_num', sa.Integer(), nullable=True),
    sa.Column('bgm_den', sa.Integer(), nullable=True),
    sa.Column('bgm_n', sa.Integer(), nullable=True),
    sa.Column('kek_num', sa.Integer(), nullable=True),
    sa.Column('kek_den', sa.Integer(), nullable=True),
    sa.Column('kek_n', sa.Integer(), nullable=True),
    sa.Column('ibu_hamil_num', sa.Integer(), nullable=True),
    sa.Column('ibu_hamil_den', sa.Integer(), nullable=True),
    sa.Column('ibu_hamil_n', sa.Integer(), nullable=True),
    sa.Column('ibu_nifas_num', sa.Integer(), nullable=True),
    sa.Column('ibu_nifas_den', sa.Integer(), nullable=True),
    sa.Column('ibu_nifas_n', sa.Integer(), nullable=True),
    sa.Column('bayi_num', sa.Integer(), nullable=True),
    sa.Column('bayi_den', sa.Integer(), nullable=True),
    sa.Column('bayi_n', sa.Integer(), nullable=True),
    sa.Column('balita_num', sa.Integer(), nullable=True),
    sa.Column('balita_den', sa.Integer(), nullable=True),
    sa.Column('balita_n', sa.Integer(), nullable=True),
    sa.Column('remaja_num', sa.Integer(), nullable=True),
    sa.Column('remaja_den', sa.Integer(), nullable=True),
    sa.Column('remaja_n', sa.Integer(), nullable=True),
    sa.Column('dewasa_num', sa.Integer(), nullable=True),
    sa.Column('dewasa_den', sa.Integer(), nullable=True),
    sa.Column('dewasa_n', sa.Integer(), nullable=True),
    sa.Column('lansia_num', sa.Integer(), nullable=True),
    sa.Column('lansia_den', sa.Integer(), nullable=True),
    sa.Column('lansia_n', sa.Integer(), nullable=True),
    sa.Column('svc_kia_num', sa.Integer(), nullable=True),
    sa.Column('svc_kia_den', sa.Integer(), nullable=True),
    sa.Column('svc_kia_n', sa.Integer(), nullable=True),
    sa.Column('svc_kb_num', sa.Integer(), nullable=True),
    sa.Column('svc_kb_den', sa.Integer(), nullable=True),
    sa.Column('svc_kb_n', sa.Integer(), nullable=True),
    sa.Column('svc_imunisasi_num', sa.Integer(), nullable=True),
    sa.Column('svc_imunisasi_den', sa.Integer(), nullable=True),
    sa.Column('svc_imunisasi_n', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('kecamatan_code', 'period', name=op.f('pk_dashboard_month'))
    )
    with op.batch_alter_table('dashboard_month', schema=None) as batch_op:
        batch_op.create_index('ix_dashboard_month_kabupaten_code_period', ['kabupaten_code', 'period'], unique=False)
        batch_op.create_index('ix_dashboard_month_province_code_period', ['province_code', 'period'], unique=False)
        batch_op.create_index('ix_dashboard_month_period', ['period'], unique=False)

    op.create_table('dashboard_aktif',
    sa.Column('kecamatan_code', sa.String(length=13), nullable=False),
    sa.Column('period', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('kabupaten_code', sa.String(length=13), nullable=False),
    sa.Column('province_code', sa.String(length=13), nullable=False),
    sa.Column('service_met', sa.Integer(), nullable=False),
    sa.Column('coverage_met', sa.Integer(), nullable=False),
    sa.Column('madya', sa.Integer(), nullable=False),
    sa.Column('aktif', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kecamatan_code', 'period', name=op.f('pk_dashboard_aktif'))
    )
    with op.batch_alter_table('dashboard_aktif', schema=None) as batch_op:
        batch_op.create_index('ix_dashboard_aktif_kabupaten_code_period', ['kabupaten_code', 'period'], unique=False)
        batch_op.create_index('ix_dashboard_aktif_province_code_period', ['province_code', 'period'], unique=False)
        batch_op.create_index('ix_dashboard_aktif_period', ['period'], unique=False)

    op.create_table('dashboard_registry',
    sa.Column('kecamatan_code', sa.String(length=13), nullable=False),
    sa.Column('kabupaten_code', sa.String(length=13), nullable=False),
    sa.Column('province_code', sa.String(length=13), nullable=False),
    sa.Column('posyandu', sa.Integer(), nullable=False),
    sa.Column('kader_met', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kecamatan_code', name=op.f('pk_dashboard_registry'))
    )
    with op.batch_alter_table('dashboard_registry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dashboard_registry_kabupaten_code'), ['kabupaten_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_dashboard_registry_province_code'), ['province_code'], unique=False)

    # LIKE '62.02.%' uses a btree on PostgreSQL only with pattern ops (the cluster collation is not C).
    op.create_index('ix_posyandu_region_code_pattern', 'posyandu', ['region_code'], unique=False,
                    postgresql_ops={'region_code': 'varchar_pattern_ops'})


def downgrade():
    op.drop_index('ix_posyandu_region_code_pattern', table_name='posyandu')
    op.drop_table('dashboard_registry')
    op.drop_table('dashboard_aktif')
    op.drop_table('dashboard_month')
