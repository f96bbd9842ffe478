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


# What describes: a sentence (six words or more, ended by a full stop, "!" or "?"), or a line
# of seven words or more that is not a page's field ("Themes: Greener Europe, Smarter Europe",
# a label of at most four words, a colon and a value that ends no sentence): a list item.
_SENTENCE = re.compile(r"(?:\w+\W+){5,}?\w+[.!?](?:\s|$)")
_FIELD = re.compile(r"^[^\W\d_][\w/-]*(?: [\w/-]+){0,3}:\s+[^.!?]*$")
DESCRIBING_LINE_WORDS = 7


def holds_sentence(text: str | None) -> bool:
    """True when ``text`` describes something: a sentence, or a line of a list. interreg.eu's
    hits give no description, and the fields the crawler writes for them, one per line, hold
    neither."""
    if _SENTENCE.search(text or ""):
        return True
    lines = (line.strip(" -–•*\t") for line in (text or "").split("\n"))
    return any(
        len(line.split()) >= DESCRIBING_LINE_WORDS and not _FIELD.match(line) for line in lines
    )


def show_value(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it (its repr), at most ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "…"


def topic_title(title: str, call_title: str) -> str:
    """A topic's title as a reader can use it (the Funding & Tenders spider and the import
    of a corpus file with ``call_title`` both give their titles this way).

    Some topics are titled by their code or in capitals alone ("AGRIP-MULTI-2026-IM",
    "CEEP", "ERC PROOF OF CONCEPT GRANTS"); their call's title says what they are for. A
    code stays after it, so that the topics of one call keep apart ("Call for proposals for
    Multi programmes 2026 – Promotion of agricultural products – AGRIP-MULTI-2026-IM").
    """
    if not title or not call_title or _has_lower(title) or not _has_lower(call_title):
        return title or call_title
    if " " in title or title.casefold() in call_title.casefold():
        return call_title
    return f"{call_title} – {title}"


def _has_lower(text: str) -> bool:
    return any(ch.islower() for ch in text)


# An empty field that a file's producer wrote into the text as the word "null", between a
# sentence's end and the next sentence ("… assessment. null Activities are expected …"): not
# a word of the call. A "null" inside a sentence ("the null hypothesis") stays.
_NULL_FIELD = re.compile(r"(?<=[.!?\]])[ \t]+null(?=[ \t]+[A-ZÅÄÖ])")


def without_null_fields(text: str) -> str:
    """``text`` without the empty fields written into it as "null" (:data:`_NULL_FIELD`)."""
    return _NULL_FIELD.sub("", text) if "null" in text else text
