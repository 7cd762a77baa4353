"""Partners (mitra), the mitra role's link, plan lines owned by mitra with volume, price, output and
realisation (with its history), and the funding sources of domain.md §9.1.

Old funding-source values are renamed in place, so no row is lost: "apbdes" (APBDes/Dana Desa) becomes
"dd" (Dana Desa) and "apbd" becomes "apbd_kab" (APBD kabupaten); the others keep their value.

Revision ID: 1101_mitra
Revises: 1502_share_links
"""
import sqlalchemy as sa
from alembic import op

revision = "1101_mitra"
down_revision = "1502_share_links"
branch_labels = None
depends_on = None

RENAMED = {"apbdes": "dd", "apbd": "apbd_kab"}


def upgrade():
    op.create_table(
        "mitra",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kabupaten_code", sa.String(length=13), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("short_name", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("fields", sa.String(length=200), nullable=False),
        sa.Column("urusan_code", sa.String(length=8), nullable=False),
        sa.Column("area_codes", sa.String(length=400), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["kabupaten_code"], ["region.code"], name=op.f("fk_mitra_kabupaten_code_region")),
        sa.ForeignKeyConstraint(["parent_id"], ["mitra.id"], name=op.f("fk_mitra_parent_id_mitra")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mitra")),
        sa.UniqueConstraint("kabupaten_code", "short_name", name="uq_mitra_short_name"),
    )
    with op.batch_alter_table("mitra", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mitra_kabupaten_code"), ["kabupaten_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_mitra_parent_id"), ["parent_id"], unique=False)

    with op.batch_alter_table("role_assignment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mitra_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_role_assignment_mitra_id"), ["mitra_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_role_assignment_mitra_id_mitra"), "mitra", ["mitra_id"], ["id"])

    with op.batch_alter_table("plan_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mitra_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("activity_code", sa.String(length=40), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("volume", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("unit", sa.String(length=30), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("unit_price", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("output", sa.String(length=300), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("progress", sa.String(length=10), nullable=False, server_default="belum"))
        batch_op.add_column(sa.Column("spent", sa.BigInteger(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("progress_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("output_achieved", sa.String(length=300), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("evidence", sa.String(length=300), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_plan_line_mitra_id"), ["mitra_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_plan_line_mitra_id_mitra"), "mitra", ["mitra_id"], ["id"])

    op.create_table(
        "progress_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("spent", sa.BigInteger(), nullable=False),
        sa.Column("progress_on", sa.Date(), nullable=True),
        sa.Column("output_achieved", sa.String(length=300), nullable=False),
        sa.Column("evidence", sa.String(length=300), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=60), nullable=False),
        sa.Column("jabatan", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["user.id"], name=op.f("fk_progress_event_actor_id_user")),
        sa.ForeignKeyConstraint(["line_id"], ["plan_line.id"], name=op.f("fk_progress_event_line_id_plan_line")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_event")),
    )
    with op.batch_alter_table("progress_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_event_line_id"), ["line_id"], unique=False)

    line = sa.table("plan_line", sa.column("funding_source", sa.String))
    for old, new in RENAMED.items():
        op.execute(line.update().where(line.c.funding_source == old).values(funding_source=new))


def downgrade():
    line = sa.table("plan_line", sa.column("funding_source", sa.String))
    for old, new in RENAMED.items():
        op.execute(line.update().where(line.c.funding_source == new).values(funding_source=old))
    with op.batch_alter_table("progress_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_event_line_id"))
    op.drop_table("progress_event")
    with op.batch_alter_table("plan_line", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_plan_line_mitra_id_mitra"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_plan_line_mitra_id"))
        for name in ("evidence", "output_achieved", "progress_on", "spent", "progress", "output", "unit_price",
                     "unit", "volume", "activity_code", "mitra_id"):
            batch_op.drop_column(name)
    with op.batch_alter_table("role_assignment", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_role_assignment_mitra_id_mitra"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_role_assignment_mitra_id"))
        batch_op.drop_column("mitra_id")
    with op.batch_alter_table("mitra", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mitra_parent_id"))
        batch_op.drop_index(batch_op.f("ix_mitra_kabupaten_code"))
    op.drop_table("mitra")
