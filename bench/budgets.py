"""Page weight and slow-network budgets (DESIGN.md §4), measured in Debian's Chromium.

For each role's main pages: bytes over the wire at a first visit (and how much of it is
JavaScript) and at a repeat visit, load times on "slow 3G" (CDP: 400 ms latency, 50,000 B/s
both ways, CPU 4x slower, 360x740 mobile; the service worker's fetches slowed alike), Lighthouse mobile scores (npm `lighthouse` run
against /usr/bin/chromium), and Chromium's installability verdict. Prints one table.

    .venv/bin/python bench/budgets.py                # everything
    .venv/bin/python bench/budgets.py --no-lighthouse
    .venv/bin/python bench/budgets.py --runs 3       # median of three Lighthouse runs per page

The app runs under gunicorn on loopback (started with --pid, stopped by that pid) on a
demo-seeded SQLite database in a temporary folder.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import add_port_option, free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 50000, "uploadThroughput": 50000}
PASSWORD = "pokjanal-demo"
BUDGET = {"first": 60_000, "js": 25_000, "repeat": 15_000, "first_s": 3.0, "repeat_s": 1.5,
          "perf": 0.95, "a11y": 1.0, "bp": 1.0}

# (label, path) or (label, (list page, pattern of the first link to follow from it[, what to add to it])).
REPORT_LINK = r'href="(/laporan/posyandu/\d+/[^"#?]+)"'
MEETING_LINK = r'href="(/rapat/\d+)"'
PAGES = {
    "kader.palangan": [("home", "/"), ("report list", "/laporan/"), ("report form", ("/laporan/", REPORT_LINK)),
                       ("form step 3", ("/laporan/", REPORT_LINK, "/bagian/gizi")),
                       ("form summary", ("/laporan/", REPORT_LINK, "/ringkasan")), ("outbox", "/kotak-keluar")],
    "pokja.palangan": [("home", "/"), ("report list", "/laporan/"), ("report", ("/laporan/", REPORT_LINK)),
                       ("plan list", "/rencana-kerja"), ("plan", ("/rencana-kerja", r'href="(/rencana-kerja/\d+)"')),
                       ("meetings", "/rapat")],
    "camat.kotabesi": [("home", "/"), ("plan list", "/rencana-kerja"), ("meetings", "/rapat"),
                       ("meeting+minutes", ("/rapat", MEETING_LINK)), ("monitoring", "/pemantauan")],
}


# ---- the server -----------------------------------------------------------------------------

class Server:
    """gunicorn on a demo-seeded SQLite file; stopped by the pid it wrote."""

    def __init__(self, folder: Path, port: int | None = None):
        self.folder = folder
        self.env = dict(os.environ, DATABASE_URL=f"sqlite:///{folder / 'bench.sqlite3'}", FLASK_APP="wsgi",
                        SECRET_KEY="bench-only-" + "k" * 32, POKJANAL_ENV="development")
        self.pidfile = folder / "gunicorn.pid"
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        for command in (["db", "upgrade", "heads"], ["seed", "demo"]):
            subprocess.run([str(BIN / "flask"), *command], cwd=ROOT, env=self.env, check=True, capture_output=True)
        self.log = open(self.folder / "gunicorn.log", "w")
        subprocess.Popen([str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{self.port}", "--pid",
                          str(self.pidfile), "wsgi:app"], cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                if self.pidfile.exists():
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("gunicorn did not start: see " + str(self.folder / "gunicorn.log"))

    def __exit__(self, *exc):
        pid = int(self.pidfile.read_text().strip())
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        self.log.close()


# ---- browser measurements -------------------------------------------------------------------

def sign_in(context, url: str, login: str) -> None:
    """Sign in with the real form (CSRF token included) through the context's own cookie jar."""
    page = context.request.get(url + "/masuk").text()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or \
        re.search(r'name="csrf_token" value="([^"]+)"', page)
    response = context.request.post(url + "/masuk", form={"login": login, "password": PASSWORD,
                                                          "csrf_token": token.group(1) if token else ""})
    if "/masuk" in response.url:
        raise RuntimeError(f"sign-in failed for {login}")


def resolve(context, url: str, target) -> str | None:
    """A fixed path, or the first matching link on a list page; None when the route is missing."""
    if isinstance(target, str):
        response = context.request.get(url + target, max_redirects=0)
        return target if response.status == 200 else None
    list_path, pattern, *suffix = target
    response = context.request.get(url + list_path)
    match = re.search(pattern, response.text()) if response.status == 200 else None
    return match.group(1) + "".join(suffix) if match else None


class Meter:
    """Bytes per request from the DevTools protocol (page) plus what the service worker fetched."""

    def __init__(self, context, page):
        self.cdp = context.new_cdp_session(page)
        self.requests: dict[str, dict] = {}
        self.worker_bytes = 0
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.loadingFinished", self._finished)
        context.on("requestfinished", self._worker_request)
        self.cdp.send("Network.enable")
        self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        self.cdp.send("Network.emulateNetworkConditions", SLOW_3G)

    def _response(self, event):
        self.requests.setdefault(event["requestId"], {}).update(
            type=event["type"], url=event["response"]["url"], sw=event["response"].get("fromServiceWorker", False))

    def _finished(self, event):
        self.requests.setdefault(event["requestId"], {})["bytes"] = event["encodedDataLength"]

    def _worker_request(self, request):
        if request.service_worker is not None:
            try:
                sizes = request.sizes()
                self.worker_bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            except Exception:  # the worker may be gone already
                pass

    def reset(self):
        self.requests.clear()
        self.worker_bytes = 0

    def totals(self) -> tuple[int, int]:
        wire = [r for r in self.requests.values() if not r.get("sw")]
        total = sum(r.get("bytes", 0) for r in wire) + self.worker_bytes
        js = sum(r.get("bytes", 0) for r in wire if r.get("type") == "Script")
        return total, js


def throttle_workers(browser) -> None:
    """Slow the service workers' own fetches as well: the page's emulation does not reach them, and a
    repeat visit's HTML travels through the worker (network-first)."""
    cdp = browser.new_browser_cdp_session()
    for target in cdp.send("Target.getTargets")["targetInfos"]:
        if target["type"] != "service_worker":
            continue
        session = cdp.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": False})["sessionId"]
        for number, (method, params) in enumerate((("Network.enable", {}),
                                                   ("Network.emulateNetworkConditions", SLOW_3G)), start=1):
            cdp.send("Target.sendMessageToTarget", {"sessionId": session, "message": json.dumps(
                {"id": number, "method": method, "params": params})})


def visit(page, url: str) -> float:
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000


def measure_page(browser, url: str, login: str, path: str) -> dict:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, locale="id-ID")
    try:
        sign_in(context, url, login)
        for _ in range(4):  # each gunicorn worker has rendered this page once: template compiling is not measured
            context.request.get(url + path)
        page = context.new_page()
        meter = Meter(context, page)
        first_s = visit(page, url + path)
        first, js = meter.totals()
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        for _ in range(50):  # the worker takes over this page once it is installed
            if page.evaluate("!!navigator.serviceWorker.controller"):
                break
            page.wait_for_timeout(100)
        page.wait_for_load_state("networkidle")
        throttle_workers(browser)
        meter.reset()
        repeat_s = visit(page, url + path)
        repeat, _ = meter.totals()
        return {"first": first, "js": js, "repeat": repeat, "first_s": first_s, "repeat_s": repeat_s,
                "cookie": "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())}
    finally:
        context.close()


def installability(playwright, url: str, folder: Path) -> list:
    """Chromium's own verdict; an incognito context always reports an error, so a real profile."""
    context = playwright.chromium.launch_persistent_context(
        str(folder / "profile"), executable_path=CHROMIUM, args=CHROME_ARGS, viewport={"width": 360, "height": 740},
        is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(url + "/masuk")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()
        cdp = context.new_cdp_session(page)
        return cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    finally:
        context.close()


# ---- Lighthouse -----------------------------------------------------------------------------

def lighthouse_binary() -> str | None:
    """Lighthouse is not a project dependency (~120 MB): `npm install --no-save lighthouse@12`, or point
    POKJANAL_LIGHTHOUSE at a lighthouse binary installed elsewhere."""
    local = ROOT / "node_modules" / ".bin" / "lighthouse"
    return os.environ.get("POKJANAL_LIGHTHOUSE") or (str(local) if local.exists() else shutil.which("lighthouse"))


def lighthouse(binary: str, url: str, cookie: str, folder: Path) -> dict:
    out = folder / "lighthouse.json"
    command = [binary, url, "--output=json", f"--output-path={out}", "--quiet",
               "--only-categories=performance,accessibility,best-practices",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
               "--extra-headers=" + json.dumps({"Cookie": cookie})]
    result = subprocess.run(command, env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True,
                            timeout=180)
    if result.returncode != 0 or not out.exists():
        return {"error": (result.stderr or result.stdout).strip().splitlines()[-1:]}
    report = json.loads(out.read_text())
    categories = report["categories"]
    failing = [audit_id for audit_id, audit in report["audits"].items()
               if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"]
    return {"perf": categories["performance"]["score"], "a11y": categories["accessibility"]["score"],
            "bp": categories["best-practices"]["score"], "failing": failing}


def median_run(runs: list[dict]) -> dict:
    """Lighthouse's performance score moves with the machine's load: keep the run with the median score."""
    good = sorted((r for r in runs if "error" not in r), key=lambda r: r["perf"])
    return good[len(good) // 2] if good else runs[0]


# ---- the table ------------------------------------------------------------------------------

def mark(value, budget, higher_is_better=False) -> str:
    if value is None:
        return "n/a"
    text = f"{value:.2f}" if isinstance(value, float) else f"{value:,}"
    over = value < budget if higher_is_better else value > budget
    return text + (" !" if over else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_port_option(parser)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median score counts")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    binary = None if args.no_lighthouse else lighthouse_binary()
    rows, notes = [], []
    with tempfile.TemporaryDirectory(prefix="pokjanal-bench-") as tmp, Server(Path(tmp), args.port) as server, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        warm = browser.new_context()  # the first requests of a fresh worker import and compile; not measured
        sign_in(warm, server.url, "kader.palangan")
        for _ in range(3):
            warm.request.get(server.url + "/")
        warm.close()
        for login, pages in PAGES.items():
            probe = browser.new_context()
            sign_in(probe, server.url, login)
            for label, target in pages:
                path = resolve(probe, server.url, target)
                if path is None:
                    notes.append(f"{login} {label}: route missing or no link to follow, skipped")
                    continue
                result = measure_page(browser, server.url, login, path)
                if binary:
                    runs = [lighthouse(binary, server.url + path, result["cookie"], Path(tmp)) for _ in range(args.runs)]
                    result.update(median_run(runs))
                rows.append((login, label, path, result))
            probe.close()
        browser.close()
        errors = installability(playwright, server.url, Path(tmp))
    if not binary and not args.no_lighthouse:
        notes.append("lighthouse not found (npm install --no-save lighthouse@12): scores n/a")

    header = f"{'role':16} {'page':16} {'path':34} {'first B':>9} {'JS B':>8} {'repeat B':>9} " \
             f"{'first s':>7} {'rep. s':>7} {'perf':>5} {'a11y':>5} {'bp':>5}"
    print(header)
    print("-" * len(header))
    for login, label, path, r in rows:
        print(f"{login:16} {label:16} {path[:34]:34} {mark(r['first'], BUDGET['first']):>9} "
              f"{mark(r['js'], BUDGET['js']):>8} {mark(r['repeat'], BUDGET['repeat']):>9} "
              f"{mark(round(r['first_s'], 2), BUDGET['first_s']):>7} {mark(round(r['repeat_s'], 2), BUDGET['repeat_s']):>7} "
              f"{mark(r.get('perf'), BUDGET['perf'], True):>5} {mark(r.get('a11y'), BUDGET['a11y'], True):>5} "
              f"{mark(r.get('bp'), BUDGET['bp'], True):>5}")
        if r.get("failing"):
            print(f"{'':34} lighthouse audits below 1: {', '.join(r['failing'])}")
        if r.get("error"):
            print(f"{'':34} lighthouse failed: {r['error']}")
    print("-" * len(header))
    print(f"budgets: first <= {BUDGET['first']:,} B (JS <= {BUDGET['js']:,}), repeat <= {BUDGET['repeat']:,} B, "
          f"first <= {BUDGET['first_s']} s, repeat <= {BUDGET['repeat_s']} s, perf >= {BUDGET['perf']}, "
          f"a11y = bp = 1.0;  ! = over budget")
    print(f"installability (Page.getInstallabilityErrors): {errors or 'no errors'}")
    for note in notes:
        print("note:", note)
    over = [(login, label) for login, label, _, r in rows if any(
        r[key] > BUDGET[key] for key in ("first", "js", "repeat", "first_s", "repeat_s")) or any(
        r.get(key) is not None and r[key] < BUDGET[key] for key in ("perf", "a11y", "bp"))]
    if over:
        print("over budget:", ", ".join(f"{login} {label}" for login, label in over))
    return 1 if over or errors else 0


if __name__ == "__main__":
    sys.exit(main())
