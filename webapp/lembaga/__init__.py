"""The body itself (Pokjanal / Pokja / Tim Pembina Posyandu): its SK and members per region."""
from webapp import access


def manages_here(actor: access.Actor, obj) -> bool:
    """lembaga.manage: the body's own anggota or approver (or the kabupaten admin for the kabupaten body)."""
    if obj is None:
        return actor.has("lembaga.manage")
    region_code = obj.scope[0]
    return any(g.region_code == region_code and g.posyandu_id is None for g in actor.grants_for("lembaga.manage"))


def init_app(app) -> None:
    from webapp import registry
    from webapp.lembaga import demo, panels, views

    app.register_blueprint(views.bp)
    registry.add_rules(app, {"lembaga.manage": manages_here})
    registry.add_panel(app, 85, panels.lembaga_panel)
    registry.add_seeder(app, 45, demo.seed_lembaga)
