"""Home-page panels: each domain registers what its users should see and do now.

A panel is a function (actor) -> dict | None; the dict names a template partial and its
context. Domains register at import, so the home page needs no knowledge of them.
"""
from collections.abc import Callable

_PANELS: list[tuple[int, Callable]] = []


def home_panel(order: int):
    """Register a panel; lower order shows first (returned reports, approvals waiting...)."""
    def register(fn):
        _PANELS.append((order, fn))
        _PANELS.sort(key=lambda item: item[0])
        return fn
    return register


def panels_for(actor) -> list[dict]:
    return [panel for _, fn in _PANELS if (panel := fn(actor))]


_NAV: list[tuple[int, Callable]] = []


def nav_item(order: int):
    """Register a navigation entry: a function (actor) -> dict(label, endpoint, icon, badge) or None."""
    def register(fn):
        _NAV.append((order, fn))
        _NAV.sort(key=lambda item: item[0])
        return fn
    return register


def nav_for(actor) -> list[dict]:
    return [item for _, fn in _NAV if (item := fn(actor))]
