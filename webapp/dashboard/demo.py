"""Demo data: the summary tables rewritten once every other seeder has added its reports."""
from webapp.dashboard.services import rebuild_summary


def rebuild_summary_after_demo() -> None:
    """Idempotent: the whole summary is rewritten from the reports."""
    rebuild_summary()
