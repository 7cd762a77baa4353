"""Manager-issued password resets wait for a second person's confirmation before the account may sign,
and each signed document keeps the account whose step signed it (issue 23).

Revision ID: 2321_reset_confirmation
Revises: 2211_signers_identity
"""
import sqlalchemy as sa
from alembic import op

revision = "2321_reset_confirmation"
down_revision = "2211_signers_identity"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "password_reset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=True),
        sa.Column("used_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_password_reset_user_id_user")),
        sa.ForeignKeyConstraint(["issued_by_id"], ["user.id"], name=op.f("fk_password_reset_issued_by_id_user")),
        sa.ForeignKeyConstraint(["confirmed_by_id"], ["user.id"],
                                name=op.f("fk_password_reset_confirmed_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_reset")),
    )
    op.create_index(op.f("ix_password_reset_user_id"), "password_reset", ["user_id"], unique=False)
    # A reset already used but not yet announced (the owner's notice still pending) may have been used by
    # its manager: such accounts that can sign wait for a second person like every reset from now on.
    op.execute(
        'INSERT INTO password_reset (user_id, issued_by_id, used_at) '
        'SELECT u.id, u.reset_by_id, u.reset_notice_at FROM "user" u WHERE u.reset_notice_at IS NOT NULL '
        "AND EXISTS (SELECT 1 FROM role_assignment r WHERE r.user_id = u.id "
        "AND r.role IN ('approver', 'admin', 'anggota'))")
    with op.batch_alter_table("signed_document") as batch:
        batch.add_column(sa.Column("signed_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_signed_document_signed_by_id_user"), "user", ["signed_by_id"], ["id"])


def downgrade():
    with op.batch_alter_table("signed_document") as batch:
        batch.drop_constraint(op.f("fk_signed_document_signed_by_id_user"), type_="foreignkey")
        batch.drop_column("signed_by_id")
    op.drop_index(op.f("ix_password_reset_user_id"), table_name="password_reset")
    op.drop_table("password_reset")
