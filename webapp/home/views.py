"""The home page: who I am, where, and what my role can do now."""
from flask import Blueprint

from webapp.access import current_actor
from webapp.home.panels import nav_for, panels_for
from webapp.rendering import render

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """Name, roles with the full region path, and the panels of each domain."""
    actor = current_actor()
    return render("home/index.html", actor=actor, panels=panels_for(actor))


def home_nav(actor):
    return {"label": "Beranda", "endpoint": "home.index", "icon": "home"}


def what_i_can_do(actor):
    """Links to what this actor's roles allow."""
    links = []
    if actor.has("posyandu.view"):
        links.append(("regions.posyandu_list", "Daftar Posyandu"))
    if actor.has("region.view"):
        links.append(("regions.browse", "Jelajah wilayah"))
    if actor.has("user.manage"):
        links.append(("auth.users", "Kelola akun satu tingkat di bawah"))
    if actor.has("settings.manage"):
        links.append(("regions.settings", "Pengaturan kabupaten"))
    if actor.has("audit.view"):
        links.append(("auth.audit_log", "Jejak audit: siapa mengubah apa"))
    links.append(("auth.account", "Ganti kata sandi"))
    return {"template": "home/_links.html", "links": links}


@bp.app_context_processor
def _navigation():
    """Navigation entries for the signed-in actor (with badges such as waiting approvals)."""
    from flask_login import current_user

    if not current_user.is_authenticated:
        return {"nav": []}
    return {"nav": nav_for(current_actor())}
