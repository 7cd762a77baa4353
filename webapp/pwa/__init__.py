"""Phones first: web app manifest, service worker, offline page, the outbox page and compression."""
