"""The body's partners (mitra): the registry per kabupaten, its rules, forms and demo data.

Low in the app: plans, meetings, the body and accounts name a partner from here. Each partner's page,
which reads plans and meetings, is `webapp.mitra_page`, a reader above them.
"""
from webapp.access import scope_rule


def init_app(app) -> None:
    from webapp import registry
    from webapp.mitra import demo

    registry.add_rules(app, {"mitra.manage": scope_rule("mitra.manage")})
    registry.add_seeder(app, 5, demo.seed_mitra)  # base data: the demo's mitra accounts link to these
