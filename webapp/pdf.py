"""The only importer of WeasyPrint: HTML from our templates to PDF, never reaching the network.

WeasyPrint costs ~0.8 s to import, so it is imported lazily inside the long-lived
process (start-up and most tests never pay for it).
"""
from __future__ import annotations

import base64
import ctypes
import gc
import mimetypes
import os
import queue
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from flask import current_app, render_template

BASE_URL = "http://pokjanal.invalid/"
_per_thread = threading.local()


def _font_config():
    """One font configuration per thread: building it costs a good share of a small render,
    and Pango's font map is not shared safely between threads."""
    config = getattr(_per_thread, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _per_thread.font_config = FontConfiguration()
    return config


def _own_static_fetcher(static_root: Path):
    """A fetcher that answers our static files and data: URIs, and refuses everything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

    class OwnStaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(BASE_URL + "static/"):
                relative = url[len(BASE_URL + "static/"):].split("?", 1)[0]
                target = (static_root / relative).resolve()
                if target.is_file() and static_root in target.parents:
                    mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, target.read_bytes(), {"Content-Type": mime})
            raise URLFetchingError(f"refused: {url}")

    return OwnStaticOnly()


class PdfTooSlow(Exception):
    """The document did not render within the time budget (PDF_TIME_BUDGET_SECONDS)."""

    message = ("Dokumen ini terlalu besar untuk dibuat sekarang (lebih dari {seconds} detik). "
               "Perpendek isinya, misalnya pembahasan notulen, lalu coba lagi.")


class _Deadline:
    """One render's budget: when it is due, the watchdog raises `error` in the rendering thread."""

    def __init__(self, seconds: float):
        self.due, self.thread_id, self.retries = time.monotonic() + seconds, threading.get_ident(), 40
        self.error = type("PdfTooSlow", (PdfTooSlow,), {"__init__": _with_seconds(seconds)})
        self.done = self.settled = False
        self.signal = queue.SimpleQueue()


def _with_seconds(seconds: float):
    def __init__(self, *args):
        PdfTooSlow.__init__(self, *(args or (seconds,)))
    return __init__


def _raise_in(thread_id: int, error: type[BaseException] | None) -> None:
    """Ask the interpreter to raise `error` in that thread at its next instruction (None withdraws it)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(error) if error else None)


class _Watchdog:
    """One thread per process raises PdfTooSlow inside a rendering thread once its budget is spent, at the next
    Python instruction the renderer runs (WeasyPrint's layout is Python), whatever thread serves the request:
    gunicorn's gthread workers, the dev server, a sync worker's main thread. (A signal timer cannot: Python
    runs signal handlers only in the main thread.) It fires again every RETRY seconds, 40 times at most, in
    case a C callback swallowed it, until the render ends.

    A rendering thread never holds a lock the watchdog may interrupt: it talks to the watchdog through C
    queues, so an exception landing at any instruction can leave nothing stuck."""

    RETRY = 0.05

    def __init__(self):
        self._inbox, self._thread, self._lock = queue.SimpleQueue(), None, threading.Lock()

    def start(self, deadline: _Deadline) -> None:
        if self._thread is None:  # nothing can fire at this thread yet: its deadline is not yet posted
            with self._lock:
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="pdf-deadline", daemon=True)
                    self._thread.start()
        self._inbox.put(deadline)

    def stop(self, deadline: _Deadline) -> None:
        """The render ended (or failed): once the watchdog has let go, withdraw one not yet delivered."""
        deadline.done = True
        self._inbox.put(deadline)
        while not deadline.settled:
            try:
                deadline.signal.get(timeout=self.RETRY)
            except queue.Empty:
                pass
        _raise_in(deadline.thread_id, None)

    def _run(self) -> None:
        active: set[_Deadline] = set()
        while True:
            due = min((d.due for d in active), default=None)
            try:
                posted = self._inbox.get(timeout=None if due is None else max(due - time.monotonic(), 0.0))
            except queue.Empty:
                posted = None
            if posted is not None and posted.done:
                active.discard(posted)
                posted.settled = True
                posted.signal.put(True)
            elif posted is not None:
                active.add(posted)
            now = time.monotonic()
            for deadline in [d for d in active if d.due <= now]:
                _raise_in(deadline.thread_id, deadline.error)
                deadline.retries, deadline.due = deadline.retries - 1, now + self.RETRY
                if deadline.retries < 0:
                    active.discard(deadline)


_watchdog = _Watchdog()
os.register_at_fork(after_in_child=lambda: globals().update(_watchdog=_Watchdog()))


@contextmanager
def time_budget(seconds: float):
    """Raise PdfTooSlow after `seconds` of rendering, well before the worker's own timeout kills it."""
    if not seconds:
        yield
        return
    deadline, watchdog = _Deadline(seconds), _watchdog
    try:
        watchdog.start(deadline)
        yield
    finally:
        while True:
            try:
                watchdog.stop(deadline)
                break
            except PdfTooSlow:
                continue  # it arrived while stopping: the render is over either way; stop surely


@contextmanager
def collector_paused():
    """A render allocates millions of short-lived objects, and the cyclic collector's passes over a warm
    process's whole heap cost ~20% of a long render (measured on the minutes bench). Pause it for the render
    and sweep only the young generation after, where the render's garbage is."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(0)


def render_pdf(template: str, **context) -> bytes:
    """Render a print template (autoescaped Jinja) to PDF bytes within the time budget (else PdfTooSlow)."""
    from weasyprint import HTML

    html = render_template(template, **context)
    fetcher = _own_static_fetcher(Path(current_app.static_folder).resolve())
    # The budget is the inner context: once it has ended no PdfTooSlow can arrive, so the collector resumes.
    with collector_paused(), time_budget(current_app.config["PDF_TIME_BUDGET_SECONDS"]):
        return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(font_config=_font_config())


def data_uri(data: bytes | None, mime: str | None) -> str | None:
    """An uploaded image (the letterhead logo) inlined for the PDF."""
    if not data or not mime:
        return None
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def pdf_response(data: bytes, filename: str, attachment: bool = False):
    """Send PDF bytes inline with a download name (an uploaded file as an attachment, never shown in the
    app's own origin); never cached by a shared phone."""
    response = current_app.response_class(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'{"attachment" if attachment else "inline"}; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
