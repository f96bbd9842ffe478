"""Do the digest's quotes speak of the priority? The quote rules compared on the real corpus.

    .venv/bin/python bench/quote_words.py [--priorities FILE ...] [--db data/bench/digest_change.db]

A match's quote ("Varför: …" in the digest) is a few sentences of the call's passage most like
the target. A priorities file without English keywords shares no word with an English call,
so its quotes used to be chosen blind. For each priorities file (by default the shipped
Linköping file and the two development sets' priorities, read in place through
EUFUNDS_SHARED), every call of the real corpus is scored once, whatever its dates (the
database is kept between runs, as ``bench/digest_change.py`` keeps it: the first run embeds
the corpus), and the matches are built with each quote rule:

- *keywords*: the sentences with the file's keywords first (or the content words of its
  text), from the passage most like the target: the rule before English terms counted;
- *terms*: the English search terms counted too (whole words), from the same passage;
- *terms, N more passages*: where that passage uses none of the target's words, the quote
  comes from the first of the next N passages in likeness that does (shipped:
  :data:`matcher.pipeline.QUOTE_ALTERNATIVES`).

Per rule: how many included pairs (what the digests list) quote a sentence that uses a
keyword or term of the target, and, for the included pairs whose quote differs from the
*keywords* rule, an independent reading of which quote says more of the priority: the
model's likeness of each quote to the target's whole text (the model chose neither quote's
sentences), its mean and how often the new quote is the likelier. Nothing is written but the
database.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np
from digest_change import scored_corpus
from realdata import real_corpus

from app.settings import shared_dir
from db.records import Match
from matcher import explain, pipeline
from matcher.encoders import SentenceTransformerEncoder
from matcher.explain import words_used
from matcher.lexical import derived_keywords
from matcher.pipeline import build_matches
from matcher.scored import Scored
from priorities import Priorities, load_priorities
from priorities.devset import read_devset_priorities

REPO = Path(__file__).resolve().parent.parent
RULES = (
    ("keywords", False, 0),
    ("terms", True, 0),
    *((f"terms, {n} more passage{'s' if n > 1 else ''}", True, n) for n in (1, 2, 4)),
)


def read_priorities(path: Path) -> Priorities:
    """A priorities file of the product, or a development set's priorities JSON."""
    if path.suffix == ".json":
        found = read_devset_priorities(path)
        if found is None:
            sys.exit(f"{path} is not a development set's priorities JSON")
        return found
    return load_priorities(path)


_CALLED = [0]  # quotes made by _keywords_only: none means the matcher quotes another way


def _keywords_only(*args: Any, terms: Any = (), **options: Any) -> str:
    """:func:`matcher.explain.quote_of` without the English terms."""
    _CALLED[0] += 1
    return explain.quote_of(*args, **options)


def quotes(scored: Scored, priorities: Priorities, terms: bool, more: int) -> dict[tuple, Match]:
    """(call, target) -> included match, its quote chosen by one rule."""
    shipped = pipeline.QUOTE_ALTERNATIVES, pipeline.quote_of
    pipeline.QUOTE_ALTERNATIVES = more
    if not terms:
        pipeline.quote_of = _keywords_only
    try:
        built = build_matches(scored, priorities, "bench")
    finally:
        pipeline.QUOTE_ALTERNATIVES, pipeline.quote_of = shipped
    if not terms and built and not _CALLED[0]:
        sys.exit("the matcher no longer quotes through pipeline.quote_of: update this benchmark")
    return {(m.call_id, m.target_id): m for m in built if m.included}


def report(scored: Scored, priorities: Priorities, encoder: SentenceTransformerEncoder) -> None:
    words = {
        t.target_id: (t.keywords or derived_keywords(t.text, place=priorities.municipality), terms)
        for t, terms in zip(scored.targets, scored.terms, strict=True)
    }
    column = {t.target_id: j for j, t in enumerate(scored.targets)}
    vectors = scored.target_vectors
    if vectors is None:
        sys.exit("the scoring state holds no target vectors")
    encoded: dict[str, np.ndarray] = {}

    def likeness(pairs: list[tuple], found: dict[tuple, Match]) -> np.ndarray:
        """The model's likeness of each pair's quote to its target's whole text."""
        texts = [found[pair].passage for pair in pairs]
        new = [t for t in dict.fromkeys(texts) if t not in encoded]
        if new:
            encoded.update(zip(new, encoder.passages(new), strict=True))
        return np.array(
            [encoded[t] @ vectors[column[pair[1]]] for t, pair in zip(texts, pairs, strict=True)]
        )

    print(
        "| rule | included | quote uses a word of the target | changed from *keywords* | "
        "likeness of the quote: keywords → rule | rule likelier |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    first: dict[tuple, Match] = {}
    for name, terms, more in RULES:
        found = quotes(scored, priorities, terms, more)
        first = first or found
        using = sum(1 for (_, t), m in found.items() if words_used(m.passage, *words[t]))
        changed = [p for p in found if p in first and found[p].passage != first[p].passage]
        if changed:
            before, after = likeness(changed, first), likeness(changed, found)
            read = (
                f"{before.mean():.4f} → {after.mean():.4f} | "
                f"{np.mean(after > before):.0%} (less likely {np.mean(after < before):.0%})"
            )
        else:
            read = "– | –"
        print(
            f"| {name} | {len(found)} | {using} ({using / max(len(found), 1):.0%}) | "
            f"{len(changed)} | {read} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--priorities", type=Path, nargs="*", default=None)
    parser.add_argument("--db", type=Path, default=REPO / "data" / "bench" / "digest_change.db")
    options = parser.parse_args()
    real_corpus()  # says what is missing before anything is scored
    files = options.priorities or [
        REPO / "priorities" / "linkoping.yaml",
        shared_dir() / "eval-dev" / "priorities_sodertalje.json",
        shared_dir() / "eval-dev" / "priorities_umea.json",
    ]
    options.db.parent.mkdir(parents=True, exist_ok=True)
    encoder = SentenceTransformerEncoder()
    for path in files:
        priorities = read_priorities(path)
        scored = scored_corpus(options.db, priorities, None)
        print(f"\n{path.name}: {len(scored.calls)} calls, {len(scored.targets)} targets\n")
        report(scored, priorities, encoder)


if __name__ == "__main__":
    main()
