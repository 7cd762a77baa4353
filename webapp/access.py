"""Who may do what where: roles, the permission table, the current actor and scoped loading.

Every read of scoped rows goes through `Actor.where_region` / `Actor.where_posyandu`
(used in each domain's queries.py), and every single object is loaded within scope, so
an object outside the actor's subtree answers 404. Object rules (whose turn it is to
approve, who may reopen) are registered per app by each domain's `init_app` (see
webapp/registry.py) and asked through one function, `can(actor, action, obj)`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, wraps

from flask import abort, g, redirect, request, url_for
from flask_login import current_user
from htmx_flask import make_response as htmx_response
from htmx_flask import request as htmx_request
from sqlalchemy import false, or_

from webapp.auth.models import PasswordReset, Role, User
from webapp.regions.models import Level, is_within, level_of
from webapp.registry import registry

VIEW = {"region.view", "posyandu.view", "meeting.view", "action.update", "kader.view"}
MEMBER = VIEW | {
    "user.manage", "posyandu.manage", "report.view", "report.verify", "report.reopen",
    "plan.view", "plan.draft", "plan.realise", "meeting.manage", "dashboard.view", "mitra.read", "mitra.registry",
    "lembaga.view", "lembaga.manage", "kader.manage", "skill.mark", "sarpras.manage", "visit.record",
    "exchange.export",  # DHIS2 files of a kecamatan/kabupaten (webapp/exchange limits the tier)
}

PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.KADER: frozenset(VIEW | {"report.file"}),
    Role.ANGGOTA: frozenset(MEMBER),
    Role.APPROVER: frozenset(MEMBER | {"plan.approve", "meeting.sign"}),
    # The admin keeps the register; it is assigned no action item or finding, so it updates none.
    Role.ADMIN: frozenset(VIEW - {"action.update"} | {"user.manage", "posyandu.manage", "settings.manage", "dashboard.view",
                                  "report.view", "plan.view", "audit.view", "mitra.read", "mitra.registry",
                                  "mitra.manage", "lembaga.view", "lembaga.manage", "posyandu.import"}),
    # A partner's staff sees only what concerns its mitra (its plan lines, through the mitra page, and the
    # action items given to it) and updates their realisation and status: no region, Posyandu or meeting pages.
    Role.MITRA: frozenset({"mitra.read", "plan.realise", "action.update"}),
}
"""One table from role to permissions. Tier limits (e.g. only a desa verifies) are object rules."""


@dataclass(frozen=True)
class Grant:
    role: Role
    region_code: str
    posyandu_id: int | None
    mitra_id: int | None = None

    @property
    def level(self) -> Level:
        return level_of(self.region_code)


class Actor:
    """The signed-in user with their grants, asked about permissions and scope."""

    def __init__(self, user: User):
        self.user = user
        self.grants = [Grant(Role(r.role), r.region_code, r.posyandu_id, r.mitra_id) for r in user.roles]

    @property
    def id(self) -> int:
        return self.user.id

    @cached_property
    def reset_lock(self):
        """The manager-issued password reset of this account still waiting for a second person, if any:
        until it is confirmed the account takes no approve, sign or finalise step (webapp/workflow.py)."""
        from webapp.extensions import db

        return db.session.scalar(PasswordReset.pending_for(self.user.id))

    def has(self, permission: str) -> bool:
        return any(permission in PERMISSIONS[g.role] for g in self.grants)

    def grants_for(self, permission: str) -> list[Grant]:
        return [g for g in self.grants if permission in PERMISSIONS[g.role]]

    @property
    def mitra_ids(self) -> set[int]:
        """The partners this actor works for (mitra role grants)."""
        return {g.mitra_id for g in self.grants if g.role == Role.MITRA and g.mitra_id is not None}

    def has_role(self, role: Role) -> bool:
        return any(g.role == role for g in self.grants)

    def covers(self, permission: str, region_code: str, posyandu_id: int | None = None) -> bool:
        """True when the permission reaches this region (and Posyandu, for kader)."""
        for grant in self.grants_for(permission):
            if grant.posyandu_id is not None:
                if posyandu_id == grant.posyandu_id or (posyandu_id is None and region_code == grant.region_code):
                    return True
            elif is_within(region_code, grant.region_code):
                return True
        return False

    def region_codes(self, permission: str) -> list[str]:
        """The roots of the subtrees this permission reaches."""
        return sorted({g.region_code for g in self.grants_for(permission)})

    def where_region(self, permission: str, column):
        """SQL condition: the row's region lies in one of the actor's subtrees."""
        clauses = []
        for grant in self.grants_for(permission):
            clauses.append(column == grant.region_code)
            if grant.posyandu_id is None:
                clauses.append(column.startswith(grant.region_code + ".", autoescape=True))
        return or_(*clauses) if clauses else false()

    def where_posyandu(self, permission: str, posyandu_column, region_column):
        """SQL condition for rows of one Posyandu: kader see their own, members their subtree."""
        clauses = []
        for grant in self.grants_for(permission):
            if grant.posyandu_id is not None:
                clauses.append(posyandu_column == grant.posyandu_id)
            else:
                clauses.append(region_column == grant.region_code)
                clauses.append(region_column.startswith(grant.region_code + ".", autoescape=True))
        return or_(*clauses) if clauses else false()

    @property
    def primary_grant(self) -> Grant | None:
        """The widest grant: shown on the home page and used for defaults."""
        if not self.grants:
            return None
        return min(self.grants, key=lambda g: (g.region_code.count("."), g.posyandu_id is not None))


def current_actor() -> Actor:
    """The actor of this request, built once."""
    if "actor" not in g:
        if not current_user.is_authenticated:
            abort(401)
        g.actor = Actor(current_user._get_current_object())
    return g.actor


# ---- object rules -------------------------------------------------------------------------

OBJECT_ACTIONS = frozenset({
    "report.file", "report.verify", "report.reopen", "plan.draft", "plan.approve", "meeting.view",
    "meeting.manage", "meeting.sign", "minutes.edit", "minutes.read", "minutes.comment", "action.update",
    "posyandu.manage", "settings.manage", "mitra.manage", "plan.realise", "lembaga.manage", "kader.manage",
    "skill.mark", "sarpras.manage", "visit.record",
})
"""Actions asked about one object: each must have a rule, or the app refuses to start (fail closed)."""


def in_own_scope(actor: Actor, action: str, obj) -> bool:
    """The plain rule: the action's permission reaches the object's scope."""
    region_code, posyandu_id = obj.scope
    return actor.covers(action, region_code, posyandu_id)


def scope_rule(action: str) -> Callable[[Actor, object], bool]:
    """A rule that asks only whether the permission reaches the object (settings, registry)."""
    def rule(actor: Actor, obj) -> bool:
        return actor.has(action) if obj is None else in_own_scope(actor, action, obj)
    rule.__doc__ = f"{action}: the permission reaches the object's region."
    return rule


def check_rules(app) -> None:
    """Refuse to start when an object action has no rule: an unruled action would otherwise be guessed."""
    missing = sorted(OBJECT_ACTIONS - registry(app).rules.keys())
    if missing:
        raise RuntimeError("Aturan objek belum didaftarkan: " + ", ".join(missing))


def can(actor: Actor, action: str, obj=None) -> bool:
    """The single question every template and service asks. Unknown actions are refused."""
    rule = registry().rules.get(action)
    if rule is not None:
        return bool(rule(actor, obj))
    return actor.has(action) if obj is None else False


def require(actor: Actor, action: str, obj=None) -> None:
    """Services call this before changing anything: 403 when the rule says no."""
    if not can(actor, action, obj):
        abort(403)


def load_in_scope(actor: Actor, model, ident, permissions: str | tuple[str, ...], rule: str | None = None,
                  also: Callable[[Actor, object], bool] | None = None, refused: int = 403):
    """Load one row by id: 404 when it is missing or outside the actor's scope (existence never leaks),
    then 403 (or `refused`) when `rule` is given and says no. A model states its scope as `scope` = (region code,
    Posyandu id or None); `also` widens what is seen (e.g. meetings one is invited to)."""
    from webapp.extensions import db

    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    permissions = (permissions,) if isinstance(permissions, str) else permissions
    if not any(in_own_scope(actor, p, obj) for p in permissions) and not (also and also(actor, obj)):
        abort(404)
    if rule is not None and not can(actor, rule, obj):
        abort(refused)
    return obj


# ---- views --------------------------------------------------------------------------------

def public(view):
    """Mark a view as reachable without signing in (login, static, manifest, service worker)."""
    view.is_public = True
    return view


# Query parameters that name an object (a region) the way URL parameters do.
OBJECT_ARGS = ("wilayah",)


def refuse_missing_feature(permission: str) -> None:
    """Answer a request the actor lacks `permission` for. An object named by a role that cannot even see
    that kind of thing (a kader and a plan) does not exist: 404, wherever it lies. A role that may see it
    but not do this (an anggota and "approve") gets 403, as do the feature's own pages (lists, new-forms).
    Neither answer depends on the object, so neither tells whether it exists."""
    names_object = bool(request.view_args) or any(request.args.get(name) for name in OBJECT_ARGS)
    sees_kind = current_actor().has(permission.split(".")[0] + ".view")
    abort(404 if names_object and not sees_kind else 403)


def requires(permission: str):
    """A view states the permission it needs; without it 403, or 404 for a named object (above)."""
    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_actor().has(permission):
                refuse_missing_feature(permission)
            return view(*args, **kwargs)
        wrapped.required_permission = permission
        return wrapped
    return decorate


def deny_by_default(app) -> None:
    """Refuse anonymous requests to every endpoint not marked public."""
    @app.before_request
    def _guard():
        # The actor belongs to one request; an app context that outlives requests (tests, benches,
        # scripts) must not hand one request's user to the next.
        g.pop("actor", None)
        g.pop("_login_user", None)
        view = app.view_functions.get(request.endpoint) if request.endpoint else None
        if view is None or getattr(view, "is_public", False) or request.endpoint == "static":
            return None
        if current_user.is_authenticated:
            return None
        login_url = url_for("auth.login", next=request.full_path.rstrip("?") if request.method == "GET" else None)
        if htmx_request.htmx:
            return htmx_response("", 401, redirect=login_url)
        return redirect(login_url)
