"""The home link to one's own body."""
from webapp.lembaga import queries


def lembaga_panel(actor):
    """Members of a body: a link to its SK and members, and to the kelembagaan figures."""
    if not actor.has("lembaga.view"):
        return None
    return {"template": "lembaga/_home_panel.html",
            "bodies": [(r, queries.body_name(r)) for r in queries.roots(actor)]}
