"""Logos stored before uploads were checked are stored as an upload is today: re-encoded at most
600 px a side, or removed when past 2,000 px or not an image (the admin uploads it again); a
frozen document's logo too, so no stored logo can make a PDF slow.

Revision ID: 1603_logos_reencoded
Revises: 1305_stunting_survey
"""
import sqlalchemy as sa
from alembic import op

from webapp.regions.logo import stored_logo_as_uploaded_today

revision = "1603_logos_reencoded"
down_revision = "1305_stunting_survey"
branch_labels = None
depends_on = None

TABLES = (("kabupaten_setting", "region_code"), ("signed_document", "id"))


def upgrade():
    connection = op.get_bind()
    for table, key in TABLES:
        rows = connection.execute(sa.text(f"SELECT {key}, logo FROM {table} WHERE logo IS NOT NULL")).all()
        for row_key, logo in rows:
            replaced = stored_logo_as_uploaded_today(bytes(logo))
            if replaced is not None:
                connection.execute(sa.text(f"UPDATE {table} SET logo = :logo, logo_mime = :mime WHERE {key} = :key"),
                                   {"logo": replaced[0], "mime": replaced[1], "key": row_key})


def downgrade():
    pass  # the larger originals are not kept: nothing to restore
