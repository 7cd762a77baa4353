"""The body itself per region (its SK, masa bakti, scan) and its members; a meeting's chair and note-taker
as members of the body (account or not); action items given to a mitra.

Revision ID: 1102_lembaga
Revises: 1101_mitra
"""
import sqlalchemy as sa
from alembic import op

revision = "1102_lembaga"
down_revision = "1101_mitra"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "body",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("sk_number", sa.String(length=100), nullable=False),
        sa.Column("sk_on", sa.Date(), nullable=True),
        sa.Column("sk_signed_by", sa.String(length=120), nullable=False),
        sa.Column("term_start", sa.Date(), nullable=True),
        sa.Column("term_end", sa.Date(), nullable=True),
        sa.Column("scan", sa.LargeBinary(), nullable=True),
        sa.Column("scan_name", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_body_region_code_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body")),
        sa.UniqueConstraint("region_code", name=op.f("uq_body_region_code")),
    )
    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("jabatan", sa.String(length=12), nullable=False),
        sa.Column("mitra_id", sa.Integer(), nullable=True),
        sa.Column("unsur_text", sa.String(length=120), nullable=False),
        sa.Column("bidang", sa.String(length=20), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("nip", sa.String(length=30), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["body_id"], ["body.id"], name=op.f("fk_member_body_id_body")),
        sa.ForeignKeyConstraint(["mitra_id"], ["mitra.id"], name=op.f("fk_member_mitra_id_mitra")),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_member_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
    )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_body_id"), ["body_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_mitra_id"), ["mitra_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_user_id"), ["user_id"], unique=False)
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chair_member_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("notulis_member_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_meeting_chair_member_id_member"), "member",
                                    ["chair_member_id"], ["id"])
        batch_op.create_foreign_key(batch_op.f("fk_meeting_notulis_member_id_member"), "member",
                                    ["notulis_member_id"], ["id"])
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("responsible_mitra_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_action_item_responsible_mitra_id"), ["responsible_mitra_id"],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_action_item_responsible_mitra_id_mitra"), "mitra",
                                    ["responsible_mitra_id"], ["id"])


def downgrade():
    with op.batch_alter_table("action_item", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_action_item_responsible_mitra_id_mitra"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_action_item_responsible_mitra_id"))
        batch_op.drop_column("responsible_mitra_id")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_meeting_notulis_member_id_member"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_meeting_chair_member_id_member"), type_="foreignkey")
        batch_op.drop_column("notulis_member_id")
        batch_op.drop_column("chair_member_id")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_user_id"))
        batch_op.drop_index(batch_op.f("ix_member_mitra_id"))
        batch_op.drop_index(batch_op.f("ix_member_body_id"))
    op.drop_table("member")
    op.drop_table("body")
