"""Learning from marks: what one municipality's coordinator and departments answered teaches
the ranking, for that municipality only, without embedding anything again.

A mark says a call is wanted (interested, applying, applied, granted, rejected: someone
applied) or not wanted (not-relevant) for a priority, or for every priority when it names
none. Three things are learned, each damped so that a handful of marks cannot swing the
ranking:

- **Per priority**: calls like the ones marked wanted for a priority move up for it, calls
  like the ones marked not relevant move down (the likeness of each call's mean passage
  vector to the centroid of each group, standardised over the calls; weight n / (n + K)).
- **Applicability**: the shipped applicability model's log-odds are shifted towards what this
  municipality's marks say about calls in general (wanted for some priority vs. not relevant
  for all): the same centroid likeness, damped the same way.
- **The marked pair itself** moves by a fixed step (up when wanted, down when not relevant).

Everything works on the stored vectors and scores; retraining on 1,000 marks takes well
under a second (``bench/marks_learning.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from db.language import MARK_SV, mark_value
from db.records import MARKS

POSITIVE = frozenset({"interested", "applying", "applied", "granted", "rejected"})
NEGATIVE = frozenset({"not-relevant"})

PRIORITY_WEIGHT = 1.5  # per-priority centroid likeness of the wanted calls, at full strength
NEGATIVE_WEIGHT = 0.3  # the same for calls marked not relevant (at 1.5 it hurt: docs)
# Call-level likeness (what the municipality uses at all). 1.5: both development
# municipalities choose it among the weights whose swing from one mark of each kind stays
# within one mark's through the per-priority part (bench/marks_curve.py; docs/matching.md,
# *Learning from marks*).
APPLICABILITY_WEIGHT = 1.5
DAMPING = 4.0  # n / (n + DAMPING): 1 mark counts 0.2, 4 marks 0.5, 16 marks 0.8
MARKED_STEP = 3.0  # the marked pair itself
EXPLAIN_FROM = 0.3  # adjustments smaller than this are not explained


@dataclass(frozen=True)
class MarkRow:
    """One mark as learning reads it: the call, the priority (None: every priority), the mark."""

    call: str
    priority: str | None
    mark: str


@dataclass
class Learned:
    """What the marks taught: an adjustment per (call, target), its reasons and warnings."""

    adjustment: np.ndarray
    wanted: np.ndarray | None = None  # calls × targets: the pairs a mark wanted
    reasons: dict[tuple[int, int], str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    used: int = 0


def _damp(n: int) -> float:
    return n / (n + DAMPING)


def _z(values: np.ndarray) -> np.ndarray:
    std = values.std()
    return (values - values.mean()) / std if std > 1e-9 else np.zeros_like(values)


def resolve(
    marks: Iterable[MarkRow], call_ids: list[str], priority_ids: list[str]
) -> tuple[dict[tuple[int, str], int], list[str]]:
    """(call row, priority) -> +1 wanted / -1 not relevant, and warnings for the user.

    The latest mark for a pair counts (marks are given oldest first); a mark for a priority
    overrides one for every priority. Unknown calls, priorities and marks are skipped with a
    warning; contradictory marks for one pair are named.
    """
    rows = {c: i for i, c in enumerate(call_ids)}
    known = set(priority_ids)
    labels: dict[tuple[int, str], int] = {}
    specific: set[tuple[int, str]] = set()
    seen: dict[tuple[int, str], set[int]] = {}
    unknown: dict[str, list[str]] = {"calls": [], "priorities": [], "marks": []}
    for m in marks:
        sign = 1 if m.mark in POSITIVE else -1 if m.mark in NEGATIVE else 0
        if not sign:
            unknown["marks"].append(m.mark)
        elif m.call not in rows:
            unknown["calls"].append(m.call)
        elif m.priority is not None and m.priority not in known:
            unknown["priorities"].append(m.priority)
        else:
            i = rows[m.call]
            for p in [m.priority] if m.priority is not None else priority_ids:
                if m.priority is None and (i, p) in specific:
                    continue
                labels[(i, p)] = sign
                seen.setdefault((i, p), set()).add(sign)
                if m.priority is not None:
                    specific.add((i, p))
    warnings = _unknown_warnings(unknown)
    contradictory = [key for key, signs in seen.items() if len(signs) > 1]
    if contradictory:
        i, p = contradictory[0]
        warnings.append(
            f"{len(contradictory)} utlysningar har motstridiga markeringar för samma "
            f"prioritering (t.ex. {call_ids[i]} för {p}); den senaste gäller."
        )
    return labels, warnings


def _unknown_warnings(unknown: dict[str, list[str]]) -> list[str]:
    """A warning for each kind of unusable mark: unknown calls, priorities or mark words."""
    warnings = []
    if unknown["calls"]:
        warnings.append(
            f"{len(unknown['calls'])} markeringar gäller utlysningar som inte finns "
            f"(t.ex. {unknown['calls'][0]}); de används inte. En markering anger "
            "utlysningen med dess id som i utlysningsfilen."
        )
    if unknown["priorities"]:
        names = ", ".join(sorted(set(unknown["priorities"]))[:3])
        warnings.append(
            f"{len(unknown['priorities'])} markeringar gäller prioriteringar som inte finns i "
            f"prioriteringsfilen ({names}); de används inte. Ange en prioriterings id ur "
            "filen, eller null för alla prioriteringar."
        )
    if unknown["marks"]:
        warnings.append(
            f"{len(unknown['marks'])} markeringar har en okänd markering "
            f"({', '.join(sorted(set(unknown['marks']))[:3])}); de används inte. En markering "
            f"är en av: {', '.join(MARKS)} (eller på svenska: {', '.join(MARK_SV.values())})."
        )
    return warnings


def _centroid_likeness(vectors: np.ndarray, rows: list[int]) -> np.ndarray:
    centroid = vectors[rows].mean(axis=0)
    return _z(vectors @ centroid)


def learn(
    vectors: np.ndarray,
    call_ids: list[str],
    target_priorities: list[str],
    marks: Iterable[MarkRow],
    *,
    titles: list[str] | None = None,
) -> Learned:
    """The adjustment (calls × targets) the marks teach; see the module docstring.

    ``vectors`` are the calls' mean passage vectors (rows as ``call_ids``),
    ``target_priorities`` the priority id of each target column.
    """
    n_calls, n_targets = len(call_ids), len(target_priorities)
    adjustment = np.zeros((n_calls, n_targets))
    priority_ids = list(dict.fromkeys(target_priorities))
    labels, warnings = resolve(marks, call_ids, priority_ids)
    result = Learned(adjustment, warnings=warnings, used=len(labels))
    if not labels or n_calls == 0:
        return result
    columns = {p: [j for j, q in enumerate(target_priorities) if q == p] for p in priority_ids}
    explain: dict[int, list[tuple[np.ndarray, str]]] = {j: [] for j in range(n_targets)}
    for p in priority_ids:
        adjustment[:, columns[p]] += _priority_shift(
            vectors, labels, p, columns[p], explain, call_ids, titles
        )[:, None]
    adjustment += _applicability_shift(vectors, labels, priority_ids, explain, warnings)[:, None]
    # The marked pairs themselves.
    wanted = np.zeros(adjustment.shape, dtype=bool)
    for (i, p), s in labels.items():
        for j in columns[p]:
            adjustment[i, j] += s * MARKED_STEP
            wanted[i, j] = s > 0
    result.wanted = wanted
    result.reasons = _reasons(adjustment, explain, labels, columns, call_ids)
    return result


def _priority_shift(
    vectors: np.ndarray,
    labels: dict[tuple[int, str], int],
    p: str,
    columns: list[int],
    explain: dict[int, list[tuple[np.ndarray, str]]],
    call_ids: list[str],
    titles: list[str] | None,
) -> np.ndarray:
    """Per priority: up for calls like the ones marked wanted, down for those like the ones
    marked not relevant (each damped by the number of marks)."""
    shift = np.zeros(len(call_ids))
    for sign, weight, word in (
        (1, PRIORITY_WEIGHT, "intressanta"),
        (-1, NEGATIVE_WEIGHT, "inte relevanta"),
    ):
        rows = [i for (i, q), s in labels.items() if q == p and s == sign]
        if not rows or not weight:
            continue
        part = sign * weight * _damp(len(rows)) * _centroid_likeness(vectors, rows)
        shift += part
        for j in columns:
            explain[j].append(
                (part, f"liknar {_names(rows, call_ids, titles)}, markerade {word} för {p}")
            )
    return shift


def _applicability_shift(
    vectors: np.ndarray,
    labels: dict[tuple[int, str], int],
    priority_ids: list[str],
    explain: dict[int, list[tuple[np.ndarray, str]]],
    warnings: list[str],
) -> np.ndarray:
    """For this municipality: like the calls wanted for some priority, unlike the calls not
    relevant for any. Waits (with a warning) while the marks are all of one kind."""
    by_call: dict[int, list[int]] = {}
    for (i, _), s in labels.items():
        by_call.setdefault(i, []).append(s)
    wanted = [i for i, signs in by_call.items() if max(signs) > 0]
    unwanted = [
        i for i, signs in by_call.items() if max(signs) < 0 and len(signs) == len(priority_ids)
    ]
    if wanted and unwanted:
        part = (
            APPLICABILITY_WEIGHT
            * _damp(min(len(wanted), len(unwanted)))
            * (_centroid_likeness(vectors, wanted) - _centroid_likeness(vectors, unwanted))
            / 2
        )
        for j in explain:
            explain[j].append((part, "liknar det kommunen brukar markera intressant"))
        return part
    if len(by_call) >= 10:
        kind = "intressant" if wanted else "inte relevant"
        warnings.append(
            f"Alla {len(by_call)} markerade utlysningar är markerade {kind}; markera också "
            "några av det andra slaget så att rangordningen kan lära sig skillnaden."
        )
    return np.zeros(len(vectors))


def _names(rows: list[int], call_ids: list[str], titles: list[str] | None) -> str:
    first = titles[rows[0]] if titles else call_ids[rows[0]]
    first = first if len(first) <= 60 else first[:57] + "…"
    return f"”{first}”" + (f" och {len(rows) - 1} till" if len(rows) > 1 else "")


def _reasons(
    adjustment: np.ndarray,
    explain: dict[int, list[tuple[np.ndarray, str]]],
    labels: dict[tuple[int, str], int],
    columns: dict[str, list[int]],
    call_ids: list[str],
) -> dict[tuple[int, int], str]:
    reasons: dict[tuple[int, int], str] = {}
    for (i, p), s in labels.items():
        for j in columns[p]:
            word = "intressant" if s > 0 else "inte relevant"
            reasons[(i, j)] = f"Markerad {word} för {p}."
    rows, cols = np.nonzero(np.abs(adjustment) >= EXPLAIN_FROM)
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if (i, j) in reasons or not explain[j]:
            continue
        _part, why = max(explain[j], key=lambda e: abs(float(e[0][i])))
        direction = "upp" if adjustment[i, j] > 0 else "ned"
        reasons[(i, j)] = (
            f"Flyttad {direction} {abs(adjustment[i, j]):.1f} av markeringarna: {why}."
        )
    return reasons


def learner(marks: list[MarkRow], *, by_key: bool = False) -> Any:
    """A ``feedback`` callable for :func:`matcher.pipeline.score_all` applying ``marks``,
    whose calls are ids as in a calls file (``by_key``: database keys ``source:id``)."""

    def apply(scored: Any) -> Any:
        learned = learn(
            scored.vectors,
            [c.key if by_key else c.source_id for c in scored.calls],
            scored.priority_of(),
            marks,
            titles=[c.title for c in scored.calls],
        )
        scored.adjustment = learned.adjustment
        scored.wanted = learned.wanted
        scored.adjustment_reasons = learned.reasons
        apply.warnings = learned.warnings  # type: ignore[attr-defined]
        apply.used = learned.used  # type: ignore[attr-defined]
        return scored

    apply.warnings = []  # type: ignore[attr-defined]
    apply.used = 0  # type: ignore[attr-defined]
    return apply


def read_marks(path: Any) -> tuple[list[MarkRow], list[str]]:
    """Marks from a JSON Lines file (``{"call", "priority", "mark"}``; ``priority`` may be
    left out or null for every priority; ``mark`` as :func:`db.language.mark_value` reads
    it, "not relevant" or "inte relevant" too), and a warning per unusable line that says
    what is wrong with it (a line that is not UTF-8, not JSON, or not such an object)."""
    from pathlib import Path

    from db.jsonl import read_json_lines

    rows: list[MarkRow] = []
    problems: list[str] = []
    for line in read_json_lines(Path(path), "en markering"):
        if line.error is not None:
            problems.append(f"{path}:{line.line_no}: hoppades över: {line.error}")
            continue
        record = line.value if isinstance(line.value, dict) else {}
        call, mark, priority = record.get("call"), record.get("mark"), record.get("priority")
        if (
            not isinstance(call, str)
            or not isinstance(mark, str)
            or not (priority is None or isinstance(priority, str))
        ):
            problems.append(
                f'{path}:{line.line_no}: hoppades över: raden behöver "call", "priority" och '
                '"mark" som text (priority får vara null), till exempel {"call": "ID", '
                '"priority": "ID", "mark": "interested"}'
            )
        else:
            rows.append(MarkRow(call, priority or None, mark_value(mark) or mark))
    return rows, problems
