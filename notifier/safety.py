"""Crawled text is untrusted: only http(s) links, and long text shortened for reading."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

TITLE_MAX = 200
PASSAGE_MAX = 400
_SPACE = re.compile(r"\s+")


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link with a host; None for anything else.

    ``javascript:``, ``data:``, ``file:``, relative and malformed links are dropped, so a
    digest never carries a link that runs code or points inside the reader's machine.
    """
    if not url:
        return None
    candidate = url.strip()
    # Control characters and spaces inside a URL are a classic way to hide a scheme.
    if any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return candidate


def shorten(text: str | None, limit: int) -> str:
    """Collapse whitespace and cut at a word boundary with an ellipsis when over ``limit``."""
    flat = _SPACE.sub(" ", text or "").strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,.;:–-") + "…"
