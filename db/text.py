"""Text as readers see it: long text shortened at a word, values quoted in messages.

HTML is turned into text in two places on purpose: ``crawler.text.html_to_text`` reads
crawled markup into plain text with its blocks on lines (scripts dropped, entities decoded)
before anything is stored, and ``matcher.chunks.clean_text`` tidies stored text (already
plain) into passages for the model, where only tag remnants and spacing remain to fix.
"""

from __future__ import annotations

import re
from typing import Any

_SPACE = re.compile(r"\s+")


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


def show_value(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it (its repr), at most ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "…"
