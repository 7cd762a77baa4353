"""Sample values for URL parameters, used by the route sweep (tests/test_route_sweep.py).

The sweep visits every rule of `app.url_map`. To fill a rule's parameters it asks this
registry for "an object of this kind lying in region X" (X is the signed-in user's own region,
or a sibling region the user must not reach). A domain adds its own parameter names in
`tests/<domain>/route_samples.py`, which the sweep imports automatically:

    from tests.route_samples import sample

    @sample("report_id")
    def _report(region_code):            # an id of a report lying in region_code's subtree
        ...create or find one, flush, return its id (or None when there is none)

    @sample("month", scoped=False)       # not an object in a region: the same value anywhere
    def _month(region_code):
        return "2025-11"

A parameter nobody registered gets a value that matches no object, and the route must then
answer 404 (never 500).
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from werkzeug.routing.converters import NumberConverter

from webapp.extensions import db

UNKNOWN_INT = 987654321
UNKNOWN_TEXT = "tidak-ada-99"


@dataclass(frozen=True)
class Sample:
    make: Callable[[str], object | None]
    scoped: bool = True


SAMPLES: dict[str, Sample] = {}


def sample(*names: str, scoped: bool = True):
    """Register fn(region_code) -> value for these parameter names."""
    def register(fn):
        for name in names:
            SAMPLES[name] = Sample(fn, scoped)
        return fn
    return register


def load_domain_samples() -> None:
    """Import tests/<domain>/route_samples.py of every test package present."""
    root = Path(__file__).parent
    for package in pkgutil.iter_modules([str(root)]):
        if package.ispkg and (root / package.name / "route_samples.py").exists():
            importlib.import_module(f"tests.{package.name}.route_samples")


def unknown_value(converter) -> object:
    """A value of the converter's type that names no object."""
    kind = type(converter).__name__
    if kind == "AnyConverter":  # a fixed word such as an action name: any allowed one
        return sorted(converter.items)[0]
    if kind == "UUIDConverter":
        return "00000000-0000-0000-0000-000000000000"
    if kind == "FloatConverter":
        return float(UNKNOWN_INT)
    return UNKNOWN_INT if isinstance(converter, NumberConverter) else UNKNOWN_TEXT


def fill(rule, region_code: str) -> tuple[dict, bool]:
    """Values for every parameter of the rule, from region_code's subtree; and whether any
    parameter names an object in a region (so a foreign region must answer 404)."""
    values, scoped = {}, False
    for name, converter in rule._converters.items():
        entry = SAMPLES.get(name)
        value = entry.make(region_code) if entry else None
        if entry and entry.scoped:
            scoped = True
        if entry is None and type(converter).__name__ != "AnyConverter":
            scoped = True  # an unknown value must 404 like a foreign object
        values[name] = unknown_value(converter) if value is None else value
    return values, scoped


# ---- the foundation's own parameters -----------------------------------------------------

def within(column, region_code: str):
    """SQL: column lies in region_code's subtree."""
    return (column == region_code) | column.startswith(region_code + ".")


@sample("code")
def _region_code(region_code: str):
    return region_code


@sample("posyandu_id")
def _posyandu(region_code: str):
    posyandu = first_posyandu_in(region_code)
    return posyandu.id if posyandu else None


@sample("user_id")
def _user(region_code: str):
    from webapp.auth.models import RoleAssignment

    return db.session.scalar(select(RoleAssignment.user_id).where(within(RoleAssignment.region_code, region_code))
                             .order_by(RoleAssignment.region_code.desc(), RoleAssignment.user_id).limit(1))


def approver_of(region_code: str):
    """The enabled account approving for exactly this region (its body's chair), or None."""
    from webapp.auth.models import Role, RoleAssignment, User

    return db.session.scalar(select(User).join(RoleAssignment).where(
        RoleAssignment.region_code == region_code, RoleAssignment.role == Role.APPROVER, User.is_enabled.is_(True))
        .order_by(User.id).limit(1))


def first_posyandu_in(region_code: str):
    """The first Posyandu lying in the region's subtree, or None."""
    from webapp.regions.models import Posyandu

    return db.session.scalar(select(Posyandu).where(within(Posyandu.region_code, region_code))
                             .order_by(Posyandu.region_code, Posyandu.id).limit(1))


def first_actor_who_may(permission: str, obj):
    """The first demo account (by id) the product's rule lets do `permission` on `obj`, or None."""
    from webapp.access import Actor, can
    from webapp.auth.models import User

    actors = (Actor(user) for user in db.session.scalars(select(User).order_by(User.id)))
    return next((actor for actor in actors if can(actor, permission, obj)), None)


def object_samples(model, make: Callable[[str], object | None], **parts: Callable[[object], object]):
    """The sampler shape of a domain: the first `model` row lying in the region's subtree, made by `make` (the
    domain's factory) when there is none; each keyword registers a parameter name whose value `part(row)` gives
    (e.g. `meeting_id=lambda m: m.id`). Returns the finder, for samples built on the same row."""
    def first(region_code: str):
        found = db.session.scalar(select(model).where(within(model.region_code, region_code))
                                  .order_by(model.id).limit(1))
        return found if found is not None else make(region_code)

    for name, part in parts.items():
        sample(name)(lambda region_code, part=part: None if (row := first(region_code)) is None else part(row))
    return first
