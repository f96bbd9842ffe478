"""The logic the benchmarks report figures with: how a fit chooses weights, how sure a paired
change is, and how their options are read. The benchmarks themselves run on the real data
(docs/matching.md); these parts decide what their tables say, so they are tested here."""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bench.cross_municipality import GRID, _neighbours, fit, meets_targets, ranked
from bench.digest_audit import applicant_answer
from bench.marks_curve import _learners, _refit_logit
from bench.match_change import Stored, compare
from bench.score_levers import _paired
from db.connection import open_db
from matcher.scoring import SHIPPED, Weights
from tests.notifier_world import add_match, fixture_calls, fixture_ids, store


def _grid() -> list[Weights]:
    return [
        dataclasses.replace(SHIPPED, **dict(zip(GRID, values, strict=True)))
        for values in itertools.product(*GRID.values())
    ]


def _results(objective: dict[Weights, float]) -> dict[Weights, dict[str, dict[str, Any]]]:
    """Each combination's metrics on two sets, its objective split between nDCG@10 and P@5."""
    return {
        w: {name: {"ndcg@10": value / 2, "p@5": value / 2} for name in ("a", "a-all")}
        for w, value in objective.items()
    }


def test_a_fit_prefers_a_broad_optimum_to_a_lucky_point() -> None:
    grid = _grid()
    plateau = dataclasses.replace(
        SHIPPED,
        lexical=0.5,
        term_likeness=0.25,
        applicability=0.15,
        prior=1.0,
        research=1.5,
        second_priority=0.5,
    )
    near = set(_neighbours(plateau))
    spike = dataclasses.replace(plateau, lexical=0.25, research=4.0)
    # itself, and one step either way in each weight not at the end of its values
    assert spike not in near and len(near) == 1 + 2 + 2 + 2 + 1 + 2 + 1
    objective = {w: 1.6 if w in near else 1.0 for w in grid}
    objective[spike] = 1.8  # one lucky combination among poor neighbours
    results = _results(objective)
    assert fit(results, ("a", "a-all"), plain=True) == spike
    assert fit(results, ("a", "a-all")) == plateau


def test_the_neighbourhoods_are_ranked_best_first_and_the_fit_is_the_first() -> None:
    grid = _grid()
    objective = {w: 1.0 + 0.001 * i for i, w in enumerate(grid)}
    results = _results(objective)
    order = ranked(results, ("a", "a-all"))
    assert len(order) == len(grid)
    assert [o for o, _ in order] == sorted((o for o, _ in order), reverse=True)
    assert order[0][1] == fit(results, ("a", "a-all"))
    assert ranked(results, ("a", "a-all"), plain=True)[0][1] == grid[-1]


@pytest.mark.parametrize(
    ("ndcg", "p5", "precision", "recall", "meets"),
    [
        (0.65, 0.80, 0.60, 0.80, True),  # each target exactly met
        (0.90, 1.00, 0.84, 0.76, False),  # the digest's recall short, as Södertälje 320
        (0.90, 0.77, 0.90, 1.00, False),  # one wrong call in a top five
        (0.64, 1.00, 0.90, 1.00, False),
        (0.90, 1.00, 0.59, 1.00, False),
    ],
)
def test_a_set_meets_the_targets_only_when_it_meets_each(
    ndcg: float, p5: float, precision: float, recall: float, meets: bool
) -> None:
    m = {"ndcg@10": ndcg, "p@5": p5, "digest_precision": precision, "digest_recall": recall}
    assert meets_targets(m) is meets


def test_neighbours_are_one_grid_step_away_in_one_weight() -> None:
    corner = _grid()[0]
    for other in _neighbours(corner)[1:]:
        changed = [k for k in GRID if getattr(other, k) != getattr(corner, k)]
        assert len(changed) == 1
        values = GRID[changed[0]]
        step = values.index(getattr(other, changed[0])) - values.index(getattr(corner, changed[0]))
        assert abs(step) == 1
    assert len(_neighbours(corner)) == 1 + len(GRID)  # a corner has one neighbour per weight


def _per_priority(ndcg: list[float], p5: list[float]) -> dict[str, Any]:
    return {
        "priorities": {
            f"p{i}": {"ndcg@10": n, "p@5": p} for i, (n, p) in enumerate(zip(ndcg, p5, strict=True))
        }
    }


def test_a_paired_change_reports_its_mean_interval_and_counts() -> None:
    before = {"s": _per_priority([0.5, 0.5, 0.5, 0.5], [0.6, 0.6, 0.6, 0.6])}
    after = {"s": _per_priority([0.6, 0.7, 0.5, 0.4], [0.8, 0.6, 0.6, 0.4])}
    cells = [c.strip() for c in _paired(before, after, ("s",)).split("|")]
    assert cells[0] == "4"
    mean, interval = cells[1].split(" ", 1)
    assert mean == "+0.050"
    low, high = (float(x) for x in interval.strip("[]").split(","))
    assert -0.1 <= low < 0.05 < high <= 0.2  # within the changes' range, around the mean
    assert cells[2] == "2 / 1"  # two rose, one fell, one stayed
    assert cells[3] == "+0.000, 1 / 1"
    # No change at all: an interval of nothing.
    same = [c.strip() for c in _paired(before, before, ("s",)).split("|")]
    assert same[1] == "+0.000 [+0.000, +0.000]" and same[2] == "0 / 0"


def test_a_benchmarks_learners_are_read_or_refused_with_what_to_write() -> None:
    assert _learners("1.5/0.3/0.75,4/0.3/2") == [(1.5, 0.3, 0.75), (4.0, 0.3, 2.0)]
    for wrong in ("1.5/0.3", "a/b/c"):
        with pytest.raises(argparse.ArgumentTypeError):
            _learners(wrong)
    assert np.isfinite([w for learner in _learners("1/2/3") for w in learner]).all()


def test_the_applicability_refit_from_marks_moves_the_log_odds_towards_them() -> None:
    # One feature that tells wanted from unwanted, a constant, an offset that says the
    # opposite: a weak penalty follows the marks, a strong one keeps the offset.
    rng = np.random.default_rng(0)
    signal = np.concatenate([rng.normal(1.0, 0.3, 20), rng.normal(-1.0, 0.3, 20)])
    x = np.column_stack([signal, np.ones(40)])
    y = np.array([1.0] * 20 + [0.0] * 20)
    offset = -signal  # the model before the marks ranks them the wrong way round
    marked = np.arange(0, 40, 2)  # half the calls are marked; the rest are judged
    rest = np.arange(1, 40, 2)
    weak = _refit_logit(x, offset, marked, y[marked], penalty=0.1)
    strong = _refit_logit(x, offset, marked, y[marked], penalty=1e6)
    assert (weak[rest][y[rest] == 1].min()) > (weak[rest][y[rest] == 0].max())
    assert np.allclose(strong, offset, atol=1e-3)
    # The penalty holds the intercept too: marks all of one kind shift every call by little.
    shifted = _refit_logit(x, np.zeros(40), marked, np.zeros(len(marked)), penalty=100.0)
    assert np.abs(shifted).max() < 1.0


def test_a_code_changes_stored_matches_are_compared_pair_by_pair() -> None:
    """What bench/match_change.py reports of two runs: inclusions in and out (a pair one run
    did not store counts as not included there), scores that move, and quotes that change,
    those of pairs included in both apart."""
    before = {
        ("a", "p"): Stored(3.0, True, "Same quote."),
        ("b", "p"): Stored(2.6, True, "Old quote."),
        ("c", "p"): Stored(2.0, False, "Quote."),
        ("d", "p"): Stored(2.7, True, "Gone."),
    }
    after = {
        ("a", "p"): Stored(3.005, True, "Same quote."),
        ("b", "p"): Stored(2.4, False, "New quote."),
        ("c", "p"): Stored(2.8, True, "Quote, read anew."),
        ("e", "p"): Stored(4.0, True, "New pair."),
    }
    changes = compare(before, after)
    assert changes.pairs == (4, 4)
    assert changes.came_in == [("c", "p"), ("e", "p")]
    assert changes.went_out == [("b", "p"), ("d", "p")]
    assert changes.moved == 2  # b and c; a moved by less than 0.01
    assert changes.largest == pytest.approx(0.8)
    assert changes.quotes == [("b", "p"), ("c", "p")]
    assert changes.included_quotes == []  # neither is included in both runs
    again = compare(before, {**before, ("a", "p"): Stored(3.0, True, "Another quote.")})
    assert again.included_quotes == [("a", "p")] and again.came_in == again.went_out == []


def test_the_digest_audit_reads_who_may_apply_from_the_stored_check(tmp_path: Path) -> None:
    """What bench/digest_audit.py counts as an item that says who may apply: its call's stored
    applicant check passed or failed; unknown, or no stored match, says nothing."""
    ids = fixture_ids()[:3]
    calls = fixture_calls(ids)
    db = open_db(tmp_path / "audit.db")
    store(db, list(calls.values()))
    facts = {
        ids[0]: [{"check": "sökande", "result": "pass", "reason": "Kommuner kan söka."}],
        ids[1]: [{"check": "sökande", "result": "unknown", "reason": "Framgår inte."}],
    }
    with db.conn:
        for call_id, found in facts.items():
            add_match(db, calls[call_id], facts=found)
    db.conn.close()
    con = sqlite3.connect(tmp_path / "audit.db")
    answers = [applicant_answer(con, calls[i].key) for i in ids]
    con.close()
    assert answers == ["pass", "unknown", None]
