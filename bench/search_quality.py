"""Search quality on the two development sets: a priority's title or text typed as a query.

    .venv/bin/python bench/search_quality.py [--base PATH]

A coordinator searches in Swedish; most calls are in English. Each development set's
priorities (``eval-dev/priorities_*.json``) are typed as queries, their title ("Hållbart
resande och transporter") and their text, and the hits among the set's labelled calls are
judged by the set's grades for that priority, with the metrics of ``eval-dev/README.md``
(nDCG@10 with gain 2^grade − 1, P@5 of grade-2 calls), averaged over the priorities.

The search runs as ``eufunds search`` ranks (``matcher.search.search``, no relevance floor,
limited to the labelled calls) on the corpus database that ``bench/search_speed.py`` builds
(reused at --base; ``eufunds match`` is run again when the database lacks what search reads
of the calls' use). Measured:

- with the glossary's English terms left out of the keyword evidence (a Swedish word is then
  found only where it stands itself), and without what a municipality can use;
- without what a municipality can use (``matcher.search.usable_shift`` at weight 0);
- with bm25 of the query's own words only (the glossary's English terms still count a word
  as found, but bm25 no longer weighs them), what a municipality can use as shipped;
- as shipped, what a municipality can use with the applicability model learned out of fold:
  each call's log-odds from a model trained on the *other* municipality's labels, in folds
  by call (``bench/cross_municipality.py``), the stored research flags as they are; the
  shipped coefficients were fitted on both municipalities' labels and would measure
  in-sample;
- the weights of that part (log-odds × 0–0.5, research loss × 0–3) fitted across
  municipalities: the combination whose neighbourhood (itself and each combination one grid
  step away) has the best mean nDCG@10 + P@5 over one municipality's titles and texts,
  measured on the other's, both ways; and the best neighbourhood on both (docs/cli.md,
  *search*).

And two levers measured and not taken, each on top of the shipped search: the keyword
evidence's weight (``matcher.search.LEXICAL_WEIGHT``, shipped 1.5) at 1.0, 2.0 and 3.0; and
each call's likeness to the query's English terms embedded one by one (the mean of its three
best terms, each term's best passage, standardised as the query's similarity is), added at
0.25, 0.5 and 1.0, the way the matcher's step 4 reads a priority's terms.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from statistics import mean
from typing import Any

import numpy as np
from cross_municipality import logits_out_of_fold
from realdata import real_corpus
from search_speed import TODAY, _run, build_base

import matcher.search as search_module
from app.settings import shared_dir
from db import open_db
from db import search_index as index
from matcher import applicability
from matcher.glossary import english_terms
from priorities.devset import dev_set_files

SETS = ("sodertalje-all", "umea-all")
FIELDS = ("title", "text")
USABLE = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)  # the log-odds' weights tried
RESEARCH = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)  # the research loss's weights tried


def _grades(labels: tuple[Path, ...]) -> dict[str, dict[str, int]]:
    """call id as imported -> priority id -> grade."""
    found: dict[str, dict[str, int]] = {}
    for path in labels:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found["import:" + row["id"]] = row["grades"]
    return found


def ndcg_at_10(ranked: list[str], gains: dict[str, int]) -> float | None:
    """nDCG@10 with gain 2^grade − 1; None when no call has a grade above 0."""
    dcg = sum((2 ** gains.get(c, 0) - 1) / math.log2(i + 2) for i, c in enumerate(ranked[:10]))
    ideal = sorted(gains.values(), reverse=True)[:10]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else None


_QUERY_WORDS: list[str] = []  # the words of the query being measured
_QUERY_TEXT: list[str] = [""]  # the query being measured


def _bm25_of_own_words(shipped: Any) -> Any:
    """``matcher.search.keyword_scores`` over the query's own words alone: bm25 as search
    had it before the glossary's English terms came into it."""

    def own_words(db: Any, terms: list[str]) -> dict[str, float]:
        return shipped(db, [t for t in terms if t in _QUERY_WORDS])

    return own_words


_TERM_VECTORS: dict[str, np.ndarray] = {}


def _term_vectors(terms: list[str]) -> np.ndarray:
    """The e5 query vectors of English terms, each embedded once per run."""
    from matcher.model import load_engine

    missing = [t for t in terms if t not in _TERM_VECTORS]
    if missing:
        found = np.asarray(load_engine(num_threads=2).query(missing), dtype=np.float32)
        _TERM_VECTORS.update(zip(missing, found, strict=True))
    return np.stack([_TERM_VECTORS[t] for t in terms])


def _with_term_likeness(shipped: Any, weight: float) -> Any:
    """``matcher.search._by_meaning`` plus ``weight`` × each call's likeness to the query's
    English terms: per term its best passage, the mean of the call's three best terms,
    standardised per language as the query's own similarity is."""

    def by_meaning(
        db: Any, vectors: Any, query: Any, lexical: Any, allowed: Any, excluded: Any
    ) -> Any:
        scored = shipped(db, vectors, query, lexical, allowed, excluded)
        terms = english_terms(_QUERY_TEXT[0])
        if terms:
            likeness = vectors.matrix @ _term_vectors(terms).T
            per_call = np.maximum.reduceat(likeness, vectors.starts, axis=0)
            best = -np.sort(-per_call, axis=1)[:, : min(3, per_call.shape[1])]
            z, _ = search_module._standardise(db, vectors.call_ids, best.mean(axis=1))
            scored.combined = scored.combined + weight * z[scored.index]
        return scored

    return by_meaning


def measure(db: Any, name: str, field: str) -> dict[str, float]:
    """Mean nDCG@10 and P@5 of one set's priorities typed as queries (``field``)."""
    priorities_path, _, labels, missing = dev_set_files(shared_dir(), name)
    if missing:
        raise SystemExit(f"benchmark needs the development sets: {', '.join(missing)} not found")
    grades = _grades(labels)
    priorities = json.loads(priorities_path.read_text(encoding="utf-8"))["priorities"]
    ndcgs, p5s = [], []
    for priority in priorities:
        _QUERY_WORDS[:] = search_module.query_terms(priority[field])
        _QUERY_TEXT[:] = [priority[field]]
        hits, _ = search_module.search(db, priority[field], allowed=set(grades), limit=10)
        ranked = [h.call_id for h in hits]
        gains = {c: g.get(priority["id"], 0) for c, g in grades.items()}
        value = ndcg_at_10(ranked, gains)
        if value is not None:
            ndcgs.append(value)
            p5s.append(sum(gains.get(c, 0) == 2 for c in ranked[:5]) / 5)
    return {"ndcg10": round(mean(ndcgs), 3), "p5": round(mean(p5s), 3), "queries": len(ndcgs)}


def use_out_of_fold(db: Any) -> dict[str, dict[str, tuple[float, float, float]]]:
    """Set -> call key -> what search reads of the call's use (``matcher.search.call_use``),
    with the applicability log-odds learned out of fold from the other municipality's labels
    (the research flags as the matcher stored them)."""
    stored = search_module.call_use(db)
    grades = {name: _grades(dev_set_files(shared_dir(), name)[2]) for name in SETS}
    keys = sorted(set.intersection(*(set(g) for g in grades.values())) & set(stored))
    vectors = index.passage_vectors(db, search_module.MODEL_KEY)
    if vectors is None:
        raise SystemExit("benchmark needs the passage vectors: run eufunds match on --base")
    means = applicability.call_vectors(vectors.matrix, vectors.starts)
    row = {key: i for i, key in enumerate(vectors.call_ids)}
    texts = index.call_texts(db, keys)
    x = applicability.features(
        means[[row[k] for k in keys]], [texts[k][1] if k in texts else None for k in keys]
    )
    usable = {
        name: {k: int(max(g[k].values(), default=0) >= 1) for k in keys}
        for name, g in grades.items()
    }
    oof = logits_out_of_fold(x, keys, usable)
    return {name: {k: (oof[name][k], stored[k][1], stored[k][2]) for k in keys} for name in SETS}


def measure_all(db: Any, use: dict[str, dict[str, tuple[float, float, float]]]) -> dict:
    """(set, field) -> metrics, with each set's calls' use as ``use`` gives it."""
    out = {}
    shipped = search_module.call_use
    try:
        for name in SETS:

            def stored(_db: Any, name: str = name) -> dict[str, tuple[float, float, float]]:
                return use[name]

            search_module.call_use = stored  # type: ignore[assignment]
            for field in FIELDS:
                out[(name, field)] = measure(db, name, field)
    finally:
        search_module.call_use = shipped
    return out


def _objective(results: dict, name: str) -> float:
    return mean(results[(name, f)]["ndcg10"] + results[(name, f)]["p5"] for f in FIELDS)


def _neighbours(point: tuple[float, float]) -> list[tuple[float, float]]:
    """The point and every grid point one step away in one weight."""
    u, r = USABLE.index(point[0]), RESEARCH.index(point[1])
    out = [point]
    for du, dr in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        if 0 <= u + du < len(USABLE) and 0 <= r + dr < len(RESEARCH):
            out.append((USABLE[u + du], RESEARCH[r + dr]))
    return out


def _line(results: dict, name: str) -> str:
    return ", ".join(
        f"{f} {results[(name, f)]['ndcg10']:.3f} / {results[(name, f)]['p5']:.2f}" for f in FIELDS
    )


def weights_across(db: Any, use: dict[str, dict[str, tuple[float, float, float]]]) -> None:
    """Fit the use part's two weights on one municipality's queries, measure on the other's."""
    shipped = (search_module.USABLE_WEIGHT, search_module.RESEARCH_WEIGHT)
    grid: dict[tuple[float, float], dict] = {}
    for point in [(u, r) for u in USABLE for r in RESEARCH]:
        search_module.USABLE_WEIGHT, search_module.RESEARCH_WEIGHT = point
        grid[point] = measure_all(db, use)
    search_module.USABLE_WEIGHT, search_module.RESEARCH_WEIGHT = shipped

    def hood(point: tuple[float, float], names: tuple[str, ...]) -> float:
        near = _neighbours(point)
        return mean(_objective(grid[p], n) for p in near for n in names)

    print("\n| fitted on → measured on | log-odds, research | title nDCG@10 / P@5, text |")
    print("| --- | --- | --- |")
    for source, target in ((SETS[0], SETS[1]), (SETS[1], SETS[0])):
        best = max(grid, key=lambda p: hood(p, (source,)))
        print(f"| {source} → {target} | {best[0]}, {best[1]} | {_line(grid[best], target)} |")
    best = max(grid, key=lambda p: hood(p, SETS))
    for name in SETS:
        print(f"| both → {name} | {best[0]}, {best[1]} | {_line(grid[best], name)} |")
    for name in SETS:
        print(f"| without → {name} | 0.0, 0.0 | {_line(grid[(0.0, 0.0)], name)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path.home() / ".cache" / "eufunds" / "bench" / "search-base.db"
    parser.add_argument("--base", type=Path, default=default)
    args = parser.parse_args()
    real_corpus()
    env = dict(os.environ)
    build_base(args.base, env)
    db = open_db(args.base)
    if not search_module.call_use(db):  # a base matched before search read the calls' use
        eufunds = str(Path(sys.executable).parent / "eufunds")
        _run([eufunds, "match", "--today", TODAY], dict(env, EUFUNDS_DB=str(args.base)))
    use = use_out_of_fold(db)
    shipped_words = search_module.word_translations
    shipped_weights = (search_module.USABLE_WEIGHT, search_module.RESEARCH_WEIGHT)
    rows: dict[str, dict] = {}
    search_module.word_translations = lambda query: {}
    search_module.USABLE_WEIGHT, search_module.RESEARCH_WEIGHT = 0.0, 0.0
    rows["words_alone"] = measure_all(db, use)
    search_module.word_translations = shipped_words
    rows["without_use"] = measure_all(db, use)
    search_module.USABLE_WEIGHT, search_module.RESEARCH_WEIGHT = shipped_weights
    shipped_scores = search_module.keyword_scores
    search_module.keyword_scores = _bm25_of_own_words(shipped_scores)
    rows["bm25_own_words"] = measure_all(db, use)
    search_module.keyword_scores = shipped_scores
    rows["shipped"] = measure_all(db, use)
    shipped_lexical = search_module.LEXICAL_WEIGHT
    for weight in (1.0, 2.0, 3.0):
        search_module.LEXICAL_WEIGHT = weight
        rows[f"keyword_weight_{weight:g}"] = measure_all(db, use)
    search_module.LEXICAL_WEIGHT = shipped_lexical
    shipped_meaning = search_module._by_meaning
    for weight in (0.25, 0.5, 1.0):
        search_module._by_meaning = _with_term_likeness(shipped_meaning, weight)
        rows[f"term_likeness_{weight:g}"] = measure_all(db, use)
    search_module._by_meaning = shipped_meaning
    for name in SETS:
        for field in FIELDS:
            row: dict[str, Any] = {"set": name, "query": field}
            row.update({k: v[(name, field)] for k, v in rows.items()})
            print(json.dumps(row, ensure_ascii=False))
    weights_across(db, use)


if __name__ == "__main__":
    main()
