"""Relevance across municipalities: fit the weights on one development set, measure on the other.

    .venv/bin/python bench/cross_municipality.py

Each development set (Södertälje and Umeå, 120 and 320 labelled calls; read in place in the
shared real data) is embedded and scored once. Then, without embedding anything again:

- **applicability out of fold**: the model (:mod:`matcher.applicability`) is refitted on the
  *other* municipality's labels only, in five folds by call, and each call gets the
  prediction of the fold that did not see it: neither the municipality nor the call was seen;
- **fit on one, measure on the other**: every combination of the grid of weights below is
  scored on all four sets; the combination whose neighbourhood in the grid (itself and every
  combination one step away in one weight) has the best mean of nDCG@10 and P@5 on one
  municipality's two sets is measured on the other municipality's two, in both directions.
  The single best combination is printed too: many lie within 0.01 of it, and which of them
  wins is chance that carries to the other municipality badly;
- **steadiness**: which neighbourhood wins is close (the best few lie within a hundredth of
  each other), so the ten best on one municipality are each measured on the other's two sets:
  how many meet every target of issue 12 on both, and the range of their figures;
- **the shipped weights** (:data:`matcher.scoring.SHIPPED`) with the out-of-fold
  applicability, and with one part of the recipe left out at a time;
- **as shipped**: the shipped weights and the shipped applicability coefficients (fitted on
  both municipalities' labels, so in-sample): the figures of ``eufunds eval --dev-set``.

The printout is the tables of docs/matching.md ("Both directions" and the ablations). The
digest thresholds are the defaults (möjlig 2.5, stark 4.0), except in the last table: there
the thresholds themselves are fitted on one municipality (best mean F1 of digest precision
and grade-2 recall, shipped weights) and measured on the other.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.devset_scoring import scored_dev_set
from matcher import applicability
from matcher.evaluate import metrics
from matcher.rank import rows_of
from matcher.scoring import SHIPPED, Weights

MUNICIPALITIES = {"sodertalje": "Södertälje", "umea": "Umeå"}
GRID = {
    "lexical": (0.25, 0.5, 0.75),
    "term_likeness": (0.0, 0.25, 0.5),
    "applicability": (0.0, 0.15, 0.3),
    "prior": (0.5, 1.0),
    "research": (0.75, 1.5, 3.0, 4.0),
    "second_priority": (0.25, 0.5),
}
ABLATIONS = {
    "English terms (both parts)": {"lexical": 0.0, "term_likeness": 0.0},
    "English terms' words (TF-IDF)": {"lexical": 0.0},
    "English terms' likeness (e5)": {"term_likeness": 0.0},
    "applicability (log-odds)": {"applicability": 0.0},
    "prior": {"prior": 0.0},
    "research penalty": {"research": 0.0},
    "best-priority rule": {"second_priority": 0.0},
}
FOLDS = 5
# The digest's thresholds tried across municipalities (stark, möjlig).
THRESHOLDS = ((3.0, 3.5, 4.0, 4.5, 5.0), (1.5, 1.75, 2.0, 2.25, 2.5, 2.75, 3.0))


class DevSet:
    """A scored development set and what it needs to be re-scored with other weights."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.scored, self.priorities, self.labels = scored_dev_set(name)
        self.ids = [c.source_id for c in self.scored.calls]

    def usable(self) -> dict[str, int]:
        """Call id -> 1 when the municipality graded it relevant to any priority."""
        out: dict[str, int] = {}
        for (_, call), grade in self.labels.items():
            out[call] = max(out.get(call, 0), int(grade >= 1))
        return out

    def measure(
        self, weights: Weights, logit: np.ndarray, thresholds: tuple[float, float] | None = None
    ) -> dict[str, Any]:
        """The metrics with these weights and this applicability (log-odds per call), with
        the digest's thresholds (stark, möjlig) when given, else the defaults."""
        parts = dataclasses.replace(self.scored.parts, applicability=logit)
        state = self.scored.recombined(weights, parts)  # the digests' gate reads it too
        priorities = self.priorities
        if thresholds is not None:
            strong, possible = thresholds
            cut = priorities.thresholds.model_copy(update={"strong": strong, "possible": possible})
            priorities = priorities.model_copy(update={"thresholds": cut})
        return metrics(rows_of(state, priorities), self.labels)


def out_of_fold(sets: dict[str, DevSet]) -> dict[str, dict[str, float]]:
    """Municipality -> call id -> applicability log-odds learned from the other
    municipality's labels, from the fold that did not hold the call."""
    whole = {m: sets[f"{m}-all"] for m in MUNICIPALITIES}
    first = next(iter(whole.values()))
    x = applicability.features(first.scored.vectors, [c.programme for c in first.scored.calls])
    return logits_out_of_fold(x, first.ids, {m: whole[m].usable() for m in MUNICIPALITIES})


def logits_out_of_fold(
    x: np.ndarray, ids: list[str], usable: dict[str, dict[str, int]]
) -> dict[str, dict[str, float]]:
    """Municipality -> call id -> applicability log-odds for the calls ``ids`` (feature rows
    ``x``), learned from the *other* municipality's ``usable`` labels (call id -> 0/1) in
    :data:`FOLDS` folds by call, each call predicted by the fold that did not hold it."""
    from sklearn.model_selection import KFold

    out: dict[str, dict[str, float]] = {}
    for target in usable:
        other = next(m for m in usable if m != target)
        y = np.array([usable[other].get(c, 0) for c in ids])
        predicted = np.zeros(len(ids))
        for train, test in KFold(FOLDS, shuffle=True, random_state=0).split(x):
            model = applicability.fit(x[train], y[train])
            predicted[test] = model.logit(x[test])
        out[target] = dict(zip(ids, predicted, strict=True))
    return out


def _line(m: dict[str, Any]) -> str:
    return (
        f"{m['ndcg@10']:.3f} / {m['p@5']:.2f} / {m['r@10']:.2f} / "
        f"{m['digest_precision']:.2f} @ {m['digest_recall']:.2f}"
    )


def _objective(results: list[dict[str, Any]]) -> float:
    return float(np.mean([m["ndcg@10"] + m["p@5"] for m in results]))


def _neighbours(weights: Weights) -> list[Weights]:
    """``weights`` and each combination one step of the grid away in one weight."""
    out = [weights]
    for key, values in GRID.items():
        at = values.index(getattr(weights, key))
        for step in (-1, 1):
            if 0 <= at + step < len(values):
                out.append(dataclasses.replace(weights, **{key: values[at + step]}))
    return out


def ranked(
    results: dict[Weights, dict[str, dict[str, Any]]], own: tuple[str, ...], *, plain: bool = False
) -> list[tuple[float, Weights]]:
    """Every combination with its objective on the sets ``own``, best first: the mean over
    itself and its neighbours in the grid (a broad optimum, not a lucky point), or with
    ``plain`` its own. Ties keep the grid's order."""

    def objective(weights: Weights) -> float:
        return _objective([results[weights][n] for n in own])

    def neighbourhood(weights: Weights) -> float:
        return float(np.mean([objective(n) for n in _neighbours(weights)]))

    score = objective if plain else neighbourhood
    return sorted(((score(w), w) for w in results), key=lambda pair: -pair[0])


def fit(
    results: dict[Weights, dict[str, dict[str, Any]]], own: tuple[str, ...], *, plain: bool = False
) -> Weights:
    """The combination fitted on the sets ``own`` (the first of :func:`ranked`)."""
    return ranked(results, own, plain=plain)[0][1]


def _digest_cut(m: dict[str, Any]) -> bool:
    return bool(m["digest_precision"] >= 0.6 and m["digest_recall"] >= 0.8)


def meets_targets(m: dict[str, Any]) -> bool:
    """Issue 12's targets for one set: nDCG@10 ≥ 0.65, P@5 ≥ 0.80, and the digest's
    precision ≥ 0.6 at grade-2 recall ≥ 0.8."""
    return bool(m["ndcg@10"] >= 0.65 and m["p@5"] >= 0.80 and _digest_cut(m))


def _spread(values: list[float], digits: int) -> str:
    return f"{min(values):.{digits}f}–{max(values):.{digits}f}"


STEADY = 10  # how many of the best neighbourhoods the steadiness table measures


def steadiness(results: dict[Weights, dict[str, dict[str, Any]]], k: int = STEADY) -> None:
    """How much the measure across municipalities rests on which neighbourhood wins: the k
    best neighbourhoods on one municipality (their objectives lie close), each measured on
    the other's two sets: how many meet every target on both, and the range of nDCG@10 and
    of the digest's grade-2 recall."""
    print(
        f"\n| fitted on → measured on | the {k} best neighbourhoods: objective | meet every "
        "target on both sets | P@5 ≥ 0.80 on both | digest cut on both | nDCG@10 120 | "
        "nDCG@10 320 | digest recall 320 |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for source in MUNICIPALITIES:
        target = next(m for m in MUNICIPALITIES if m != source)
        best = ranked(results, (source, f"{source}-all"))[:k]
        small, large = ([results[w][name] for _, w in best] for name in (target, f"{target}-all"))
        pairs = list(zip(small, large, strict=True))
        meeting = sum(meets_targets(a) and meets_targets(b) for a, b in pairs)
        top_five = sum(a["p@5"] >= 0.80 and b["p@5"] >= 0.80 for a, b in pairs)
        digests = sum(_digest_cut(a) and _digest_cut(b) for a, b in pairs)
        print(
            f"| {MUNICIPALITIES[source]} → {MUNICIPALITIES[target]} | "
            f"{_spread([o for o, _ in best], 3)} | {meeting} of {len(best)} | {top_five} | "
            f"{digests} | "
            f"{_spread([m['ndcg@10'] for m in small], 3)} | "
            f"{_spread([m['ndcg@10'] for m in large], 3)} | "
            f"{_spread([m['digest_recall'] for m in large], 2)} |"
        )


def _f1(m: dict[str, Any]) -> float:
    p, r = m["digest_precision"], m["digest_recall"]
    return 2 * p * r / (p + r) if p + r else 0.0


def thresholds(sets: dict[str, DevSet], logits: dict[str, np.ndarray]) -> None:
    """The digest's thresholds across municipalities: with the shipped weights, every pair of
    :data:`THRESHOLDS` is scored; the pair with the best mean F1 of digest precision and
    grade-2 recall on one municipality's two sets is measured on the other's. Then, per set,
    the highest recall any pair reaches while the precision stays at the target's 0.6."""
    found = {
        pair: {n: s.measure(SHIPPED, logits[n], pair) for n, s in sets.items()}
        for pair in itertools.product(*THRESHOLDS)
        if pair[1] <= pair[0]
    }
    print("\n| thresholds (stark, möjlig) fitted on → measured on | chosen | 120 | 320 |")
    print("| --- | --- | --- | --- |")
    for source in MUNICIPALITIES:
        target = next(m for m in MUNICIPALITIES if m != source)
        own = (source, f"{source}-all")
        best = max(found, key=lambda pair: float(np.mean([_f1(found[pair][n]) for n in own])))
        print(
            f"| {MUNICIPALITIES[source]} → {MUNICIPALITIES[target]} | {best[0]}, {best[1]} | "
            + " | ".join(_line(found[best][n]) for n in (target, f"{target}-all"))
            + " |"
        )
    print("\n| set | highest grade-2 recall of any pair at digest precision ≥ 0.6 |")
    print("| --- | --- |")
    for name in sets:
        kept = [m for m in (found[pair][name] for pair in found) if m["digest_precision"] >= 0.6]
        top = max(kept, key=lambda m: (m["digest_recall"], m["digest_precision"]), default=None)
        print(f"| {name} | {_line(top) if top else 'none'} |")


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    names = [f"{m}{suffix}" for m in MUNICIPALITIES for suffix in ("", "-all")]
    sets = {name: DevSet(name) for name in names}
    if len({tuple(sets[f"{m}-all"].ids) for m in MUNICIPALITIES}) != 1:
        sys.exit("the two 320-call sets must hold the same calls in the same order")
    oof = out_of_fold(sets)
    logits = {
        name: np.array([oof[name.split("-")[0]][c] for c in s.ids]) for name, s in sets.items()
    }
    keys = list(GRID)
    results: dict[Weights, dict[str, dict[str, Any]]] = {}
    for values in itertools.product(*GRID.values()):
        weights = dataclasses.replace(SHIPPED, **dict(zip(keys, values, strict=True)))
        results[weights] = {n: s.measure(weights, logits[n]) for n, s in sets.items()}
    print("nDCG@10 / P@5 / R@10 / digest precision @ grade-2 recall; applicability out of fold\n")
    print("| weights fitted on → measured on | fit | weights | result |")
    print("| --- | --- | --- | --- |")
    for plain in (False, True):
        for source in MUNICIPALITIES:
            target = next(m for m in MUNICIPALITIES if m != source)
            best = fit(results, (source, f"{source}-all"), plain=plain)
            chosen = ", ".join(f"{k} {getattr(best, k)}" for k in keys)
            for name in (target, f"{target}-all"):
                size = "320" if name.endswith("-all") else "120"
                print(
                    f"| {MUNICIPALITIES[source]} → {MUNICIPALITIES[target]} {size} | "
                    f"{'best point' if plain else 'best neighbourhood'} | {chosen} | "
                    f"{_line(results[best][name])} |"
                )
    print("\n| objective (mean nDCG@10 + P@5) | own fit | shipped weights |\n| --- | --- | --- |")
    groups: list[tuple[str, tuple[str, ...]]] = [
        *((MUNICIPALITIES[m], (m, f"{m}-all")) for m in MUNICIPALITIES),
        ("all four sets", tuple(names)),
    ]
    for label, group in groups:
        best = fit(results, group)
        chosen = ", ".join(f"{k} {getattr(best, k)}" for k in keys)
        print(
            f"| {label} | {chosen}: {_objective([results[best][n] for n in group]):.3f} | "
            f"{_objective([results[SHIPPED][n] for n in group]):.3f} |"
        )
    steadiness(results)
    print("\n| shipped weights, leaving out | " + " | ".join(names) + " |")
    print("| --- |" + " --- |" * len(names))
    for label, change in {"nothing": {}, **ABLATIONS}.items():
        weights = dataclasses.replace(SHIPPED, **change)
        found = results.get(weights) or {n: s.measure(weights, logits[n]) for n, s in sets.items()}
        print(f"| {label} | " + " | ".join(_line(found[n]) for n in names) + " |")
    shipped = {n: s.measure(SHIPPED, s.scored.parts.applicability) for n, s in sets.items()}
    print(
        "| as shipped (applicability in-sample) | "
        + " | ".join(_line(shipped[n]) for n in names)
        + " |"
    )
    thresholds(sets, logits)


if __name__ == "__main__":
    main()
