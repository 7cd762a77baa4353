"""Home-page panels (upcoming meetings, my open action items) and the "Rapat" navigation entry."""
from webapp.home.panels import home_panel, nav_item
from webapp.meetings import queries
from webapp.meetings.pages import labelled


@nav_item(40)
def _meetings_nav(actor):
    """Only those who run meetings get the tab; invitees reach theirs from the home page."""
    if actor.has("meeting.manage"):
        return {"label": "Rapat", "endpoint": "meetings.index", "icon": "calendar"}
    return None


@home_panel(30)
def _upcoming(actor):
    """Meetings the actor is invited to, with the check-in link on the day."""
    meetings = queries.upcoming_for(actor)
    if not meetings:
        return None
    return {"template": "meetings/_home_upcoming.html", "rows": labelled(meetings)}


@home_panel(35)
def _my_actions(actor):
    """Open action items the actor (or the actor's body) must carry out, to update on the spot."""
    items = queries.open_actions_for(actor)
    if not items:
        return None
    return {"template": "meetings/_home_actions.html", "items": items}
