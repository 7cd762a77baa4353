"""Supervision visits for tests, made through the real services."""
from __future__ import annotations

import datetime as dt

from tests.kader.helpers import PALANGAN, actor
from webapp.access import Actor
from webapp.demo import first_posyandu
from webapp.pembinaan import visit_services
from webapp.pembinaan.models import SERVICE_STEPS
from webapp.regions.models import Posyandu


def visit_data(**overrides) -> dict:
    data = {"visited_on": dt.date.today() - dt.timedelta(days=3), "team": "Pokjanal Kecamatan Kota Besi",
            "kader_present": 5, "equipment_seen": True, "records_kept": False, "notes": "Antrean tertib."}
    return data | {name: True for name, _ in SERVICE_STEPS} | overrides


def make_visit(username: str = "pokjanal.kotabesi", desa: str = PALANGAN, by: Actor | None = None,
               posyandu: Posyandu | None = None, **overrides):
    """A draft visit recorded through the services by `username` (or the actor `by`) at the first Posyandu of
    `desa` (or at `posyandu`)."""
    return visit_services.record_visit(by or actor(username), posyandu or first_posyandu(desa),
                                       visit_data(**overrides))


def make_finding(visit=None, by: Actor | None = None, **overrides):
    visit = visit or make_visit()
    data = {"what": "Validasi data belum dilakukan", "responsible": "Puskesmas Kota Besi",
            "due_on": visit.visited_on + dt.timedelta(days=30)} | overrides
    return visit_services.add_finding(by or actor("pokjanal.kotabesi"), visit, data)
