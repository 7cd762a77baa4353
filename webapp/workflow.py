"""Declared flows: every status change is a step in a table, taken through one `take()`.

A `Step` says from which states it may be taken, the state it leads to, whose turn it is
(`who`: tier and role only, never the state) and whether a note is required. `take()`
answers the same way in every domain:

- not this person's turn → 403;
- a signing step (`SIGNING_STEPS`) while the actor's manager-issued password reset waits for a second
  person's confirmation → `ResetLocked` (403, with the reason);
- already in the step's target state (a double tap, or someone did it first) → a no-op
  that says so (`Taken.changed` is False);
- any other state → `Conflict` (409) naming the state;
- a stale page (`expected_version`) → `Conflict` (409);
- a required note missing → `Refused` (422) on the note field;
- otherwise the state changes, the domain's history row and an audit row are written.

The caller adds its own stamps and commits once. Templates ask `flow.may(actor, obj, step)`,
which the domains also register as object rules, so a button shows exactly when the step
would be taken.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from webapp.audit import audit
from webapp.clock import utcnow
from webapp.refusal import Conflict, Refused

Rule = Callable[[object, object], bool]

SIGNING_STEPS = frozenset({"approve", "endorse", "verify", "finalize", "sign", "issue"})
"""Steps that put a person's name to a decision, in any flow. While the actor's password reset by a
manager waits for a second person (`Actor.reset_lock`, webapp/auth/resets.py) they are not the
actor's to take: the manager who knew the code must not approve or sign as the owner."""
DONE_NOTE = "Tulis bukti atau keterangan penyelesaiannya."
"""What a follow-up flow (a finding, an action item) asks for when a step marks the work done without a note."""
RESET_LOCKED = ("Kata sandi akun Anda baru diatur ulang oleh pengurus. Langkah \u201c{label}\u201d terbuka lagi "
                "setelah orang kedua (pejabat satu tingkat di atas atau admin kabupaten) mengonfirmasinya.")


def reset_locked(actor, step: Step) -> bool:
    """True when `step` signs and the actor's account waits for its reset to be confirmed."""
    return step.name in SIGNING_STEPS and getattr(actor, "reset_lock", None) is not None


@dataclass(frozen=True)
class Step:
    name: str                       # "verify"; the object rule is "<flow>.<name>"
    sources: frozenset[str]         # states the step may be taken from
    target: str                     # the state it leads to
    who: Rule                       # (actor, obj) -> bool: whose turn, never the state
    label: str                      # the button: "Verifikasi"
    done: str                       # said after it, and on a double tap: "Laporan sudah diverifikasi."
    note_required: str = ""         # the message when a required note is missing; "" = note optional
    note_field: str = "note"


@dataclass(frozen=True)
class Entry:
    """One history row as every flow writes it: who, in which office, when, what, why."""

    actor_id: int
    name: str
    role: str
    jabatan: str
    nip: str
    step: Step
    note: str
    at: dt.datetime


@dataclass(frozen=True)
class Flow:
    name: str                                   # "report": audit actions are "report.<step>"
    noun: str                                   # "Laporan ini", for messages
    steps: tuple[Step, ...]
    state_labels: dict[str, str]                # state -> "Diverifikasi"
    record: Callable[[object, Entry], None]     # appends the domain's history row
    role_of: Callable[[object, object, Step], str] = field(default=lambda actor, obj, step: "")
    stale: str = "Data ini baru saja diubah orang lain. Muat ulang halaman untuk melihat keadaannya sekarang."
    state_attr: str = "status"

    def step(self, name: str) -> Step:
        for step in self.steps:
            if step.name == name:
                return step
        raise KeyError(f"{self.name} tidak punya langkah {name}")

    def state(self, obj) -> str:
        return getattr(obj, self.state_attr)

    def may(self, actor, obj, name: str) -> bool:
        """True when `take` would change the state now: the actor's turn and a source state."""
        step = self.step(name)
        return self.state(obj) in step.sources and bool(step.who(actor, obj)) and not reset_locked(actor, step)

    def pick(self, actor, obj, names: tuple[str, ...]) -> str:
        """Of steps sharing one button (approve/endorse), the one `take` should try: the one open to the
        actor now, else the one whose turn rule is the actor's (a double tap), else the first."""
        for fits in (lambda n: self.may(actor, obj, n), lambda n: self.step(n).who(actor, obj)):
            for name in names:
                if fits(name):
                    return name
        return names[0]

    def available(self, actor, obj) -> list[Step]:
        return [step for step in self.steps if self.may(actor, obj, step.name)]

    def rules(self) -> dict[str, Rule]:
        """Object rules "<flow>.<step>" for `access.can`, so templates and services ask the table."""
        return {f"{self.name}.{step.name}": _rule(self, step.name) for step in self.steps}

    def states(self) -> Iterable[str]:
        return self.state_labels.keys()


def _rule(flow: Flow, name: str) -> Rule:
    def rule(actor, obj) -> bool:
        return obj is not None and flow.may(actor, obj, name)
    return rule


class ResetLocked(Refused):
    """The actor's turn, but the account's manager-issued reset is not confirmed yet (403)."""

    status = 403


@dataclass(frozen=True)
class Taken:
    changed: bool
    message: str
    step: Step
    at: dt.datetime | None = None
    note: str = ""


def take(actor, obj, flow: Flow, name: str, note: str = "", expected_version: int | None = None,
         subject: str | None = None) -> Taken:
    """Take step `name` on `obj` for `actor`, answering as the module docstring says. Does not commit."""
    step = flow.step(name)
    if not step.who(actor, obj):
        abort(403)
    if reset_locked(actor, step):
        raise ResetLocked(RESET_LOCKED.format(label=step.label))
    state = flow.state(obj)
    if state == step.target and state not in step.sources:
        return Taken(False, step.done, step)
    if state not in step.sources:
        raise Conflict(f"{flow.noun} berstatus {flow.state_labels[state]}: langkah \u201c{step.label}\u201d "
                       "tidak bisa dilakukan sekarang. Muat ulang halaman untuk melihat keadaannya.")
    if expected_version is not None and expected_version != getattr(obj, "version", expected_version):
        raise Conflict(flow.stale)
    note = (note or "").strip()
    if step.note_required and not note:
        raise Refused(step.note_required, step.note_field)
    at, user = utcnow(), actor.user
    setattr(obj, flow.state_attr, step.target)
    flow.record(obj, Entry(actor_id=user.id, name=user.full_name, role=flow.role_of(actor, obj, step)[:60],
                           jabatan=user.jabatan, nip=user.nip, step=step, note=note, at=at))
    audit(user.id, f"{flow.name}.{step.name}", subject or str(obj.id), note[:500])
    return Taken(True, step.done, step, at, note)


class HistoryColumns:
    """The columns of a flow's history table, for flows that keep one of their own."""

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(60), default="")
    jabatan: Mapped[str] = mapped_column(String(120), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    @declared_attr
    def actor_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("user.id"))

    @classmethod
    def from_entry(cls, entry: Entry, **extra):
        return cls(action=entry.step.name, actor_id=entry.actor_id, role=entry.role, jabatan=entry.jabatan,
                   note=entry.note, at=entry.at, **extra)
