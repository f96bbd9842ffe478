"""The sentence a check quotes: the one of a call's text that holds the words the check found,
cut around them when long, so that a reader sees what the check read.
"""

from __future__ import annotations

import re

from matcher.explain import LIST_MARK, without_footnote_numbers

# Words that make a sentence a rule ("Projects must involve …", "… is expected to be …").
RULE = re.compile(r"\b(must|shall|should|required|expected|invites?)\b", re.IGNORECASE)

QUOTE_LENGTH = 240  # characters of a quoted sentence


def sentence_of(text: str, match: re.Match[str]) -> str:
    """The sentence of ``text`` that holds ``match``, cut around it when long, without the
    footnote numbers inside it."""
    return without_footnote_numbers(_cut_sentence(text, match))


def _cut_sentence(text: str, match: re.Match[str]) -> str:
    start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    end_candidates = [
        i for i in (text.find(".", match.end()), text.find("\n", match.end())) if i != -1
    ]
    end = min(end_candidates) + 1 if end_candidates else len(text)
    sentence = " ".join(text[start:end].split())
    before = len(" ".join(text[start : match.start()].split()))  # where the words found begin
    bullet = LIST_MARK.match(sentence)  # a list item's mark ("- public authorities …")
    lead = bullet.end() if bullet and bullet.end() <= before + 1 else 0
    sentence = sentence[lead:]
    if len(sentence) <= QUOTE_LENGTH:
        return sentence
    # A long sentence is cut around the words the check found, so that the quote shows them:
    # a third of the room before them (more near the end), starting at a word.
    at = max(before - lead, 0)
    found = len(" ".join(match.group(0).split()))
    first = max(min(at - max(QUOTE_LENGTH - found, 0) // 3, len(sentence) - QUOTE_LENGTH), 0)
    if first:
        first = sentence.find(" ", first) + 1 or first
    last = min(first + QUOTE_LENGTH, len(sentence))
    if last < len(sentence) and (space := sentence.rfind(" ", at + found, last)) > 0:
        last = space
    head, tail = ("…" if first else ""), ("…" if last < len(sentence) else "")
    return head + sentence[first:last].rstrip() + tail
