"""What is embedded for a priority or board goal: the whole text and its facets.

A priority such as "Sociala innovationer och arbete för alla: minska socialt utanförskap och
arbetslöshet, integration, hög sysselsättning …" lists several subjects; a call about one of
them is relevant even though it ignores the rest. The whole text alone rewards calls that
touch everything a little, so each phrase of the description is also embedded as a facet,
with the title as context (a bare "integration" would match half of Europe's calls).
"""

from __future__ import annotations

import re

from priorities import Target

_SPLIT = re.compile(r"[,;:.\n]|\s+samt\s+|\s+and\s+")
MAX_FACETS = 8


def target_facets(target: Target) -> list[str]:
    """The facet texts of a target (empty when its text is a single phrase)."""
    text = target.text
    head, _, body = text.partition(". ") if target.kind == "priority" else ("", "", text)
    if target.kind == "priority" and not body:
        body = text
    phrases = [p.strip(" -–") for p in _SPLIT.split(body)]
    phrases = [p for p in phrases if p and p.lower() != head.lower()]
    if len(phrases) < 2:
        return []
    context = head or ""
    facets = [f"{context}: {p}" if context else p for p in phrases]
    return list(dict.fromkeys(facets))[:MAX_FACETS]
