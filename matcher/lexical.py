"""Keyword evidence: which of a target's words a call uses.

Matching is on word starts, so that the Swedish compound "klimatanpassningsåtgärder" counts
for the keyword "klimatanpassning", and "energi" for "energieffektivisering".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# Words too general to be one of a priority's keywords: function words and the words every
# municipal text uses. Not db.language.FUNCTION_WORDS (what search leaves out of a query):
# keywords are words of five letters or more (derived_keywords), so what counts here is the
# longer function words ("eller", "genom", "detta", "which") and the municipal words; the
# shorter ones never get that far. term_relevance's English stop words are scikit-learn's,
# for the English text of the calls.
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


def target_terms(text: str, keywords: list[str]) -> list[str]:
    """The search terms of a target: its own keywords, then the glossary's English terms for
    its Swedish text (:mod:`matcher.glossary`)."""
    from matcher.glossary import english_terms

    return list(dict.fromkeys([*keywords, *english_terms(text)]))


MAX_DOCUMENT = 20_000  # characters of a call read for terms; the rest is mostly conditions


def term_relevance(documents: list[str], queries: list[list[str]]) -> Any:
    """TF-IDF cosine (calls × targets) between call texts and each target's search terms.

    Word 1–2-grams with English stop words and sublinear term frequency, fitted on the calls
    being scored, so that a term common to all of them weighs little. A target without terms
    gets zeros.
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not documents or not queries:
        return np.zeros((len(documents), len(queries)))
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), stop_words="english", sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([d[:MAX_DOCUMENT] for d in documents])
    except ValueError:  # nothing but stop words
        return np.zeros((len(documents), len(queries)))
    asked = vectorizer.transform([" ".join(terms) for terms in queries])
    return np.asarray((matrix @ asked.T).todense(), dtype=np.float64)
