"""Keyword evidence: which of a target's words a call uses.

Matching is on word starts, so that the Swedish compound "klimatanpassningsåtgärder" counts
for the keyword "klimatanpassning", and "energi" for "energieffektivisering".
"""

from __future__ import annotations

import re
from functools import lru_cache

_STOP = frozenset(
    (
        "och",
        "att",
        "det",
        "som",
        "för",
        "med",
        "till",
        "på",
        "är",
        "av",
        "kan",
        "inom",
        "den",
        "de",
        "ett",
        "en",
        "eller",
        "samt",
        "från",
        "vid",
        "mot",
        "genom",
        "under",
        "över",
        "alla",
        "ska",
        "skall",
        "har",
        "vara",
        "där",
        "detta",
        "dessa",
        "deras",
        "sina",
        "sitt",
        "kommunens",
        "kommunen",
        "kommun",
        "verksamhet",
        "arbete",
        "arbeta",
        "arbetet",
        "öka",
        "ökad",
        "ökade",
        "minska",
        "minskade",
        "bättre",
        "större",
        "stärka",
        "stärkt",
        "utveckla",
        "utveckling",
        "utvecklingen",
        "främja",
        "god",
        "goda",
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "into",
        "their",
        "them",
        "which",
        "have",
        "will",
        "also",
        "more",
        "such",
    )
)
_WORD = re.compile(r"[a-zåäöéü][a-zåäöéü-]{3,}", re.IGNORECASE)


def derived_keywords(text: str, limit: int = 12) -> list[str]:
    """Content words of a priority or goal text, for files that list no nyckelord."""
    words = [w.lower().strip("-") for w in _WORD.findall(text)]
    keep = [w for w in words if len(w) >= 5 and w not in _STOP]
    return list(dict.fromkeys(keep))[:limit]


@lru_cache(maxsize=4096)
def _pattern(keyword: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\wåäö])" + re.escape(keyword.lower()), re.IGNORECASE)


def keyword_hits(keywords: list[str], text: str) -> list[str]:
    """The keywords that start a word in ``text`` (case-insensitive), in keyword order."""
    return [k for k in keywords if _pattern(k).search(text)]
