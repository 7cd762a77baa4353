"""Every route of app.url_map, for anonymous visitors and every demo role: anonymous → login
(or HX-Redirect), an object in a sibling region → 404, a missing permission → 403, never a 500.

Routes added later are swept automatically; their URL parameters are filled through
tests/route_samples.py (a domain registers its own names in tests/<domain>/route_samples.py).
"""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.route_samples import fill, load_domain_samples, unknown_value
from webapp.access import Actor
from webapp.auth.models import User
from webapp.extensions import db

load_domain_samples()

# demo user → (own region, a sibling region the user must not reach)
SIBLINGS = {
    "admin.kotim": ("62.02", "53.03"),
    "bupati.kotim": ("62.02", "53.03"),
    "pokjanal.kotim": ("62.02", "53.03"),
    "camat.kotabesi": ("62.02.01", "62.02.05"),
    "pokjanal.kotabesi": ("62.02.01", "62.02.05"),
    "camat.baamang": ("62.02.05", "62.02.01"),
    "kades.palangan": ("62.02.01.2003", "62.02.01.2004"),
    "pokja.palangan": ("62.02.01.2003", "62.02.01.2004"),
    "kader.palangan": ("62.02.01.2003", "62.02.01.2004"),
    "kades.hanjalipan": ("62.02.01.2004", "62.02.01.2003"),
    "kader.hanjalipan": ("62.02.01.2004", "62.02.01.2003"),
    "pokja.hanjalipan": ("62.02.01.2004", "62.02.01.2003"),
    "puskesmas.kotabesi": ("62.02.01", "62.02.05"),
    "admin.ttu": ("53.03", "62.02"),
    "camat.kefamenanu": ("53.03.05", "62.02.01"),
    "lurah.benpasi": ("53.03.05.1005", "53.03.05.1004"),
    "kader.benpasi": ("53.03.05.1005", "53.03.05.1004"),
    "bupati.ttu": ("53.03", "62.02"),
    "pokjanal.ttu": ("53.03", "62.02"),
    "dinkes.kotim": ("62.02", "53.03"),
}
NEVER = {500, 501, 502, 503}
FILES = {"application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"}


def _rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        methods = sorted(rule.methods & {"GET", "POST"})
        yield rule, view, methods


def _path(rule, values: dict) -> str:
    return rule.build(values, append_unknown=False)[1]


def _request(client, method: str, path: str, **headers):
    return client.open(path, method=method, headers=headers, data={} if method == "POST" else None)


def _sign_in(client, username: str) -> Actor:
    db.session.expire_all()
    user = db.session.scalar(select(User).where(User.username == username))
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return Actor(user)


def _refusal(actor: Actor, view) -> int:
    """What a foreign or unknown object must answer: 404, also for a role without the view's feature;
    403 only for a role that sees that kind of object but lacks this action (the same for any id)."""
    permission = getattr(view, "required_permission", None)
    if permission and not actor.has(permission) and actor.has(permission.split(".")[0] + ".view"):
        return 403
    return 404


def _lacks(actor: Actor, view) -> bool:
    """The view states a permission (or several, any of which will do) the actor does not hold."""
    permission = getattr(view, "required_permission", None)
    either = getattr(view, "required_any", ())
    return bool(permission) and not actor.has(permission) or bool(either) and not any(map(actor.has, either))


def _kind(view) -> str:
    """The permission to see the kind of object the view is about ("report.view" for "report.verify")."""
    permission = getattr(view, "required_permission", None) or getattr(view, "required_any", ("x.view",))[-1]
    return permission.split(".")[0] + ".view"


def test_sweep_sees_every_demo_account(demo_app):
    from webapp.demo import ACCOUNTS

    assert set(SIBLINGS) == {a[0] for a in ACCOUNTS}


def test_anonymous_visitors_are_sent_to_sign_in_everywhere_but_public_pages(demo_app):
    client = demo_app.test_client()
    checked = 0
    for rule, view, methods in _rules(demo_app):
        path = _path(rule, fill(rule, "62.02")[0])
        for method in methods:
            response = _request(client, method, path)
            assert response.status_code not in NEVER, (method, path)
            if getattr(view, "is_public", False):
                continue
            assert response.status_code == 302, (method, path, response.status_code)
            assert response.headers["Location"].startswith("/masuk"), (method, path)
            htmx = _request(client, method, path, **{"HX-Request": "true"})
            assert htmx.status_code == 401 and htmx.headers["HX-Redirect"].startswith("/masuk"), (method, path)
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("username", sorted(SIBLINGS))
def test_objects_in_a_sibling_region_do_not_exist_for_the_user(demo_app, username):
    own, sibling = SIBLINGS[username]
    client = demo_app.test_client()
    swept = 0
    for rule, view, methods in _rules(demo_app):
        values, scoped = fill(rule, sibling)
        if not scoped:
            continue
        path = _path(rule, values)
        for method in methods:
            actor = _sign_in(client, username)
            status = _request(client, method, path).status_code
            assert status == _refusal(actor, view), (username, method, path, status)
            swept += 1
    assert swept >= 4


@pytest.mark.parametrize("username", sorted(SIBLINGS))
def test_own_region_pages_answer_without_error_and_missing_rights_are_refused(demo_app, username):
    own, _ = SIBLINGS[username]
    client = demo_app.test_client()
    for rule, view, methods in _rules(demo_app):
        if getattr(view, "is_public", False):
            continue
        path = _path(rule, fill(rule, own)[0])
        for method in methods:
            actor = _sign_in(client, username)
            lacks = _lacks(actor, view)
            if method == "POST" and not lacks:
                continue  # a permitted POST changes data: each domain's own tests cover it
            for headers in ({}, {"HX-Request": "true"}):
                response = _request(client, method, path, **headers)
                assert response.status_code not in NEVER, (username, method, path, headers)
                if lacks:  # a named object does not exist for a role that cannot see its kind; else 403
                    expected = 404 if rule.arguments and not actor.has(_kind(view)) else 403
                    assert response.status_code == expected, (username, method, path, response.status_code)
                else:
                    assert response.status_code in {200, 302, 303, 403, 404, 422}, (username, method, path)
                    if response.mimetype in FILES:
                        break  # a file is never rendered through webapp/rendering.py, the one place HX-Request
                        # changes an answer: its htmx variant would only make the same PDF or workbook again


def test_unknown_ids_and_codes_answer_404(demo_app):
    client = demo_app.test_client()
    for rule, view, methods in _rules(demo_app):
        kinds = {name: type(conv).__name__ for name, conv in rule._converters.items()}
        if not rule.arguments or all(kind == "AnyConverter" for kind in kinds.values()):
            continue
        values = {name: unknown_value(conv) for name, conv in rule._converters.items()}
        path = _path(rule, values)
        for method in methods:
            for username in ("admin.kotim", "pokja.palangan", "kader.palangan"):
                actor = _sign_in(client, username)
                status = _request(client, method, path).status_code
                assert status == _refusal(actor, view), (username, method, path, status)


def test_a_region_named_in_the_query_is_an_object_too(demo_app):
    client = demo_app.test_client()
    _sign_in(client, "kader.palangan")  # no plan.view: the roll-up page is 403, a named region 404
    assert client.get("/rencana-kerja/rekap").status_code == 403
    assert client.get("/rencana-kerja/rekap?wilayah=62.02.01.2004").status_code == 404
    assert client.get("/rencana-kerja/rekap?wilayah=62.02.01").status_code == 404
