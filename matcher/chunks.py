"""Cleaning call texts and cutting them into passages the model can read whole.

e5 reads at most 512 tokens; a Funding & Tenders topic is often longer. Each passage carries
the call's title so that a passage about "the pilot sites" still knows what it is about.
"""

from __future__ import annotations

import html
import re

WORDS_PER_CHUNK = 180  # ~300 XLM-R tokens with the title; well under 512
MAX_CHUNKS = 8  # the first pages carry the substance; the tail is mostly conditions

_TAG = re.compile(r"<[^>]{0,500}>")
_SPACE = re.compile(r"[ \t\u00a0]+")
_BLANKS = re.compile(r"\n\s*\n+")


def clean_text(text: str | None) -> str:
    """Plain text: HTML remnants and entities removed, whitespace tidied."""
    if not text:
        return ""
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _SPACE.sub(" ", text)
    text = _BLANKS.sub("\n", text)
    return text.strip()


def call_passages(
    title: str, programme: str | None, description: str | None, *, lines: bool = False
) -> list[str]:
    """The passages of one call: title (and programme) first, then the description in chunks.

    The model reads each passage's words joined by spaces. With ``lines`` the same passages
    keep the description's line breaks, which mark where a heading or a field ("Region:
    Övre Norrland") ends: what the quote of a match needs (``matcher.explain.quote``).
    """
    title = clean_text(title)
    head = f"{title} ({clean_text(programme)})" if programme else title
    words = [
        ("\n" if lines and k == 0 and n else " ", word)
        for n, line in enumerate(clean_text(description).split("\n"))
        for k, word in enumerate(line.split())
    ]
    if not words:
        return [head]
    passages: list[str] = []
    for start in range(0, len(words), WORDS_PER_CHUNK):
        if len(passages) == MAX_CHUNKS:
            break
        chunk = words[start : start + WORDS_PER_CHUNK]
        if passages and len(chunk) < 25:
            # A short tail adds noise rather than meaning; fold it into the previous passage.
            passages[-1] += "".join(gap + word for gap, word in chunk)
            continue
        passages.append(f"{head}. {chunk[0][1]}" + "".join(gap + word for gap, word in chunk[1:]))
    return passages
