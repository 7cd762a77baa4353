"""Navigation: a kader finds their own passport in one tap."""
from __future__ import annotations

from webapp.auth.models import Role


def kader_nav(actor):
    if actor.has_role(Role.KADER):
        return {"label": "Paspor", "endpoint": "kader.mine", "icon": "passport"}
    return None
