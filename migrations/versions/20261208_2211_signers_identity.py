"""A signature is the person who signs (issue 22): the undangan's own flow (prepared, awaiting signature,
issued) with its history, and one identity per person: a body member linked to an account reads name, L/P
and NIP from the account, so the member's copies are merged into the account and cleared.

Merging: the account's own value wins (it is the person's, checked as 18 digits for an ASN); a member's NIP
or L/P fills an account that has none. Meetings whose undangan was already issued stand issued.

Revision ID: 2211_signers_identity
Revises: 2201_budget_holder
"""
import sqlalchemy as sa
from alembic import op

revision = "2211_signers_identity"
down_revision = "2201_budget_holder"
branch_labels = None
depends_on = None

user = sa.table("user", sa.column("id", sa.Integer), sa.column("full_name", sa.String), sa.column("nip", sa.String),
                sa.column("is_asn", sa.Boolean), sa.column("sex", sa.String))
member = sa.table("member", sa.column("id", sa.Integer), sa.column("user_id", sa.Integer),
                  sa.column("name", sa.String), sa.column("nip", sa.String), sa.column("sex", sa.String))
meeting = sa.table("meeting", sa.column("id", sa.Integer), sa.column("invitation_status", sa.String))
signed = sa.table("signed_document", sa.column("kind", sa.String), sa.column("subject_id", sa.Integer))


def upgrade():
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("invitation_status", sa.String(length=10), server_default="draf",
                                      nullable=False))
    op.create_table(
        "invitation_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=60), nullable=False),
        sa.Column("jabatan", sa.String(length=120), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["actor_id"], ["user.id"], name=op.f("fk_invitation_event_actor_id_user")),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], name=op.f("fk_invitation_event_meeting_id_meeting")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation_event")),
    )
    with op.batch_alter_table("invitation_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitation_event_meeting_id"), ["meeting_id"], unique=False)
    connection = op.get_bind()
    connection.execute(meeting.update().where(meeting.c.id.in_(
        sa.select(signed.c.subject_id).where(signed.c.kind == "undangan"))).values(invitation_status="terbit"))
    _merge_identities(connection)


def _merge_identities(connection) -> None:
    """Each linked member's NIP and L/P go to its account where the account has none; the member keeps none."""
    rows = connection.execute(sa.select(member.c.id, member.c.nip, member.c.sex, user.c.id.label("user_id"),
                                        user.c.full_name, user.c.nip.label("user_nip"), user.c.sex.label("user_sex"))
                              .join(user, user.c.id == member.c.user_id)).all()
    merged = set()  # an account linked in two bodies takes the first member's values only
    for row in rows:
        values = {}
        if not (row.user_nip or "").strip() and (row.nip or "").strip():
            values.update(nip=row.nip.strip(), is_asn=True)
        if not row.user_sex and row.sex in ("L", "P"):
            values["sex"] = row.sex
        if values and row.user_id not in merged:
            merged.add(row.user_id)
            connection.execute(user.update().where(user.c.id == row.user_id).values(**values))
        connection.execute(member.update().where(member.c.id == row.id)
                           .values(name=row.full_name[:120], nip="", sex=""))


def downgrade():
    with op.batch_alter_table("invitation_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_event_meeting_id"))
    op.drop_table("invitation_event")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("invitation_status")
