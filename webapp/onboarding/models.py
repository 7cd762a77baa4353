"""An uploaded file kept between its preview and its commit, so the commit applies exactly what was shown."""
from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.clock import utcnow
from webapp.extensions import db


class ImportBatch(db.Model):
    """The parsed rows of one previewed file (app servers keep no state, so they live here, not in a
    session or on disk), its hash, and once committed the counts of what it did."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "posyandu"
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)  # the importer's kabupaten
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    filename: Mapped[str] = mapped_column(String(200), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    rows_json: Mapped[str] = mapped_column(Text)
    committed_at: Mapped[dt.datetime | None]
    created_count: Mapped[int] = mapped_column(default=0)
    updated_count: Mapped[int] = mapped_column(default=0)
    unchanged_count: Mapped[int] = mapped_column(default=0)

    @property
    def rows(self) -> list[dict]:
        return json.loads(self.rows_json)

    @property
    def scope(self) -> tuple[str, int | None]:
        """(region code, Posyandu id or None): where access rules look."""
        return (self.region_code, None)
