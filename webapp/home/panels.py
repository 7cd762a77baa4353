"""Home-page panels and navigation entries: what each domain registered for this app, asked per actor.

A panel is a function (actor) -> dict | None naming a template partial and its context; a
navigation entry is (actor) -> dict(label, endpoint, icon[, badge]) | None. Domains register
them in their `init_app` (webapp/registry.py), so the home page needs no knowledge of them.
"""
from webapp.registry import registry


def panels_for(actor) -> list[dict]:
    return [panel for _, fn in registry().panels if (panel := fn(actor))]


def nav_for(actor) -> list[dict]:
    return [item for _, fn in registry().nav if (item := fn(actor))]
