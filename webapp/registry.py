"""What each domain adds to one app: object rules, home panels, navigation entries and demo seeders.

Kept in `app.extensions`, so every app (each test builds its own) holds exactly what its
domains' `init_app` registered, and nothing depends on which modules happened to be imported.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app


@dataclass
class Registry:
    rules: dict[str, Callable] = field(default_factory=dict)
    panels: list[tuple[int, Callable]] = field(default_factory=list)
    nav: list[tuple[int, Callable]] = field(default_factory=list)
    seeders: list[tuple[int, Callable]] = field(default_factory=list)


def registry(app: Flask | None = None) -> Registry:
    """The registry of `app` (default: the current app)."""
    app = app or current_app
    return app.extensions.setdefault("pokjanal", Registry())


def add_rules(app: Flask, rules: dict[str, Callable]) -> None:
    """Object rules `(actor, obj) -> bool`, one per action; an action is ruled by one function only."""
    known = registry(app).rules
    for action, rule in rules.items():
        if action in known and known[action] is not rule:
            raise RuntimeError(f"Aturan {action} didaftarkan dua kali")
        known[action] = rule


def _add_ordered(entries: list, order: int, fn: Callable) -> None:
    entries.append((order, fn))
    entries.sort(key=lambda item: item[0])


def add_panel(app: Flask, order: int, panel: Callable) -> None:
    """A home-page panel `(actor) -> dict | None`; lower order shows first."""
    _add_ordered(registry(app).panels, order, panel)


def add_nav(app: Flask, order: int, entry: Callable) -> None:
    """A navigation entry `(actor) -> dict(label, endpoint, icon[, badge]) | None`."""
    _add_ordered(registry(app).nav, order, entry)


def add_seeder(app: Flask, order: int, seeder: Callable[[], None]) -> None:
    """An idempotent demo seeder run by `flask seed demo` in this order (base data is 0–20)."""
    _add_ordered(registry(app).seeders, order, seeder)
