"""How much of the English terms' gain a municipality keeps when the glossary does not know
its words.

    .venv/bin/python bench/glossary_leaveout.py

The glossary (:mod:`matcher.glossary`) was written as domain knowledge, but with the
development municipalities' priorities in view, so its keys cover their wording well. A
municipality it was not written for uses other words. This benchmark scores each development
set once (read in place in the shared real data) and recomputes only the English terms'
parts (their words, and their likeness to the stored passages: only the terms are embedded),
three ways:

- **full**: the glossary as shipped (the figures of ``eufunds eval --dev-set``);
- **own words left out**: without the keys that only this municipality's priorities use
  (not the other development municipality's, nor a shipped priorities file of another
  municipality): a stand-in for a municipality whose words the glossary lacks;
- **no glossary**: e5 and the rest of the recipe alone.

It also prints, per priority, how many English terms the glossary gives with its own words
left out: the priorities that ``eufunds priorities check`` then warns about (fewer than
:data:`matcher.lexical.MIN_TERMS`). Applicability is the shipped model (in-sample).
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.settings import shared_dir
from bench.devset_scoring import scored_dev_set
from db import open_db
from matcher import glossary
from matcher.embed import embed_terms
from matcher.encoders import Encoder, SentenceTransformerEncoder
from matcher.evaluate import metrics
from matcher.lexical import MIN_TERMS, search_terms, term_relevance, term_shares
from matcher.pipeline import term_document
from matcher.rank import rows_of
from matcher.scoring import SHIPPED as SHIPPED_WEIGHTS
from matcher.scoring import term_likeness
from priorities import SHIPPED, Priorities, load_priorities
from priorities.devset import read_devset_priorities

SETS = {
    "sodertalje": "sodertalje",
    "sodertalje-all": "sodertalje",
    "umea": "umea",
    "umea-all": "umea",
}
SHIPPED_FILES = {"linkoping": "linkoping", "sodertalje": "sodertalje", "exempel": "linkoping"}


def keys_used(priorities: Priorities) -> set[str]:
    """The glossary keys any of the priorities' texts or their departments' names uses."""
    found: set[str] = set()
    for target in priorities.targets():
        for text in [target.text, *target.department_names]:
            for start, end, _ in glossary.glossary_matches(text):
                found.add(text[start:end].lower())
    return {k for k in glossary.GLOSSARY if k.lower() in found}


def own_keys(municipality: str) -> set[str]:
    """Keys that only this municipality's priorities use."""
    others: set[str] = set()
    for other in SETS.values():
        if other != municipality:
            path = shared_dir() / "eval-dev" / f"priorities_{other}.json"
            devset = read_devset_priorities(path)
            if devset is not None:
                others |= keys_used(devset)
    for name, owner in SHIPPED_FILES.items():
        if owner != municipality:
            others |= keys_used(load_priorities(SHIPPED / f"{name}.yaml"))
    path = shared_dir() / "eval-dev" / f"priorities_{municipality}.json"
    own = read_devset_priorities(path)
    assert own is not None
    return keys_used(own) - others


def measure(
    scored: Any, priorities: Priorities, labels: dict, keys: dict, encoder: Encoder
) -> tuple[dict, list]:
    """Metrics with the English terms recomputed from the glossary ``keys``."""
    patterns = glossary.compile_patterns(keys)
    queries = search_terms(scored.targets, patterns)
    terms = term_relevance([term_document(c) for c in scored.calls], queries)
    with tempfile.TemporaryDirectory(prefix="eufunds-leaveout-") as folder:
        db = open_db(Path(folder) / "terms.db")
        vocabulary, members = embed_terms(db, encoder, queries)
        db.close()
    likeness = term_likeness(scored.passages, scored.passage_starts, vocabulary, members)
    shares = np.array(term_shares(scored.targets, queries))
    parts = dataclasses.replace(
        scored.parts, terms=terms, term_likeness=likeness, term_shares=shares
    )
    state = scored.recombined(SHIPPED_WEIGHTS, parts)
    return metrics(rows_of(state, priorities), labels), queries


def _line(m: dict[str, Any]) -> str:
    return (
        f"{m['ndcg@10']:.3f} / {m['p@5']:.2f} / {m['r@10']:.2f} / "
        f"{m['digest_precision']:.2f} @ {m['digest_recall']:.2f}"
    )


def main() -> None:
    print("nDCG@10 / P@5 / R@10 / digest precision @ grade-2 recall")
    print("| set | full glossary | own words left out | no glossary |")
    print("| --- | --- | --- | --- |")
    thin: dict[str, list[str]] = {}
    encoder = SentenceTransformerEncoder()
    for name, municipality in SETS.items():
        scored, priorities, labels = scored_dev_set(name)
        full = dict(glossary.GLOSSARY)
        dropped = own_keys(municipality)
        reduced = {k: v for k, v in full.items() if k not in dropped}
        a, _ = measure(scored, priorities, labels, full, encoder)
        b, queries = measure(scored, priorities, labels, reduced, encoder)
        c, _ = measure(scored, priorities, labels, {}, encoder)
        print(f"| {name} ({len(dropped)} keys own) | {_line(a)} | {_line(b)} | {_line(c)} |")
        thin[municipality] = [
            f"{t.priority_id} {len(q)}"
            for t, q in zip(scored.targets, queries, strict=True)
            if t.kind == "priority" and len(q) < MIN_TERMS
        ]
    for municipality, names in thin.items():
        print(
            f"{municipality}: with its own words left out, fewer than {MIN_TERMS} terms: "
            f"{', '.join(names) or 'none'}"
        )


if __name__ == "__main__":
    main()
