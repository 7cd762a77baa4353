"""Shared by the benches: an app on a fresh, migrated SQLite file in a temporary folder."""
from __future__ import annotations

import atexit
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

# POKJANAL_BENCH_ROOT measures another checkout (e.g. an export of main) with these scripts, side by side.
ROOT = Path(os.environ.get("POKJANAL_BENCH_ROOT") or Path(__file__).resolve().parent.parent).resolve()
sys.path.insert(0, str(ROOT))
OFFICIAL_CSV = Path(os.environ.get("POKJANAL_REGION_CSV", ROOT.parent / "shared" / "data" / "wilayah-kemendagri-2025.csv"))


def fresh_app(demo: bool = False, **config):
    """create_app on a new SQLite file, upgraded to every head; with the demo data if asked."""
    import logging

    from flask_migrate import upgrade

    from webapp import create_app

    logging.getLogger("alembic").setLevel(logging.WARNING)
    folder = Path(tempfile.mkdtemp(prefix="pokjanal-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}", **config})
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"), revision="head")
        if demo:
            from webapp.demo import seed_demo
            seed_demo()
    return app


def free_port() -> int:
    """A loopback port nobody holds right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def add_port_option(parser, servers: int = 1) -> None:
    """--port: the loopback port the bench's gunicorn binds (and the next ones if it starts several),
    so two benches can run side by side on ports their runners chose."""
    extra = f" (and the next {servers - 1})" if servers > 1 else ""
    parser.add_argument("--port", type=int, help=f"the loopback port to bind{extra}; default: a free one")


def table(headers: list[str], rows: list[list]) -> str:
    """A plain text table, numbers right-aligned."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    numeric = [all(_is_number(r[i]) for r in cells[1:]) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.rjust(w) if numeric[i] and n else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=False))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
        return True
    except ValueError:
        return False
