"""Learning from marks on the development sets: the learning curve, and what the marks can teach.

    .venv/bin/python bench/marks_curve.py [--sets umea-all,sodertalje-all] [--seeds 5]
        [--score shipped,e5] [--learners 1.5/0.3/0.75,4/0.3/0.75]

For each development set (read in place in the shared data, as ``eufunds eval --dev-set``
reads it) the labelled calls are embedded and scored once, as ``eufunds rank`` does. Then,
without embedding anything again, for each share (10, 30 and 50 %) and seed the coordinator's
marks are simulated as ``eufunds eval --feedback-share`` simulates them (grade 2 interested,
grade 0 not relevant, on a random share of the calls), :func:`matcher.feedback.learn` learns
from them, and the metrics are measured on the calls not marked, without and with the marks.

It also measures how much the marks *can* teach about the other calls, whatever the learner:
per priority, the AUC (grade 2 against the rest, on the calls not marked) of

- **score**: the shipped score without marks;
- **neighbours**: the similarity-weighted share of wanted among the marked calls (a kernel
  over the calls' mean passage vectors; the best of three kernel widths);
- **municipality**: the same for "wanted for some priority" (what the municipality uses).

When the neighbours reach far less than the score, the marks add little to the ranking of
the other calls, and a strong learner would only add noise.

``--score e5`` learns on top of a weaker score instead: steps 1–3 of the recipe alone (e5's
likeness, centred and standardised; the eligibility gate and the rank penalty kept, no
English terms, prior, applicability or research penalty), which ranks the development sets
about as well as the shipped recipe ranked the unpublished set (nDCG@10 0.42–0.66 against
0.43). It shows
what the same learner adds for a municipality whose priorities the score serves badly.
``--score oof`` learns on the shipped recipe with the applicability model out of fold: fitted
on the *other* municipality's labels alone, each call predicted by the fold that did not hold
it (as ``bench/cross_municipality.py`` measures the weights). The shipped coefficients were
fitted on both municipalities' labels, so with them the marks re-teach what the score
already learned from the same labels; a new municipality's marks are news to the model, as
here. For this score the curve also prints a ceiling of what any learner can gain through
what the municipality uses at all: the applicability log-odds replaced by ±1 or ±3 from the
set's own labels (a call graded relevant to some priority or to none), for every call.
``--refit 100`` (the shipped and oof scores) also measures the applicability model refitted
from the marks instead of the municipality part: a logistic regression on the model's
features (standardised over the set's calls) with the score's log-odds as offset and an L2
penalty of that strength on every coefficient, the intercept's too; a call is wanted when a
mark wanted it for some priority, unwanted when it was marked not relevant for every
priority. Printed alone and with the per-priority part beside it (not taken:
docs/matching.md, *Learning from marks*).
``--learners`` measures other weights of :mod:`matcher.feedback` (per priority, not
relevant, municipality) on the same simulated marks. For each learner it also prints how far
a handful of marks moves the other calls (one mark wanted; one wanted and one not relevant),
which must stay small.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cross_municipality import MUNICIPALITIES, DevSet, out_of_fold
from bench.devset_scoring import scored_dev_set
from matcher import applicability, feedback
from matcher.evaluate import metrics, simulate_marks
from matcher.feedback import APPLICABILITY_WEIGHT, NEGATIVE_WEIGHT, PRIORITY_WEIGHT, MarkRow
from matcher.rank import rows_of
from matcher.scoring import SHIPPED, final_score, order_score
from priorities.devset import DEV_SETS

SHARES = (0.1, 0.3, 0.5)
# Steps 1–3 alone: no terms, prior, applicability or research penalty.
E5_ONLY = dataclasses.replace(
    SHIPPED, lexical=0.0, term_likeness=0.0, applicability=0.0, prior=0.0, research=0.0
)
WIDTHS = (20.0, 50.0, 100.0)  # kernel exp(width · (cosine − 1))


def _auc(positive: np.ndarray, values: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(positive, values))


def _signal(scored: Any, labels: dict[tuple[str, str], int], marked: set[str]) -> dict[str, float]:
    """Mean AUC over priorities of the score and of what the marks teach, on unmarked calls."""
    ids = [c.source_id for c in scored.calls]
    unit = scored.vectors / np.linalg.norm(scored.vectors, axis=1, keepdims=True)
    rest = np.array([i for i, c in enumerate(ids) if c not in marked])
    seen = np.array([i for i, c in enumerate(ids) if c in marked])
    cosine = unit[rest] @ unit[seen].T
    priority_of = scored.priority_of()
    grade = {p: np.array([labels.get((p, c), 0) for c in ids]) for p in dict.fromkeys(priority_of)}
    used = np.max(np.stack(list(grade.values())), axis=0) == 2
    found: dict[str, list[float]] = {"score": [], "neighbours": [], "municipality": []}
    for p, g in grade.items():
        wanted = g[rest] == 2
        if wanted.all() or not wanted.any():
            continue
        columns = [j for j, q in enumerate(priority_of) if q == p]
        found["score"].append(_auc(wanted, scored.score[rest][:, columns].max(axis=1)))
        known = g[seen] != 1  # grade 1 is never marked
        best_n, best_m = 0.0, 0.0
        for width in WIDTHS:
            kernel = np.exp(width * (cosine - 1.0))
            share = (kernel[:, known] @ (g[seen][known] == 2)) / kernel[:, known].sum(axis=1)
            best_n = max(best_n, _auc(wanted, share))
            best_m = max(best_m, _auc(wanted, (kernel @ used[seen]) / kernel.sum(axis=1)))
        found["neighbours"].append(best_n)
        found["municipality"].append(best_m)
    return {k: statistics.mean(v) for k, v in found.items() if v}


def _e5_only(scored: Any) -> None:
    """Give ``scored`` the score of steps 1–3 alone (:data:`E5_ONLY`), in place."""
    order = order_score(scored.parts, E5_ONLY)
    scored.score, _, scored.rank_penalty = final_score(
        scored.parts, scored.priority_of(), E5_ONLY, order=order
    )
    scored.order = order


Learner = tuple[float, float, float]  # per priority, not relevant, municipality


@contextlib.contextmanager
def _weights(learner: Learner) -> Iterator[None]:
    """:mod:`matcher.feedback` with other weights for the duration."""
    kept = feedback.PRIORITY_WEIGHT, feedback.NEGATIVE_WEIGHT, feedback.APPLICABILITY_WEIGHT
    feedback.PRIORITY_WEIGHT, feedback.NEGATIVE_WEIGHT, feedback.APPLICABILITY_WEIGHT = learner
    try:
        yield
    finally:
        feedback.PRIORITY_WEIGHT, feedback.NEGATIVE_WEIGHT, feedback.APPLICABILITY_WEIGHT = kept


def _run(
    name: str,
    seeds: int,
    scores: list[str],
    learners: list[Learner],
    oof: dict[str, dict[str, float]] | None = None,
    refit: tuple[float, ...] = (),
) -> None:
    scored, priorities, labels = scored_dev_set(name)
    ids = [c.source_id for c in scored.calls]
    print(f"\n{name}: what a handful of marks moves (standard deviations)")
    _swing(scored, ids, learners)
    shipped = scored.score, scored.rank_penalty, scored.order
    for score in scores:
        if score == "oof" and oof is not None:
            logit = np.array([oof[name.split("-")[0]][c] for c in ids])
            _ceiling(name, scored, priorities, labels, ids, logit)
            state = _with_applicability(scored, logit)
            _curve(name, state, priorities, labels, ids, seeds, score, learners, refit)
            continue
        if score == "e5":
            _e5_only(scored)
        else:
            scored.score, scored.rank_penalty, scored.order = shipped
        _curve(name, scored, priorities, labels, ids, seeds, score, learners, refit)


def _with_applicability(scored: Any, logit: np.ndarray) -> Any:
    """The shipped recipe with these applicability log-odds (per call), nothing embedded."""
    return scored.recombined(SHIPPED, dataclasses.replace(scored.parts, applicability=logit))


def _ceiling(
    name: str,
    scored: Any,
    priorities: Any,
    labels: dict[tuple[str, str], int],
    ids: list[str],
    logit: np.ndarray,
) -> None:
    """nDCG@10 when what the municipality uses at all were known for every call (its own
    labels as applicability, ±1 or ±3), against the out-of-fold model: the most a learner
    can gain through the municipality part, whatever share is marked."""
    used = {c for (_, c), grade in labels.items() if grade >= 1}
    known = np.array([1.0 if c in used else -1.0 for c in ids])
    found = [metrics(rows_of(_with_applicability(scored, logit), priorities), labels)]
    found += [
        metrics(rows_of(_with_applicability(scored, size * known), priorities), labels)
        for size in (1.0, 3.0)
    ]
    print(
        f"\n{name}: ceiling of the municipality part: nDCG@10 out of fold "
        f"{found[0]['ndcg@10']:.3f}, known ±1 {found[1]['ndcg@10']:.3f}, "
        f"±3 {found[2]['ndcg@10']:.3f}"
    )


def _curve(
    name: str,
    scored: Any,
    priorities: Any,
    labels: dict[tuple[str, str], int],
    ids: list[str],
    seeds: int,
    score: str,
    learners: list[Learner],
    refit: tuple[float, ...] = (),
) -> None:
    base = scored.score.copy()
    refit = refit if score != "e5" else ()  # the refit rescored with the shipped weights
    x = _standardised(scored) if refit else None
    print(f"\n{name}: {len(ids)} calls, {len(priorities.priorities)} priorities, {score} score")
    whole = metrics(rows_of(scored, priorities), labels)
    print(f"  0 %: nDCG@10 {whole['ndcg@10']:.3f}  P@5 {whole['p@5']:.2f}")
    for share in SHARES:
        before: list[dict[str, Any]] = []
        after: dict[Learner, list[dict[str, Any]]] = {learner: [] for learner in learners}
        refitted: dict[tuple[float, bool], list[dict[str, Any]]] = {}
        signal: list[dict[str, float]] = []
        for seed in range(seeds):
            simulated, marked = simulate_marks(labels, share, seed)
            marks = [MarkRow(m["call"], m["priority"], m["mark"]) for m in simulated]
            rest = {key: g for key, g in labels.items() if key[1] not in marked}
            scored.score = base
            before.append(metrics(rows_of(scored, priorities), rest))
            for learner in learners:
                with _weights(learner):
                    learned = feedback.learn(scored.vectors, ids, scored.priority_of(), marks)
                scored.score, scored.adjustment = base + learned.adjustment, learned.adjustment
                after[learner].append(metrics(rows_of(scored, priorities), rest))
            scored.score, scored.adjustment = base, None
            if x is not None:
                for key, state in _refitted(scored, x, ids, priorities, marks, refit):
                    refitted.setdefault(key, []).append(metrics(rows_of(state, priorities), rest))
            signal.append(_signal(scored, labels, marked))

        def mean(rows: list[dict[str, Any]], key: str) -> float:
            return statistics.mean(r[key] for r in rows)

        auc = {k: statistics.mean(s[k] for s in signal) for k in signal[0]}
        print(
            f"  {share:.0%}: AUC score {auc['score']:.2f}, neighbours {auc['neighbours']:.2f}, "
            f"municipality {auc['municipality']:.2f}"
        )
        for learner, rows in after.items():
            print(
                f"    learner {'/'.join(f'{w:g}' for w in learner)}: "
                f"nDCG@10 {mean(before, 'ndcg@10'):.3f} -> {mean(rows, 'ndcg@10'):.3f}"
                f"  P@5 {mean(before, 'p@5'):.2f} -> {mean(rows, 'p@5'):.2f}"
            )
        for (penalty, with_priority), rows in refitted.items():
            print(
                f"    refit {penalty:g}{' + per priority' if with_priority else ''}: "
                f"nDCG@10 {mean(before, 'ndcg@10'):.3f} -> {mean(rows, 'ndcg@10'):.3f}"
                f"  P@5 {mean(before, 'p@5'):.2f} -> {mean(rows, 'p@5'):.2f}"
            )


def _standardised(scored: Any) -> np.ndarray:
    """The applicability model's features of the set's calls, standardised, and a constant."""
    x = applicability.features(scored.vectors, [c.programme for c in scored.calls])
    x = (x - x.mean(axis=0)) / (x.std(axis=0) + 1e-9)
    return np.hstack([x, np.ones((len(x), 1))])


def _refit_logit(
    x: np.ndarray, offset: np.ndarray, rows: np.ndarray, y: np.ndarray, penalty: float
) -> np.ndarray:
    """Log-odds for every call: ``offset`` plus a logistic regression fitted on ``rows``
    (labels ``y``) with ``offset`` as its offset and an L2 penalty on every coefficient
    (Newton's method; the problem is small and strictly convex)."""
    w = np.zeros(x.shape[1])
    for _ in range(50):
        z = offset[rows] + x[rows] @ w
        p = 1.0 / (1.0 + np.exp(-z))
        gradient = x[rows].T @ (p - y) + penalty * w
        hessian = (x[rows] * (p * (1 - p))[:, None]).T @ x[rows] + penalty * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return offset + x @ w


def _refitted(
    scored: Any,
    x: np.ndarray,
    ids: list[str],
    priorities: Any,
    marks: list[MarkRow],
    penalties: tuple[float, ...],
) -> Iterator[tuple[tuple[float, bool], Any]]:
    """The score with applicability refitted from the marks (each penalty), alone and with
    the learner's per-priority part beside it (its municipality part left out)."""
    wanted = {m.call for m in marks if m.mark in feedback.POSITIVE}
    negatives: dict[str, int] = {}
    for m in marks:
        if m.mark in feedback.NEGATIVE:
            negatives[m.call] = negatives.get(m.call, 0) + 1
    unwanted = {c for c, n in negatives.items() if n == len(priorities.priorities)}
    rows = np.array([i for i, c in enumerate(ids) if c in wanted or c in unwanted])
    y = np.array([1.0 if ids[i] in wanted else 0.0 for i in rows])
    offset = scored.parts.applicability
    with _weights((PRIORITY_WEIGHT, NEGATIVE_WEIGHT, 0.0)):
        per_priority = feedback.learn(scored.vectors, ids, scored.priority_of(), marks).adjustment
    for penalty in penalties:
        logit = offset if len(set(y)) < 2 else _refit_logit(x, offset, rows, y, penalty)
        state = _with_applicability(scored, logit)
        yield (penalty, False), state
        both = dataclasses.replace(state, score=state.score + per_priority)
        yield (penalty, True), dataclasses.replace(both, adjustment=per_priority)


def _swing(scored: Any, ids: list[str], learners: list[Learner], trials: int = 40) -> None:
    """How far a handful of marks moves the other calls: the largest move of an unmarked call
    for one mark wanted (the per-priority part), and for one wanted plus one not relevant
    for every priority (the municipality part, read in another priority's column), over
    ``trials`` random choices; median and maximum."""
    priority_of = scored.priority_of()
    first = priority_of[0]
    other = next((j for j, p in enumerate(priority_of) if p != first), None)
    for learner in learners:
        rng = np.random.default_rng(0)  # every learner sees the same marks
        one, two = [], []
        with _weights(learner):
            for _ in range(trials):
                pick = rng.choice(len(ids), 2, replace=False)
                marks = [MarkRow(ids[pick[0]], first, "interested")]
                moved = feedback.learn(scored.vectors, ids, priority_of, marks).adjustment
                one.append(np.abs(np.delete(moved, pick[:1], axis=0)[:, 0]).max())
                if other is not None:
                    marks.append(MarkRow(ids[pick[1]], None, "not-relevant"))
                    moved = feedback.learn(scored.vectors, ids, priority_of, marks).adjustment
                    two.append(np.abs(np.delete(moved, pick, axis=0)[:, other]).max())
        said = f"  swing, learner {'/'.join(f'{w:g}' for w in learner)}: one mark "
        said += f"{np.median(one):.2f} (max {max(one):.2f})"
        if two:
            said += f", one of each kind {np.median(two):.2f} (max {max(two):.2f})"
        print(said)


def _learners(text: str) -> list[Learner]:
    """ "1.5/0.3/0.75,4/0.3/0.75" -> the learners' weights."""
    learners = []
    for item in text.split(","):
        parts = item.split("/")
        if len(parts) != 3:
            raise argparse.ArgumentTypeError(
                f"{item!r}: a learner is three weights, per priority/not relevant/municipality"
            )
        try:
            a, b, c = (float(x) for x in parts)
        except ValueError as error:
            raise argparse.ArgumentTypeError(f"{item!r}: {error}") from None
        learners.append((a, b, c))
    return learners


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="sodertalje,sodertalje-all,umea,umea-all")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument(
        "--score",
        default="shipped",
        help="the scores learned on, comma-separated: shipped (the recipe), e5 (steps 1-3 "
        "alone), oof (the recipe with applicability out of fold)",
    )
    shipped = f"{PRIORITY_WEIGHT:g}/{NEGATIVE_WEIGHT:g}/{APPLICABILITY_WEIGHT:g}"
    parser.add_argument(
        "--learners",
        type=_learners,
        default=shipped,
        help="the learners' weights, per priority/not relevant/municipality, comma-separated "
        f"(shipped: {shipped})",
    )
    parser.add_argument(
        "--refit",
        default="",
        help="penalties of the applicability model refitted from the marks, comma-separated "
        "(e.g. 100; not with the e5 score)",
    )
    args = parser.parse_args()
    try:
        refit = tuple(float(v) for v in args.refit.split(",") if v.strip())
    except ValueError:
        parser.error(f"--refit takes numbers separated by commas, not {args.refit!r}")
    scores = args.score.split(",")
    if set(scores) - {"shipped", "e5", "oof"}:
        parser.error("--score takes shipped, e5, oof or several (shipped,e5)")
    names = args.sets.split(",")
    for name in names:
        if name not in DEV_SETS:
            parser.error(f"unknown set {name}; choose from {', '.join(DEV_SETS)}")
    oof = None
    if "oof" in scores:  # both municipalities' 320 calls, for the model of the other one
        oof = out_of_fold({f"{m}-all": DevSet(f"{m}-all") for m in MUNICIPALITIES})
    for name in names:
        _run(name, args.seeds, scores, args.learners, oof, refit)


if __name__ == "__main__":
    main()
