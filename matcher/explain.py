"""Why a call matched: the passage to quote, the keywords it shares with the target, and the
facts (a check, its result, a Swedish reason) that ``eufunds show`` lists."""

from __future__ import annotations

import re

from matcher.lexical import keyword_hits

Fact = dict[str, str]


def fact(check: str, result: str, reason: str) -> Fact:
    """A check's outcome (pass, fail, unknown or info) and its Swedish reason."""
    return {"check": check, "result": result, "reason": reason}


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")
MAX_PASSAGE = 320


def quote(passage: str, title: str, keywords: list[str]) -> str:
    """The most telling sentences of the best passage, at most ~320 characters.

    The passage starts with the call's title (added for the model); the quote leaves it out
    and prefers the sentences that use the target's keywords.
    """
    body = passage
    head = title.strip()
    if head and body.startswith(head):
        body = body[len(head) :].lstrip(" .")
        if body.startswith("("):
            body = body[body.find(")") + 1 :].lstrip(" .")
    sentences = [s.strip() for s in _SENTENCE.split(body) if len(s.strip()) > 20]
    if not sentences:
        return _shorten(body or head)
    scored = sorted(
        range(len(sentences)),
        key=lambda i: (-len(keyword_hits(keywords, sentences[i])), i),
    )
    chosen: list[int] = []
    length = 0
    for i in scored:
        if length + len(sentences[i]) > MAX_PASSAGE and chosen:
            break
        chosen.append(i)
        length += len(sentences[i]) + 1
    return _shorten(" ".join(sentences[i] for i in sorted(chosen)))


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_PASSAGE:
        return text
    cut = text.rfind(" ", 0, MAX_PASSAGE - 1)
    return text[: cut if cut > 0 else MAX_PASSAGE - 1] + "…"
