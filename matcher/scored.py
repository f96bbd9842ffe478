"""One scoring run's state: every call × target, with the parts its score was made of.

:func:`matcher.pipeline.score_all` makes it; matching stores its pairs, ranking and the
evaluation read it, and a benchmark recombines its parts with other weights
(:meth:`Scored.recombined`) without embedding anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from db.records import Call
from matcher.explain import Fact
from matcher.lexical import own_terms
from matcher.scoring import (
    ScoreParts,
    Weights,
    abroad_elsewhere,
    digest_worthy,
    final_score,
    order_score,
    research_held_back,
    wordless,
)
from priorities import Priorities, Target


@dataclass
class Scored:
    """Every call × target of one scoring run."""

    call_ids: list[str]
    calls: list[Call]
    targets: list[Target]
    score: np.ndarray
    semantic: np.ndarray
    prior: np.ndarray
    best_chunk: np.ndarray
    chunk_texts: list[str]
    eligibility: list[tuple[str, list[Fact]]]
    call_hashes: list[str]
    vectors: np.ndarray  # each call's mean passage vector (for learning from marks)
    applicability: np.ndarray  # log-odds per call
    terms: list[list[str]]  # search terms per target
    adjustment: np.ndarray | None = None  # calls × targets, from the marks
    wanted: np.ndarray | None = None  # calls × targets, the pairs a mark wanted
    adjustment_reasons: dict[tuple[int, int], str] = field(default_factory=dict)
    rank_penalty: np.ndarray | None = None  # calls × targets, step 7 (not the best priority)
    order: np.ndarray | None = None  # calls × targets, what orders a call's priorities
    parts: ScoreParts | None = None  # the inputs of the score, for recombining in benchmarks
    passages: np.ndarray | None = None  # passage vectors, rows grouped by call (explanations)
    passage_starts: np.ndarray | None = None  # each call's first row in ``passages``
    target_vectors: np.ndarray | None = None  # each target's whole text (the quote's passage)
    term_vectors: np.ndarray | None = None  # every distinct search term's query vector
    term_members: list[list[int]] | None = None  # per target, the rows of its terms
    shared: frozenset[str] | None = None  # the standard text's sentence keys (explain)
    own_terms: list[list[str]] | None = None  # per target, its terms but its owners' names'

    def own_search_terms(self) -> list[list[str]]:
        """Per target, its search terms less those of its owners' names (as scored, or
        computed again for a state built without them)."""
        return self.own_terms if self.own_terms is not None else own_terms(self.targets)

    def priority_of(self) -> list[str]:
        """The priority id of every target column."""
        return [t.priority_id for t in self.targets]

    def recombined(self, weights: Weights, parts: ScoreParts | None = None) -> Scored:
        """A copy scored from its parts (or these ``parts``) with other weights (steps 2–7,
        before marks), embedding nothing: how a benchmark measures another recipe."""
        parts = parts or self.parts
        if parts is None:
            raise ValueError("a scoring state without its parts cannot be recombined")
        order = order_score(parts, weights)
        score, _, penalty = final_score(parts, self.priority_of(), weights, order=order)
        return replace(self, score=score, order=order, rank_penalty=penalty, parts=parts)

    def held_back(self) -> np.ndarray:
        """Calls × targets: pairs kept out of the digests whatever their score: a research
        programme's call a municipality can unlikely use
        (:func:`matcher.scoring.research_held_back`), and a call whose work is done outside
        the EU for a priority that is not about work across borders
        (:func:`matcher.scoring.abroad_elsewhere`), and a call that uses none of the
        priority's words (:func:`matcher.scoring.wordless`), unless a mark wanted the pair."""
        shape = self.score.shape
        if self.parts is None:
            return np.zeros(shape, dtype=bool)
        held = np.broadcast_to(research_held_back(self.parts)[:, None], shape).copy()
        held |= abroad_elsewhere(self.parts)
        held |= wordless(self.parts)
        if self.wanted is not None:
            held &= ~self.wanted  # the coordinator asked for it
        return held

    def worthy(self, priorities: Priorities) -> np.ndarray:
        """Calls × targets: the pairs good enough for a digest with the file's thresholds
        (:func:`matcher.scoring.digest_worthy`), before the eligibility gate."""
        strong, possible = priorities.thresholds.strong, priorities.thresholds.possible
        return digest_worthy(
            self.score,
            self.priority_of(),
            strong,
            possible,
            self.digest_order(),
            held_back=self.held_back(),
        )

    def digest_order(self) -> np.ndarray | None:
        """What names each call's best priority for the digest: :attr:`order` plus what
        the marks moved (None without an order: the score decides)."""
        if self.order is None:
            return None
        return self.order if self.adjustment is None else self.order + self.adjustment
