"""Home-page panels (upcoming meetings, my open action items) and the "Rapat" navigation entry."""
from webapp.meetings import queries
from webapp.meetings.pages import labelled


def meetings_nav(actor):
    """Only those who run meetings get the tab; invitees reach theirs from the home page."""
    if actor.has("meeting.manage"):
        return {"label": "Rapat", "endpoint": "meetings.index", "icon": "calendar"}
    return None


def upcoming(actor):
    """Meetings the actor is invited to, with the check-in link on the day."""
    meetings = queries.upcoming_for(actor)
    if not meetings:
        return None
    return {"template": "meetings/_home_upcoming.html", "rows": labelled(meetings)}


def my_actions(actor):
    """Open action items the actor (or the actor's body) must carry out, to update on the spot."""
    items = queries.open_actions_for(actor)
    if not items:
        return None
    return {"template": "meetings/_home_actions.html", "items": items}
