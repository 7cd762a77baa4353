"""The work plans' home panel (approvals waiting, plans returned) and the "Renja" navigation entry."""
from webapp.regions.queries import setting_for
from webapp.workplans import queries


def queue_panel(actor):
    """Approvers: what waits for them, oldest first; drafters: plans returned to them."""
    if not actor.has("plan.view"):
        return None
    waiting = queries.queue(actor) if actor.has("plan.approve") else []
    returned = queries.returned_to(actor) if actor.has("plan.draft") else []
    if not waiting and not returned:
        return None
    first = (waiting or returned)[0]
    return {"template": "workplans/_home_panel.html", "waiting": waiting, "returned": returned,
            "timezone": setting_for(first.region_code).timezone}


def plans_nav(actor):
    if not actor.has("plan.view"):
        return None
    return {"label": "Renja", "endpoint": "workplans.index", "icon": "plan",
            "badge": queries.queue_count(actor) if actor.has("plan.approve") else 0}
