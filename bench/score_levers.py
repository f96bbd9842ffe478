"""Levers on the score that were measured and not taken, measured again on demand.

    .venv/bin/python bench/score_levers.py

Scores the four development sets once (read in place in the shared real data, as
``bench/cross_municipality.py`` does, applicability out of fold) and recombines their stored
parts eighteen ways, each against the shipped recipe (docs/matching.md, *Why (measured)*):

- **spread**: each target's scores divided by a blend of its own spread and the spread common
  to all targets of the language (the share of its own, lambda, 1 as shipped); with the
  shipped weights, then fitted with the weights' grid on one municipality and measured on the
  other, lambda chosen with them and held at 0.5 (the best point of the grid), and held at
  1, 0.5 and 0 with the best neighbourhood, as ``bench/cross_municipality.py`` fits;
- **short calls**: the relevance parts of a call with fewer than n words scaled by
  (words / n)^a;
- **own sentences**: the English terms' TF-IDF over each call's text without the sentences
  three or more differently titled calls of the corpus share
  (:func:`matcher.explain.shared_sentences`);
- **learned**: two logistic regressions over each pair's parts (grade >= 1 and grade 2),
  fitted on one municipality's 320 calls, ranking the other's by P(>= 1) + 2 P(2);
- **neighbours** (pseudo-relevance feedback): each target moved toward the k calls that score
  best for it, the way a search engine widens a query with its first hits: the likeness of a
  call's best passage to the mean vector of those k calls, times beta, added to the
  relevance of step 1 before the centring; with the shipped weights, fitted with the
  weights' grid on one municipality, and fitted after them (the weights of the fit without
  it held);
- **research support**: the research penalty also for the Swedish Energy Agency's
  "Forskningsstöd" (a research role in the applicability model already);
- **call gist**: step 1's best passage mixed with the call's first passage or with the mean
  over its passages;
- **background**: subjects EU calls are often about (:data:`BACKGROUND`) as rivals of the
  priorities: a call whose best subject (e5 alone, centred and standardised with the
  priorities) is one of them loses ``loss`` for every priority;
- **term words**: the single words of a several-word English term ("people" of "young
  people") at a share of the term's weight (0.5, 0.25) in the TF-IDF query, against the same
  query built at full weight; per combination of the weights' grid how many lift or lower
  each set's nDCG@10, and the mean change;
- **city awards**: the shipped rule that a call a programme's rules open to municipalities
  alone (:func:`matcher.programme_rules.for_municipalities_alone`: the European Capital of
  Innovation, a Horizon Europe prize to cities) is no research programme's call, against
  every research programme's call counted as research; both fitted across municipalities,
  and per combination of the grid whether it lifts, keeps or lowers each set's nDCG@10 and P@5;
- **research abroad**: the shipped rule that a research programme's call whose work is done
  outside the EU (:func:`matcher.prior.done_abroad`) loses the whole research penalty and a
  failed check's weight, against the penalty by the applicability model alone (as before
  both), the whole research penalty alone (as before the failed check's weight), and the
  whole research penalty for every call done there (not taken); with the shipped weights
  and fitted both ways, and per combination of the weights' grid how many lift or lower
  each set's nDCG@10 and P@5 against the first two;
- **neighbour countries**: the shipped rule that a research topic whose title names a country
  of the EU's neighbourhood (:data:`matcher.prior.NEIGHBOUR_COUNTRIES`: soil health in
  Ukraine) is done abroad, against the places of :func:`matcher.prior.done_abroad` alone;
  fitted both ways, and per combination of the grid whether it lifts, keeps or lowers;
- **digest gates**: the digests' gate for a research programme's call a municipality can
  unlikely use (shipped: probability under 0.5) at other limits, for every call, and for
  the calls of each other programme role.
- **failed check**: a failed eligibility check's weight (shipped 4.0) at 6, 8 and 20 (the
  last below every eligible pair);
- **gated prior**: the municipal-role prior counted for a pair only as far as the pair has
  subject evidence (steps 2–4): a logistic gate centred at 0, 1 or 2, or linear to the full
  prior at 1, 2 or 4; a negative prior always counts whole;
- **digest thresholds**: the default "möjlig" threshold (shipped 2.5) at 1.5 and 2.0, and
  "stark" (shipped 4.0) at 3.5; and a floor under the digests: a pair is included only if
  the call's relevance to the priority before any standardising (step 1) reaches 0.80–0.83;
- **at sea**: a call whose work is at sea (25 or 15 words of the sea per thousand, the
  sea-basin programmes' names left out) loses 1–4 for a target whose English terms do not
  name the sea.
- **actors**: the applicability model also reads how often a call's title and text name
  local or regional authorities, public authorities, municipalities, local governments,
  cities or kommuner (log(1 + count), one more feature), out of fold as shipped: the AUC on
  each municipality's labels (all calls, research calls), how many research calls name them
  and are usable, and the ranking with the shipped weights and with the weights' grid fitted
  on one municipality, measured on the other.

Prints nDCG@10 / P@5 / R@10 / digest precision @ grade-2 recall per set.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import itertools
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.settings import shared_dir
from bench.cross_municipality import (
    GRID,
    MUNICIPALITIES,
    DevSet,
    _line,
    _objective,
    fit,
    logits_out_of_fold,
    out_of_fold,
)
from matcher import applicability, prior, scoring
from matcher.evaluate import metrics
from matcher.explain import sentence_key, sentences_of, shared_sentences
from matcher.lexical import MAX_DOCUMENT, term_relevance
from matcher.pipeline import research_call, term_document
from matcher.prior import research_programme
from matcher.rank import rows_of
from matcher.scoring import SHIPPED, ScoreParts, Weights

NAMES = [f"{m}{suffix}" for m in MUNICIPALITIES for suffix in ("", "-all")]
# The Swedish Energy Agency's research support: a research role in the applicability model
# (matcher.applicability.ROLES), not among the programmes the research penalty names.
_SUPPORT = re.compile(r"forskningsstöd", re.IGNORECASE)


@contextlib.contextmanager
def _patched(name: str, value: Any, module: Any = scoring) -> Iterator[None]:
    """A module (the scoring module unless told) with one of its names replaced for the
    duration."""
    kept = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, kept)


def _rows(
    s: DevSet, logit: np.ndarray, weights: Weights, parts: ScoreParts | None = None
) -> list[dict[str, Any]]:
    """The rank rows of a development set scored from its stored parts with these weights."""
    base = dataclasses.replace(parts or s.scored.parts, applicability=logit)
    # the digests' gate reads the applicability too
    return list(rows_of(s.scored.recombined(weights, base), s.priorities))


def _measure(
    s: DevSet, logit: np.ndarray, weights: Weights, parts: ScoreParts | None = None
) -> dict[str, Any]:
    return metrics(_rows(s, logit, weights, parts), s.labels)


def _row(label: str, results: dict[str, dict[str, Any]]) -> None:
    print(f"| {label} | " + " | ".join(_line(results[n]) for n in NAMES) + " |")


def spread(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    print("\n## One spread for all targets (lambda = the share of a target's own spread)\n")
    print("| lambda, shipped weights | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    keys = list(GRID)
    results: dict[tuple[float, Weights], dict[str, dict[str, Any]]] = {}
    for share in (1.0, 0.75, 0.5, 0.25, 0.0):
        for values in itertools.product(*GRID.values()):
            given = dict(zip(keys, values, strict=True), own_spread=share)
            weights = dataclasses.replace(SHIPPED, **given)
            results[(share, weights)] = {
                n: _measure(s, logits[n], weights) for n, s in sets.items()
            }
        _row(str(share), results[(share, dataclasses.replace(SHIPPED, own_spread=share))])
    print("\n| fitted on → measured on | lambda | weights | result 120 | result 320 |")
    print("| --- | --- | --- | --- | --- |")
    for held in (None, 0.5):
        for source in MUNICIPALITIES:
            target = next(m for m in MUNICIPALITIES if m != source)
            own = (source, f"{source}-all")
            chosen = [k for k in results if held is None or k[0] == held]
            best = max(chosen, key=lambda k: _objective([results[k][n] for n in own]))
            described = ", ".join(f"{k} {getattr(best[1], k)}" for k in keys)
            fitted = "fitted" if held is None else "held"
            print(
                f"| {source} → {target} | {best[0]} ({fitted}) | {described} | "
                f"{_line(results[best][target])} | {_line(results[best][f'{target}-all'])} |"
            )
    print(
        "\n| lambda (held) | fitted on → measured on, as the shipped fits | weights | 120 | 320 |"
    )
    print("| --- | --- | --- | --- | --- |")
    for share in (1.0, 0.5, 0.0):  # the best neighbourhood, as bench/cross_municipality.py
        at_share = {w: r for (lam, w), r in results.items() if lam == share}
        for source in MUNICIPALITIES:
            target = next(m for m in MUNICIPALITIES if m != source)
            neighbourhood = fit(at_share, (source, f"{source}-all"))
            described = ", ".join(f"{k} {getattr(neighbourhood, k)}" for k in keys)
            found = at_share[neighbourhood]
            print(
                f"| {share} | {source} → {target} | {described} | "
                f"{_line(found[target])} | {_line(found[f'{target}-all'])} |"
            )
        both = fit(at_share, tuple(NAMES))
        print(
            f"| {share} | both → each | "
            + ", ".join(f"{k} {getattr(both, k)}" for k in keys)
            + " | "
            + ", ".join(_line(at_share[both][n]) for n in NAMES[::2])
            + " | "
            + ", ".join(_line(at_share[both][n]) for n in NAMES[1::2])
            + " |"
        )
    _paired_spread(results)


def _paired(
    before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]], names: tuple[str, ...]
) -> str:
    """Per priority with a relevant call (on the sets ``names``), after minus before: the mean
    change of nDCG@10 with a bootstrap 95 % interval over the priorities, how many rose and
    fell, and the same counts for P@5."""
    ndcg, p5 = [], []
    for name in names:
        was, now = before[name]["priorities"], after[name]["priorities"]
        for priority in was:
            ndcg.append(now[priority]["ndcg@10"] - was[priority]["ndcg@10"])
            p5.append(now[priority]["p@5"] - was[priority]["p@5"])
    d, q = np.array(ndcg), np.array(p5)
    means = np.random.default_rng(0).choice(d, (5000, len(d))).mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return (
        f"{len(d)} | {d.mean():+.3f} [{low:+.3f}, {high:+.3f}] | "
        f"{(d > 1e-9).sum()} / {(d < -1e-9).sum()} | {q.mean():+.3f}, "
        f"{(q > 1e-9).sum()} / {(q < -1e-9).sum()} |"
    )


def _paired_spread(results: dict[tuple[float, Weights], dict[str, dict[str, Any]]]) -> None:
    """λ = 0 against λ = 1, each with its own fit, per priority: how sure the change is."""
    print(
        "\n| λ 1 → 0, each fitted | priorities | nDCG@10 change [95 %] | rose / fell | "
        "P@5 change, rose / fell |"
    )
    print("| --- | --- | --- | --- | --- |")
    at = {share: {w: r for (lam, w), r in results.items() if lam == share} for share in (1.0, 0.0)}
    for source in MUNICIPALITIES:
        target = next(m for m in MUNICIPALITIES if m != source)
        own, measured = (source, f"{source}-all"), (target, f"{target}-all")
        before = at[1.0][fit(at[1.0], own)]
        after = at[0.0][fit(at[0.0], own)]
        print(f"| {source} → {target} | " + _paired(before, after, measured))
    before = at[1.0][fit(at[1.0], tuple(NAMES))]
    after = at[0.0][fit(at[0.0], tuple(NAMES))]
    print("| both → each | " + _paired(before, after, tuple(NAMES)))


def _words(s: DevSet) -> np.ndarray:
    return np.array([len(f"{c.title} {c.description or ''}".split()) for c in s.scored.calls])


def short_calls(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    print("\n## Less weight for a call with little text: relevance × min(1, words / n)^a\n")
    print("| n, a | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    _row("shipped", {n: _measure(s, logits[n], SHIPPED) for n, s in sets.items()})
    shipped_combine = scoring.combine
    for n_words, power in itertools.product((30, 50, 80, 120), (0.5, 1.0)):
        results = {}
        for name, s in sets.items():
            scale = np.minimum(1.0, _words(s) / n_words) ** power

            def combine(parts: ScoreParts, weights: Weights = SHIPPED, scale=scale):
                spread = weights.own_spread
                relevance = scoring.standardise_by_language(
                    scoring.centre(parts.raw_relevance), parts.languages, spread
                )
                others, semantic = shipped_combine(parts, weights)
                topical = relevance.copy()
                if parts.terms is not None:
                    topical += weights.lexical * scoring.term_evidence(
                        parts.terms, ["other"] * len(parts.terms), spread
                    )
                topical += weights.term_likeness * scoring.likeness_evidence(parts, weights)
                return others - topical + topical * scale[:, None], semantic

            with _patched("combine", combine):
                results[name] = _measure(s, logits[name], SHIPPED)
        _row(f"{n_words}, {power}", results)


def own_sentences(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    print("\n## The English terms found in a call's own sentences only\n")
    print("| text | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    corpus = shared_dir() / "calls" / "corpus.jsonl"
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    shared = shared_sentences((r["title"], r["description"]) for r in records)

    def own(text: str) -> str:
        return " ".join(s for s in sentences_of(text) if sentence_key(s) not in shared)

    results_all, results_own = {}, {}
    for name, s in sets.items():
        calls, queries = s.scored.calls, s.scored.terms
        documents = [
            f"{c.title}. {c.title}. {c.programme or ''}. {own(c.description or '')}" for c in calls
        ]
        parts = dataclasses.replace(s.scored.parts, terms=term_relevance(documents, queries))
        results_all[name] = _measure(s, logits[name], SHIPPED)
        results_own[name] = _measure(s, logits[name], SHIPPED, parts)
    _row("the whole text (shipped)", results_all)
    _row("own sentences", results_own)


def _features(s: DevSet, logit: np.ndarray) -> np.ndarray:
    """Calls × targets × the pair's parts."""
    parts = dataclasses.replace(s.scored.parts, applicability=logit)
    n_calls, n_targets = parts.raw_relevance.shape
    spread = SHIPPED.own_spread
    semantic = scoring.standardise_by_language(
        scoring.centre(parts.raw_relevance), parts.languages, spread
    )
    terms = scoring.term_evidence(parts.terms, ["other"] * n_calls, spread)
    order = scoring.order_score(parts)
    penalty = scoring.priority_rank_penalty(order, s.scored.priority_of())
    per_call = [
        parts.prior,
        logit,
        scoring.research_loss(parts),
        parts.failed[:, 0],
        np.array([lang == "sv" for lang in parts.languages], float),
    ]
    columns = [
        semantic,
        terms,
        scoring.likeness_evidence(parts),
        penalty,
        order - order.max(axis=1, keepdims=True),
    ]
    columns += [np.repeat(v[:, None], n_targets, axis=1) for v in per_call]
    return np.stack(columns, axis=-1)


def learned(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    print("\n## A learned combination of the parts, fitted on the other municipality\n")
    print("| C | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    for c in (0.01, 0.1, 1.0):
        results = {}
        for source in MUNICIPALITIES:
            target = next(m for m in MUNICIPALITIES if m != source)
            train = sets[f"{source}-all"]
            features = _features(train, logits[f"{source}-all"])
            x, y = [], []
            for i, call in enumerate(train.scored.calls):
                for j, t in enumerate(train.scored.targets):
                    grade = train.labels.get((t.priority_id, call.source_id))
                    if t.kind == "priority" and grade is not None:
                        x.append(features[i, j])
                        y.append(grade)
            scaler = StandardScaler().fit(np.array(x))
            z, grades = scaler.transform(np.array(x)), np.array(y)
            some = LogisticRegression(C=c, max_iter=2000).fit(z, grades >= 1)
            most = LogisticRegression(C=c, max_iter=2000).fit(z, grades == 2)
            for name in (target, f"{target}-all"):
                s = sets[name]
                f = _features(s, logits[name])
                flat = scaler.transform(f.reshape(-1, f.shape[-1]))
                gain = some.predict_proba(flat)[:, 1] + 2 * most.predict_proba(flat)[:, 1]
                state = copy.copy(s.scored)
                state.score = state.order = gain.reshape(f.shape[:2])
                results[name] = metrics(rows_of(state, s.priorities), s.labels)
        _row(str(c), results)
    print(
        "(ranking only: the learned score has no digest thresholds, so its digest columns "
        "say nothing)"
    )


def _with_neighbours(
    s: DevSet, logit: np.ndarray, weights: Weights, k: int, beta: float
) -> ScoreParts:
    """The set's parts with each target's relevance widened by its k best calls' centre."""
    parts = dataclasses.replace(s.scored.parts, applicability=logit)
    if beta == 0:
        return parts
    first, _, _ = scoring.final_score(parts, s.scored.priority_of(), weights)
    vectors = s.scored.vectors / np.linalg.norm(s.scored.vectors, axis=1, keepdims=True)
    centres = vectors[np.argsort(-first, axis=0)[:k]].mean(axis=0)  # targets × dimensions
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    passages, starts = s.scored.passages, s.scored.passage_starts
    if passages is None or starts is None:
        sys.exit(f"{s.name}: scored without its passage vectors")
    likeness = np.maximum.reduceat(passages @ centres.T, starts, axis=0)
    return dataclasses.replace(parts, raw_relevance=parts.raw_relevance + beta * likeness)


def neighbours(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    print("\n## Each target widened by its k best calls (pseudo-relevance feedback)\n")
    print("| k, beta, shipped weights | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    keys = list(GRID)
    variants = [(10, 0.0), *itertools.product((5, 10, 20), (0.125, 0.25, 0.5))]
    results: dict[tuple[int, float, Weights], dict[str, dict[str, Any]]] = {}
    for k, beta in variants:
        for values in itertools.product(*GRID.values()):
            weights = dataclasses.replace(SHIPPED, **dict(zip(keys, values, strict=True)))
            results[(k, beta, weights)] = {
                n: _measure(s, logits[n], weights, _with_neighbours(s, logits[n], weights, k, beta))
                for n, s in sets.items()
            }
        _row("none" if beta == 0 else f"{k}, {beta}", results[(k, beta, SHIPPED)])
    print("\n| fitted on → measured on | k, beta | weights | result 120 | result 320 |")
    print("| --- | --- | --- | --- | --- |")
    for staged in (False, True):
        for source in MUNICIPALITIES:
            target = next(m for m in MUNICIPALITIES if m != source)
            own = (source, f"{source}-all")

            def objective(key: tuple[int, float, Weights], own: tuple[str, str] = own) -> float:
                return _objective([results[key][n] for n in own])

            chosen = list(results)
            if staged:
                plain = max((key for key in results if key[1] == 0), key=objective)[2]
                chosen = [key for key in results if key[2] == plain]
            best = max(chosen, key=objective)
            described = ", ".join(f"{k} {getattr(best[2], k)}" for k in keys)
            how = "after the weights" if staged else "with the weights"
            print(
                f"| {source} → {target} | {best[0]}, {best[1]} ({how}) | {described} | "
                f"{_line(results[best][target])} | {_line(results[best][f'{target}-all'])} |"
            )


def research_support(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    print("\n## The research penalty also for the Swedish Energy Agency's research support\n")
    print("| research programmes | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    _row("shipped", {n: _measure(s, logits[n], SHIPPED) for n, s in sets.items()})
    results = {}
    for name, s in sets.items():
        research = np.array(
            [
                [1.0 if research_call(c) or _SUPPORT.search(c.programme or "") else 0.0]
                for c in s.scored.calls
            ]
        )
        parts = dataclasses.replace(s.scored.parts, research=research)
        results[name] = _measure(s, logits[name], SHIPPED, parts)
    _row('and "Forskningsstöd"', results)


def _term_words_relevance(documents: list[str], queries: list[list[str]], share: float) -> Any:
    """:func:`matcher.lexical.term_relevance` with each query built term by term: the words
    of a several-word term count ``share`` of a whole term (its word pairs count whole),
    sublinear and weighted by the calls' idf as the shipped query is."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), stop_words="english", sublinear_tf=True)
    matrix = vectorizer.fit_transform([d[:MAX_DOCUMENT] for d in documents])
    vocabulary, analyse = vectorizer.vocabulary_, vectorizer.build_analyzer()
    rows = np.zeros((len(queries), len(vectorizer.idf_)))
    for row, terms in zip(rows, queries, strict=True):
        counts: dict[str, float] = {}
        for term in terms:
            grams = analyse(term)
            several = sum(" " not in g for g in grams) > 1
            for gram in grams:
                weight = share if several and " " not in gram else 1.0
                counts[gram] = counts.get(gram, 0.0) + weight
        for gram, count in counts.items():
            if gram in vocabulary:
                row[vocabulary[gram]] = 1 + np.log(count) if count >= 1 else count
        row *= vectorizer.idf_
        norm = np.linalg.norm(row)
        if norm:
            row /= norm
    found = np.asarray(matrix @ rows.T, dtype=np.float64)
    found[:, [not terms for terms in queries]] = np.nan
    return found


def term_words(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    print("\n## A several-word term's single words at a share of its weight\n")
    print("| share | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    keys = list(GRID)
    grid = [
        dataclasses.replace(SHIPPED, **dict(zip(keys, values, strict=True)))
        for values in itertools.product(*GRID.values())
    ]
    found: dict[float, dict[str, list[float]]] = {}
    for share in (1.0, 0.5, 0.25):
        found[share] = {}
        for name, s in sets.items():
            documents = [term_document(c) for c in s.scored.calls]
            terms = _term_words_relevance(documents, s.scored.terms, share)
            parts = dataclasses.replace(s.scored.parts, terms=terms)
            found[share][name] = [_measure(s, logits[name], w, parts)["ndcg@10"] for w in grid]
        shipped = {n: found[share][n][grid.index(SHIPPED)] for n in NAMES}
        print(
            f"| {share}, shipped weights (nDCG@10) | "
            + " | ".join(f"{shipped[n]:.3f}" for n in NAMES)
            + " |"
        )
    for share in (0.5, 0.25):
        cells = []
        for name in NAMES:
            moved = np.array(found[share][name]) - np.array(found[1.0][name])
            cells.append(
                f"{int((moved > 1e-9).sum())} up / {int((moved < -1e-9).sum())} down, "
                f"mean {moved.mean():+.3f}"
            )
        print(f"| {share} against 1.0, the grid | " + " | ".join(cells) + " |")


def _by_applicability(parts: ScoreParts, weights: Weights = SHIPPED) -> np.ndarray:
    """The research penalty by the applicability model alone, also for research done outside
    the EU (as before that research lost it whole)."""
    if parts.research is None:
        return np.zeros(len(parts.raw_relevance))
    return weights.research * parts.research[:, 0] * (1.0 - scoring.usable_probability(parts))


def _whole_penalty_abroad(parts: ScoreParts, weights: Weights = SHIPPED) -> np.ndarray:
    """The shipped research penalty, research done outside the EU losing the whole of it and
    nothing more (as before it lost a failed check's weight too)."""
    shipped = shipped_loss(parts, weights)
    if parts.research is None or parts.abroad is None:
        return shipped
    return shipped - weights.fail * parts.research[:, 0] * (parts.abroad[:, 0] > 0)


def _every_call_abroad(parts: ScoreParts, weights: Weights = SHIPPED) -> np.ndarray:
    """The shipped research penalty, and the whole penalty for any call done outside the EU."""
    shipped = shipped_loss(parts, weights)
    if parts.abroad is None:
        return shipped
    return np.where(parts.abroad[:, 0] > 0, np.maximum(shipped, weights.research), shipped)


def _grid(
    sets: dict[str, DevSet],
    logits: dict[str, np.ndarray],
    parts_of: Callable[[DevSet], ScoreParts] | None = None,
) -> dict[Weights, dict[str, dict[str, Any]]]:
    """Every combination of the weights' grid measured on every set (with the parts
    ``parts_of`` gives a set, else its own)."""
    keys = list(GRID)
    parts = {n: parts_of(s) if parts_of else None for n, s in sets.items()}
    results: dict[Weights, dict[str, dict[str, Any]]] = {}
    for values in itertools.product(*GRID.values()):
        weights = dataclasses.replace(SHIPPED, **dict(zip(keys, values, strict=True)))
        results[weights] = {n: _measure(s, logits[n], weights, parts[n]) for n, s in sets.items()}
    return results


def _fits_and_counts(
    title: str,
    fitted: list[tuple[str, dict[Weights, dict[str, dict[str, Any]]]]],
    against: tuple[int, ...] = (0,),
    rule: int = 1,
) -> None:
    """Each variant fitted on one municipality and measured on the other, and how many of the
    grid's combinations the variant ``rule`` lifts, keeps or lowers against each variant
    ``against`` names (by their places in ``fitted``)."""
    keys = list(GRID)
    print(f"\n| {title} | fitted on → measured on | weights | result 120 | result 320 |")
    print("| --- | --- | --- | --- | --- |")
    for label, results in fitted:
        for source in MUNICIPALITIES:
            target = next(m for m in MUNICIPALITIES if m != source)
            best = fit(results, (source, f"{source}-all"))
            described = ", ".join(str(getattr(best, k)) for k in keys)
            print(
                f"| {label} | {source} → {target} | {described} | "
                f"{_line(results[best][target])} | {_line(results[best][f'{target}-all'])} |"
            )
    after = fitted[rule][1]
    for index in against:
        name_before, before = fitted[index]
        print(
            f'\n| set | of the grid\'s combinations, "{fitted[rule][0]}" against '
            f'"{name_before}" lifts / keeps / lowers |'
        )
        print("| --- | --- |")
        for name in NAMES:
            counts = []
            for metric in ("ndcg@10", "p@5"):
                moved = [after[w][name][metric] - before[w][name][metric] for w in before]
                counts.append(
                    f"{metric} {sum(d > 1e-9 for d in moved)} / "
                    f"{sum(abs(d) <= 1e-9 for d in moved)} / {sum(d < -1e-9 for d in moved)}"
                )
            print(f"| {name} | {'; '.join(counts)} |")


def _compared(
    title: str,
    column: str,
    fitted: list[tuple[str, dict[Weights, dict[str, dict[str, Any]]]]],
    against: tuple[int, ...] = (0,),
    rule: int = 1,
) -> None:
    """The variants' figures with the shipped weights, each fitted on one municipality and
    measured on the other, and how many of the grid's combinations the variant ``rule``
    lifts or lowers against those ``against`` names (the second against the first unless
    told)."""
    print(f"\n## {title}\n")
    print(f"| {column} | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    for label, results in fitted:
        _row(label, results[SHIPPED])
    _fits_and_counts(column, fitted, against, rule)


def _against_before(
    sets: dict[str, DevSet],
    logits: dict[str, np.ndarray],
    title: str,
    column: str,
    before: tuple[str, Callable[[DevSet], ScoreParts]],
    shipped: str,
) -> None:
    """A shipped rule against the recipe before it (the parts ``before`` gives each set),
    over the whole grid."""
    label, parts_of = before
    fitted = [(label, _grid(sets, logits, parts_of)), (shipped, _grid(sets, logits))]
    _compared(title, column, fitted)


def research_abroad(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    fitted: list[tuple[str, dict[Weights, dict[str, dict[str, Any]]]]] = []
    for label, loss in (
        ("none: the penalty by applicability alone", _by_applicability),
        ("research programmes' lose it whole", _whole_penalty_abroad),
        ("and a failed check's weight (shipped)", shipped_loss),
        ("every call's loses it whole", _every_call_abroad),
    ):
        with _patched("research_loss", loss):
            fitted.append((label, _grid(sets, logits)))
    title = "Research done outside the EU loses the research penalty and a failed check's weight"
    _compared(title, "calls done abroad", fitted, against=(0, 1), rule=2)


def _abroad_by_places(s: DevSet) -> ScoreParts:
    """The set's parts with a call done abroad only where the places of
    :func:`matcher.prior.done_abroad` say so, not where a title names a country of the EU's
    neighbourhood (as before :data:`matcher.prior.NEIGHBOUR_COUNTRIES`)."""
    with _patched("NEIGHBOUR_COUNTRIES", re.compile(r"(?!)"), prior):
        abroad = [prior.done_abroad(c.title, c.description) for c in s.scored.calls]
    flags = np.array([[1.0 if where else 0.0] for where in abroad])
    return dataclasses.replace(s.scored.parts, abroad=flags)


def neighbour_countries(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    _against_before(
        sets,
        logits,
        "A research topic whose title names a country of the EU's neighbourhood",
        "done abroad",
        ("by the places alone", _abroad_by_places),
        "and the countries named in a title (shipped)",
    )


def _research_by_programme(s: DevSet) -> ScoreParts:
    """The set's parts with every research programme's call counted as research, the awards
    to cities too (as before :func:`matcher.pipeline.research_call`)."""
    research = np.array([[1.0 if research_programme(c.programme) else 0.0] for c in s.scored.calls])
    return dataclasses.replace(s.scored.parts, research=research)


def city_awards(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    _against_before(
        sets,
        logits,
        "A call a programme's rules open to municipalities alone is not research",
        "research",
        ("every research programme's call", _research_by_programme),
        "not the awards to cities (shipped)",
    )


def call_gist(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    print("\n## What the whole call is about next to its best passage (step 1's whole part)\n")
    print("| the best passage's cosine, mixed with (share) | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    _row("shipped", {n: _measure(s, logits[n], SHIPPED) for n, s in sets.items()})
    for how, share in itertools.product(("first passage", "mean of passages"), (0.25, 0.5)):
        results = {}
        for name, s in sets.items():
            sc = s.scored
            assert sc.passages is not None and sc.passage_starts is not None
            assert sc.target_vectors is not None
            sims = sc.passages @ sc.target_vectors.T
            best = np.maximum.reduceat(sims, sc.passage_starts, axis=0)
            if how == "first passage":
                other = sims[sc.passage_starts]
            else:
                counts = np.diff(np.append(sc.passage_starts, len(sims)))
                other = np.add.reduceat(sims, sc.passage_starts, axis=0) / counts[:, None]
            # Step 1 is ½ whole + ½ facets: only the whole part changes.
            raw = sc.parts.raw_relevance + scoring.RELEVANCE_WHOLE * share * (other - best)
            parts = dataclasses.replace(sc.parts, raw_relevance=raw)
            results[name] = _measure(s, logits[name], SHIPPED, parts)
        _row(f"{how} ({share})", results)


def digest_gates(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    """The digest's gate for calls a municipality can unlikely use: other limits, every
    call, or the calls of one programme role instead of the research programmes'."""
    from matcher import scored as scored_state
    from matcher.applicability import ROLES, role_features

    print("\n## Kept out of the digests: calls a municipality can unlikely use\n")
    print("| calls, probability under | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    shipped_gate = scored_state.research_held_back
    roles = [name for name, _ in ROLES]
    rows: list[tuple[str, str | None, float]] = [("none", None, 0.0)]
    rows += [("research programmes (shipped: 0.5)", "shipped", x) for x in (0.3, 0.5, 0.6, 0.7)]
    rows += [("every call", "every", limit) for limit in (0.3, 0.5)]
    rows += [(f"programme role {role}", role, 0.5) for role in roles]
    for label, key, limit in rows:
        results = {}
        for name, s in sets.items():
            research = s.scored.parts.research
            assert research is not None
            if key is None:
                chosen = np.zeros(len(s.ids), dtype=bool)
            elif key == "every":
                chosen = np.ones(len(s.ids), dtype=bool)
            elif key == "shipped":  # the research penalty's programmes
                chosen = research[:, 0] > 0
            else:  # a role of the applicability model ("research" adds "Forskningsstöd")
                k = roles.index(key)
                chosen = np.array([role_features(c.programme)[k] > 0 for c in s.scored.calls])

            def gate(parts: ScoreParts, chosen: np.ndarray = chosen, limit: float = limit) -> Any:
                return chosen & (scoring.usable_probability(parts) < limit)

            scored_state.research_held_back = gate
            try:
                results[name] = _measure(s, logits[name], SHIPPED)
            finally:
                scored_state.research_held_back = shipped_gate
        _row(f"{label}, {limit}" if key is not None else label, results)


# Subjects EU calls are often about, in a priority's words (written for this lever, from no
# label): a call whose best subject is one of them rather than a priority serves none well.
BACKGROUND = (
    "Demokrati, medborgardialog och civilsamhällets deltagande i politiskt beslutsfattande",
    "Medicinsk forskning om sjukdomar, diagnostik och behandling",
    "Försvar, försvarsindustri och militär teknik",
    "Jordbruk, livsmedelsproduktion och marknadsföring av jordbruksprodukter",
    "Film, tv, medier och audiovisuell produktion",
    "Högre utbildning, universitet och forskarutbildning",
    "Stöd till företag: innovation, export och tillväxt i små och medelstora företag",
    "Energisystem, elnät och förnybar energiproduktion",
    "Transporter, logistik, fordon och luftfart",
    "Digital teknik, artificiell intelligens, halvledare och cybersäkerhet",
    "Migration, asyl och gränsförvaltning",
    "Rättsväsende, brottsbekämpning och bedrägerier mot EU:s budget",
    "Klimat, miljö och biologisk mångfald",
    "Kultur, kulturarv och kreativa näringar",
    "Arbetsmarknad, sysselsättning och arbetsvillkor",
    "Skola, lärare och vuxenutbildning",
    "Fattigdom, social inkludering och sociala tjänster",
    "Rymden, kvantteknik, fysik och grundforskning",
    "Hav, fiske och marin miljö",
    "Internationellt utvecklingssamarbete och humanitärt bistånd i länder utanför EU",
    "Industriell produktion, material och kemi",
    "Bostäder, byggande och stadsplanering",
)


def background(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    from matcher.encoders import EngineEncoder

    print("\n## Background subjects: a call whose best subject is none of the priorities\n")
    print("| margin, loss | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    _row("shipped", {n: _measure(s, logits[n], SHIPPED) for n, s in sets.items()})
    others = EngineEncoder().queries(list(BACKGROUND))
    for margin, loss in itertools.product((0.0, 0.5), (0.125, 0.25, 0.5, 1.0)):
        results = {}
        for name, s in sets.items():
            sc = s.scored
            assert sc.passages is not None and sc.passage_starts is not None
            assert sc.target_vectors is not None
            real = np.maximum.reduceat(sc.passages @ sc.target_vectors.T, sc.passage_starts)
            both = np.hstack([real, np.maximum.reduceat(sc.passages @ others.T, sc.passage_starts)])
            z = scoring.standardise_by_language(scoring.centre(both), ["other"] * len(both))
            width = real.shape[1]
            lost = (z[:, width:].max(axis=1) > z[:, :width].max(axis=1) + margin) * loss

            def final(*args: Any, lost: np.ndarray = lost, **kwargs: Any) -> Any:
                score, semantic, penalty = shipped_final(*args, **kwargs)
                return score - lost[:, None], semantic, penalty + lost[:, None]

            with _patched("final_score", final):
                results[name] = _measure(s, logits[name], SHIPPED)
        _row(f"{margin}, {loss}", results)


shipped_final = scoring.final_score
shipped_loss = scoring.research_loss


def failed_check(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    """A failed eligibility check's weight: the shipped 4.0 and stronger."""
    print("\n## A failed eligibility check's weight\n")
    print("| weight | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    for weight in (scoring.FAIL_PENALTY, 6.0, 8.0, 20.0):
        chosen = dataclasses.replace(SHIPPED, fail=weight)
        label = f"{weight:g} (shipped)" if weight == scoring.FAIL_PENALTY else f"{weight:g}"
        _row(label, {n: _measure(s, logits[n], chosen) for n, s in sets.items()})


def _gated_combine(kind: str, at: float) -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    """:func:`matcher.scoring.combine` with a positive prior counted in proportion to the
    pair's subject evidence (semantic + the terms' two parts): a logistic gate centred at
    ``at``, or linear from 0 to the full prior at ``at``."""

    def combine(parts: ScoreParts, weights: Weights = SHIPPED) -> tuple[np.ndarray, np.ndarray]:
        spread = weights.own_spread
        semantic = scoring.standardise_by_language(
            scoring.centre(parts.raw_relevance), parts.languages, spread
        )
        subject = semantic.copy()
        if parts.terms is not None:
            other = ["other"] * len(parts.terms)
            subject = subject + weights.lexical * scoring.term_evidence(parts.terms, other, spread)
        if parts.term_likeness is not None:
            subject = subject + weights.term_likeness * scoring.likeness_evidence(parts, weights)
        if kind == "logistic":
            gate = 1.0 / (1.0 + np.exp(-(subject - at)))
        else:
            gate = np.clip(subject / at, 0.0, 1.0)
        prior = parts.prior[:, None]
        prior = np.where(prior > 0, prior * gate, prior)
        score = subject + weights.prior * prior - weights.fail * parts.failed
        if parts.applicability is not None:
            score = score + weights.applicability * parts.applicability[:, None]
        return score - scoring.research_loss(parts, weights)[:, None], semantic

    return combine


def gated_prior(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    """The municipal-role prior only where the pair's subject evidence is."""
    print("\n## The municipal-role prior gated by the pair's subject evidence\n")
    print("| gate | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    _row("none (shipped)", {n: _measure(s, logits[n], SHIPPED) for n, s in sets.items()})
    gates = [("logistic", at) for at in (0.0, 1.0, 2.0)] + [
        ("linear", at) for at in (1.0, 2.0, 4.0)
    ]
    for kind, at in gates:
        with _patched("combine", _gated_combine(kind, at)):
            results = {n: _measure(s, logits[n], SHIPPED) for n, s in sets.items()}
        _row(f"{kind}, {at:g}", results)


def _with_floor(s: DevSet, logit: np.ndarray, floor: float) -> dict[str, Any]:
    """The shipped figures with a pair left out of the digests unless the call's relevance
    to the priority (step 1, the best of the priority's targets) reaches ``floor``."""
    rows = _rows(s, logit, SHIPPED)
    relevance = s.scored.parts.raw_relevance
    row_of = {c: i for i, c in enumerate(s.ids)}
    columns: dict[str, list[int]] = {}
    for j, p in enumerate(s.scored.priority_of()):
        columns.setdefault(p, []).append(j)
    for r in rows:
        if relevance[row_of[r["call"]], columns[r["priority"]]].max() < floor:
            r["included"] = False
    return metrics(rows, s.labels)


def digest_thresholds(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    """Other default thresholds for the digests, and a floor of relevance under them."""
    print("\n## The digests' thresholds (stark / möjlig) and a floor of relevance\n")
    print("| thresholds | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    shipped = (scoring.DEFAULT_STRONG, scoring.DEFAULT_POSSIBLE)
    for strong, possible in (shipped, (4.0, 2.0), (4.0, 1.5), (3.5, 2.5), (3.5, 2.0)):
        with _patched("DEFAULT_STRONG", strong), _patched("DEFAULT_POSSIBLE", possible):
            results = {n: _measure(s, logits[n], SHIPPED) for n, s in sets.items()}
        label = f"{strong:g} / {possible:g}" + (
            " (shipped)" if (strong, possible) == shipped else ""
        )
        _row(label, results)
    for floor in (0.80, 0.81, 0.82, 0.83):
        _row(
            f"shipped, relevance ≥ {floor:.2f}",
            {n: _with_floor(s, logits[n], floor) for n, s in sets.items()},
        )


# Words of work done at sea; the names of Interreg's sea-basin programmes are regions.
_SEA = re.compile(
    r"\b(?:marine|seas?|oceans?|coast(?:al|s)?|seagrass|kelp|harbours?|ports?|maritime|"
    r"shipping|offshore|seabed|fisher(?:y|ies)|aquaculture|blue economy|vessels?|ships?|"
    r"waterborne|estuar(?:y|ies)|baltic)\b",
    re.IGNORECASE,
)
_SEA_REGIONS = re.compile(r"\b(?:baltic sea region|central baltic|north sea region)\b", re.I)
_LETTERS = re.compile(r"[A-Za-z]{3,}")


def _sea_pairs(s: DevSet, per_thousand: float) -> np.ndarray:
    """Calls × targets: 1 where the call's title and text hold ``per_thousand`` or more words
    of the sea per thousand words and the target's English terms none."""
    texts = [_SEA_REGIONS.sub(" ", f"{c.title}. {c.description or ''}") for c in s.scored.calls]
    sea = np.array(
        [len(_SEA.findall(t)) * 1000 >= per_thousand * len(_LETTERS.findall(t)) for t in texts]
    )
    named = np.array([any(_SEA.search(term) for term in terms) for terms in s.scored.terms])
    return (sea[:, None] & ~named[None, :]).astype(float)


def at_sea(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    print("\n## A call whose work is at sea loses, for a target whose terms do not name the sea\n")
    print("| words per thousand, loss | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    shipped = scoring.combine
    for per_thousand in (25, 15):
        pairs = {name: _sea_pairs(s, per_thousand) for name, s in sets.items()}
        for loss in (0.0, 1.0, 2.0, 3.0, 4.0):
            results = {}
            for name, s in sets.items():

                def combined(
                    parts: ScoreParts, weights: Weights = SHIPPED, lost: Any = loss * pairs[name]
                ) -> tuple[np.ndarray, np.ndarray]:
                    score, semantic = shipped(parts, weights)
                    return score - lost, semantic

                with _patched("combine", combined):
                    results[name] = _measure(s, logits[name], SHIPPED)
            _row(f"{per_thousand}, {loss}", results)


# Words that name a municipality or another local or regional public body as an actor.
_ACTORS = re.compile(
    r"\blocal (?:and regional )?authorit(?:y|ies)\b|\b(?:regional|public) authorit(?:y|ies)\b|"
    r"\bmunicipalit(?:y|ies)\b|\blocal governments?\b|\bcit(?:y|ies)\b|"
    r"\bkommun(?:er|erna|en|ens|ernas|al\w*)?\b",
    re.IGNORECASE,
)


def actors(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    print("\n## Applicability also reads the local public bodies a call names (log(1 + count))\n")
    whole = {m: sets[f"{m}-all"] for m in MUNICIPALITIES}
    first = next(iter(whole.values()))
    calls = first.scored.calls
    base = applicability.features(first.scored.vectors, [c.programme for c in calls])
    named = np.log1p([len(_ACTORS.findall(f"{c.title}\n{c.description or ''}")) for c in calls])
    oof = logits_out_of_fold(
        np.hstack([base, named[:, None]]),
        first.ids,
        {m: whole[m].usable() for m in MUNICIPALITIES},
    )
    read = {name: np.array([oof[name.split("-")[0]][c] for c in s.ids]) for name, s in sets.items()}
    from sklearn.metrics import roc_auc_score

    research = np.array([research_programme(c.programme) for c in calls])
    print("| AUC on the labels of (the other's model, out of fold) | all calls | research calls |")
    print("| --- | --- | --- |")
    for m, s in whole.items():
        usable = s.usable()
        y = np.array([usable.get(c, 0) for c in s.ids])
        aucs = [
            " → ".join(f"{roc_auc_score(y[rows], g[f'{m}-all'][rows]):.3f}" for g in (logits, read))
            for rows in (np.ones(len(y), dtype=bool), research)
        ]
        print(f"| {MUNICIPALITIES[m]}, without → with | {aucs[0]} | {aucs[1]} |")
    either = np.array([max(s.usable().get(c, 0) for s in whole.values()) for c in first.ids])
    for label, rows in (
        ("name them", research & (named > 0)),
        ("name none", research & ~(named > 0)),
    ):
        print(f"\nResearch calls that {label}: {int(rows.sum())}, usable {int(either[rows].sum())}")
    print()
    print("| applicability, weights | " + " | ".join(NAMES) + " |")
    print("| --- |" + " --- |" * len(NAMES))
    keys = list(GRID)
    for label, given in (("without", logits), ("with the actors", read)):
        results: dict[Weights, dict[str, dict[str, Any]]] = {}
        for values in itertools.product(*GRID.values()):
            weights = dataclasses.replace(SHIPPED, **dict(zip(keys, values, strict=True)))
            results[weights] = {n: s.measure(weights, given[n]) for n, s in sets.items()}
        _row(f"{label}, shipped", results[SHIPPED])
        for source in MUNICIPALITIES:
            best = fit(results, (source, f"{source}-all"))
            chosen = ", ".join(str(getattr(best, k)) for k in keys)
            measured = {n: results[best][n] for n in NAMES if not n.startswith(source)}
            print(
                f"| {label}, fitted on {MUNICIPALITIES[source]} ({chosen}) | "
                + " | ".join(_line(measured[n]) if n in measured else "" for n in NAMES)
                + " |"
            )


def main() -> None:
    sets = {name: DevSet(name) for name in NAMES}
    oof = out_of_fold(sets)
    logits = {
        name: np.array([oof[name.split("-")[0]][c] for c in s.ids]) for name, s in sets.items()
    }
    print("nDCG@10 / P@5 / R@10 / digest precision @ grade-2 recall; applicability out of fold")
    spread(sets, logits)
    short_calls(sets, logits)
    own_sentences(sets, logits)
    learned(sets, logits)
    neighbours(sets, logits)
    research_support(sets, logits)
    term_words(sets, logits)
    research_abroad(sets, logits)
    neighbour_countries(sets, logits)
    city_awards(sets, logits)
    call_gist(sets, logits)
    background(sets, logits)
    digest_gates(sets, logits)
    failed_check(sets, logits)
    gated_prior(sets, logits)
    digest_thresholds(sets, logits)
    at_sea(sets, logits)
    actors(sets, logits)


if __name__ == "__main__":
    main()
