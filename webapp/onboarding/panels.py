"""The home link to the import page, for those who may import."""


def import_panel(actor):
    if not actor.has("posyandu.import"):
        return None
    return {"template": "onboarding/_home_panel.html"}
