"""The reports blueprint, shared by the form views and the recap views."""
from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/laporan")
