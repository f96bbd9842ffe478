"""The score's rule that a call serves its best priorities first (matcher.scoring)."""

from __future__ import annotations

import numpy as np

from matcher.scoring import SECOND_PRIORITY_PENALTY, priority_rank_penalty


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
