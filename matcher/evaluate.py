"""The relevance metrics of the evaluation set: nDCG@10, P@5, R@10 and digest precision/recall.

Labels are JSON lines ``{"id": call, "grades": {priority: 0|1|2}, ...}``; a ranking is a list
of ``{"priority", "call", "score", "included"}`` (the output of ``eufunds rank``). Metrics are
macro-averaged over the priorities that have at least one grade-2 call. Only labelled pairs
the ranking holds count: labels of a priority or call it does not rank are named in the result
(``not_ranked``), not counted as misses.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def read_labels(path: Path) -> dict[tuple[str, str], int]:
    """(priority, call) -> grade from a labels JSONL file."""
    grades: dict[tuple[str, str], int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                for priority, grade in record["grades"].items():
                    grades[(priority, record["id"])] = int(grade)
    return grades


def _dcg(gains: list[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def metrics(rows: Iterable[dict[str, Any]], labels: dict[tuple[str, str], int]) -> dict[str, Any]:
    """Compute the metrics of a ranking against labels (only labelled pairs count)."""
    by_priority: dict[str, list[dict[str, Any]]] = defaultdict(list)
    included_graded: list[int] = []
    ranked_priorities: set[str] = set()
    ranked_calls: set[str] = set()
    for row in rows:
        key = (row["priority"], row["call"])
        ranked_priorities.add(key[0])
        ranked_calls.add(key[1])
        if key not in labels:
            continue
        by_priority[row["priority"]].append(row)
        if row["included"]:
            included_graded.append(labels[key])
    per_priority: dict[str, dict[str, float]] = {}
    for priority, ranked in by_priority.items():
        grades = [labels[(priority, r["call"])] for r in ranked]
        n_relevant = sum(g == 2 for g in grades)
        if n_relevant == 0:
            continue
        ranked_grades = [
            labels[(priority, r["call"])]
            for r in sorted(ranked, key=lambda r: (-r["score"], r["call"]))
        ]
        ideal = sorted(grades, reverse=True)
        ndcg = _dcg([2**g - 1 for g in ranked_grades[:10]]) / _dcg([2**g - 1 for g in ideal[:10]])
        per_priority[priority] = {
            "ndcg@10": ndcg,
            "p@5": sum(g >= 1 for g in ranked_grades[:5]) / 5,
            "r@10": sum(g == 2 for g in ranked_grades[:10]) / min(10, n_relevant),
        }
    measured = {
        key: grade
        for key, grade in labels.items()
        if key[0] in ranked_priorities and key[1] in ranked_calls
    }
    relevant_pairs = sum(1 for g in measured.values() if g == 2)
    included_relevant = sum(1 for g in included_graded if g == 2)
    result: dict[str, Any] = {
        name: (
            sum(p[name] for p in per_priority.values()) / len(per_priority) if per_priority else 0.0
        )
        for name in ("ndcg@10", "p@5", "r@10")
    }
    result["digest_precision"] = (
        sum(1 for g in included_graded if g >= 1) / len(included_graded) if included_graded else 0.0
    )
    result["digest_recall"] = included_relevant / relevant_pairs if relevant_pairs else 0.0
    result["included"] = len(included_graded)
    result["priorities"] = per_priority
    result["not_ranked"] = {
        "priorities": sorted({p for p, _ in labels} - ranked_priorities),
        "calls": sorted({c for _, c in labels} - ranked_calls),
    }
    return result


def simulate_marks(
    labels: dict[tuple[str, str], int], share: float, seed: int = 0
) -> tuple[list[dict[str, str]], set[str]]:
    """The marks a coordinator would give on a random ``share`` of the labelled calls: for
    each priority, grade 2 -> interested, grade 0 -> not-relevant (grade 1 stays unmarked).
    Returns the marks (``{"call", "priority", "mark"}``) and the marked calls."""
    import random

    calls = sorted({call for _, call in labels})
    marked = set(random.Random(seed).sample(calls, round(share * len(calls))))
    marks = [
        {"call": call, "priority": priority, "mark": "interested" if grade == 2 else "not-relevant"}
        for (priority, call), grade in sorted(labels.items())
        if call in marked and grade != 1
    ]
    return marks, marked
