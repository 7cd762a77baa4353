"""Pages of the monthly Posyandu report under /laporan."""
from flask import Blueprint

from webapp.reports import models  # noqa: F401 - the tables belong to the app's metadata

bp = Blueprint("reports", __name__, url_prefix="/laporan")
