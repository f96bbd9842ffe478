"""The score's rules on their own arrays (matcher.scoring): a call serves its best priorities
first; a research programme's call loses by how unlikely a municipality can use it."""

from __future__ import annotations

import numpy as np

from matcher.scoring import (
    RESEARCH_PENALTY,
    SECOND_PRIORITY_PENALTY,
    ScoreParts,
    Weights,
    combine,
    final_score,
    priority_rank_penalty,
)


def test_a_call_loses_nothing_for_its_best_priority_and_at_most_twice_the_step() -> None:
    # Columns: priority a, a's board goal, b, c, d. Call 0 is best for b (via nothing else),
    # then a (through its goal), then c, then d.
    score = np.array([[1.0, 2.5, 3.0, 0.5, -1.0], [4.0, 0.0, 1.0, 2.0, 3.0]])
    penalty = priority_rank_penalty(score, ["a", "a", "b", "c", "d"])
    step = SECOND_PRIORITY_PENALTY
    assert penalty[0].tolist() == [step, step, 0.0, 2 * step, 2 * step]
    assert penalty[1].tolist() == [0.0, 0.0, 2 * step, 2 * step, step]


def test_one_priority_or_no_calls_change_nothing() -> None:
    assert not priority_rank_penalty(np.array([[1.0, 3.0]]), ["a", "a"]).any()
    assert priority_rank_penalty(np.zeros((0, 3)), ["a", "b", "c"]).shape == (0, 3)


def _parts(research: list[float], applicability: list[float] | None) -> ScoreParts:
    n = len(research)
    raw = np.tile([0.8, 0.6, 0.7], (n, 1))  # every call alike, so only the call's facts differ
    return ScoreParts(
        raw,
        ["en"] * n,
        np.zeros(n),
        np.zeros((n, 1)),
        research=np.array(research)[:, None],
        applicability=None if applicability is None else np.array(applicability),
    )


def test_a_research_call_loses_by_how_unlikely_a_municipality_can_use_it() -> None:
    # Calls: research with a municipal role, research without one, not research (same odds).
    parts = _parts([1.0, 1.0, 0.0], [3.0, -3.0, -3.0])
    plain, _ = combine(parts, Weights(applicability=0.0))
    lost = -plain[:, 0]
    assert np.isclose(lost[0], RESEARCH_PENALTY / (1 + np.exp(3.0)))
    assert np.isclose(lost[1], RESEARCH_PENALTY / (1 + np.exp(-3.0)))
    assert lost[2] == 0.0
    assert lost[0] < 0.15 * RESEARCH_PENALTY < 0.85 * RESEARCH_PENALTY < lost[1]


def test_without_an_applicability_model_a_research_call_loses_half() -> None:
    score, _ = combine(_parts([1.0, 0.0], None))
    assert np.allclose(score[0] - score[1], -RESEARCH_PENALTY / 2)


def test_final_score_is_the_combination_less_the_rank_penalty() -> None:
    parts = _parts([0.0, 1.0], [1.0, 0.0])
    parts.raw_relevance = np.array([[0.9, 0.5, 0.4], [0.3, 0.8, 0.2]])
    combined, _ = combine(parts)
    score, _, penalty = final_score(parts, ["a", "b", "c"], Weights(second_priority=0.25))
    assert np.allclose(score, combined - penalty)
    assert sorted(penalty[0].tolist()) == [0.0, 0.25, 0.5]
