"""Use cases of the dashboard: only the summary's full rebuild (the rows are otherwise kept by summary.py)."""
from webapp.dashboard import summary
from webapp.extensions import db


def rebuild_summary() -> None:
    """Rewrite the summary tables from the reports, e.g. after a bulk load that bypassed the ORM; one commit."""
    summary.rebuild(db.session.connection())
    db.session.commit()
