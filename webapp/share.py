""""Bagikan lewat WhatsApp": a wa.me link carrying a short Indonesian message and a deep link into the app.

No paid gateway and no number in the link: the person sharing picks the chat in WhatsApp, so no one's
phone number is written into a page (a deep link still asks its reader to sign in).
"""
from __future__ import annotations

from urllib.parse import quote

WA = "https://wa.me/?text="
MAX_TEXT = 1000  # a message to read on a phone, not a document


def whatsapp_link(text: str) -> str:
    """The wa.me address for `text`, every character URL-encoded."""
    text = " ".join((text or "").split())
    return WA + quote(text[:MAX_TEXT], safe="")


def register(app) -> None:
    app.jinja_env.filters["whatsapp"] = whatsapp_link
