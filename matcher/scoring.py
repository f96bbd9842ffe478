"""From vectors to scores: the measured recipe of the matcher (see docs/matching.md).

For every call c and target t (a priority or board goal):

1. relevance(c, t) = ½ · max over passages of cos(passage, t)
                   + ½ · mean of the two best facets of t, each max over passages.
2. Subtract the call's mean relevance over all targets: calls that resemble everything
   (long, generic, or in Swedish, the language of the priorities) lose their head start.
3. Standardise per target within each call language (Swedish / other): a Swedish call is
   compared with Swedish calls, an English one with English ones; minus the target's mean,
   divided by one spread for all targets of the language (:data:`OWN_SPREAD` 0), so that a
   narrow target is not stretched until a small lead is many standard deviations.
4. Add the English search terms' evidence (the target's keywords and the glossary's English
   terms for its Swedish text, :mod:`matcher.glossary`), twice: their TF-IDF words in the
   call's text, and their e5 likeness to its passages (:func:`term_likeness`: each term's
   best passage, the mean of the target's three best terms), so that a call that says the
   same in other words is found too. Each centred per call and standardised per target the
   same way; a target without terms gets nothing from them, and a target with few terms
   (no English keyword and fewer than :data:`matcher.lexical.MIN_TERMS`) gets their
   likeness in proportion (:func:`matcher.lexical.term_shares`): e5 spreads a lone term of a
   neighbouring subject over every call on that subject.
5. Add the applicability model's log-odds (:mod:`matcher.applicability`) and the
   municipal-role prior (z-scored; :mod:`matcher.prior`). A call of a research framework
   programme (Horizon Europe and the like) loses :data:`RESEARCH_PENALTY` times the
   probability that a municipality cannot use it: a research topic with no municipal role
   sinks, a Mission topic that cities carry out keeps its place; research done outside the
   EU loses it whole and a failed check's weight on top; another programme's call done
   there loses a failed check's weight for a target that is not about work across borders
   (:func:`abroad_loss`).
6. The eligibility gate: a failed check costs :data:`FAIL_PENALTY`, which sinks the pair below
   nearly every eligible one (a digest never includes it).
7. A call serves its best priorities first: its second-best priority loses 0.5, the rest
   1.0 (:func:`priority_rank_penalty`). Which priority is a call's best is read from the
   score of steps 2–6 standardised over all calls (:func:`order_score`), not within its
   language: among Swedish calls, most of them on energy, an energy call is ordinary for an
   energy priority, and within its language it would seem to serve another one best.
8. Learning from marks (:mod:`matcher.feedback`) adds a damped per-municipality adjustment.

The weights are a :class:`Weights` (the shipped ones are :data:`SHIPPED`); the inputs of steps
2–6 are a :class:`ScoreParts`, so a benchmark can recombine them with other weights without
embedding anything (``bench/cross_municipality.py``).

The score is in standard deviations (a typical target's, step 3) above the typical call for
the target: 0 is ordinary, ≥ 2.5 (möjlig) stands out, ≥ 4.0 (stark) stands out clearly.
Every weight was chosen by fitting on one development municipality and measuring on the
other (docs/matching.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

RELEVANCE_WHOLE = 0.5  # weight of the whole target text against its best facets
LEXICAL_WEIGHT = 0.5  # the English search terms' evidence: their words in the call (TF-IDF)
TERM_LIKENESS_WEIGHT = 0.25  # the same terms' e5 likeness to the call's passages
TERM_LIKENESS_TOP = 3  # a target's likeness is the mean of its best this many terms
APPLICABILITY_WEIGHT = 0.15  # log-odds of the applicability model
PRIOR_WEIGHT = 1.0
RESEARCH_PENALTY = 4.0  # times the probability that a municipality cannot use the call
FAIL_PENALTY = 4.0
MIN_GROUP = 15  # fewer calls than this in a language: use the pooled statistics
TERM_BLOCK = 256  # search terms compared with all passages at a time
MIN_CENTRED = 3  # fewer targets than this: no centring per call (it would erase the score)
SECOND_PRIORITY_PENALTY = 0.5  # a call's second-best priority; its third and later lose twice
OWN_SPREAD = 0.0  # step 3: the share of a target's own spread in its scale (the rest common)
DEFAULT_STRONG = 4.0
DEFAULT_POSSIBLE = 2.5
# A research programme's call that a municipality can more likely than not *not* use stays
# out of the digests (it is still ranked, searched and shown).
DIGEST_RESEARCH_CHANCE = 0.5
CALL_USE = "call_use"  # matcher state: per call, what a search weighs of its use (call_use)


@dataclass(frozen=True)
class Weights:
    """The weights of the recipe (steps 4–7); :data:`SHIPPED` holds the measured ones."""

    lexical: float = LEXICAL_WEIGHT
    term_likeness: float = TERM_LIKENESS_WEIGHT
    applicability: float = APPLICABILITY_WEIGHT
    prior: float = PRIOR_WEIGHT
    research: float = RESEARCH_PENALTY
    fail: float = FAIL_PENALTY
    second_priority: float = SECOND_PRIORITY_PENALTY
    own_spread: float = OWN_SPREAD


SHIPPED = Weights()


@dataclass
class ScoreParts:
    """The inputs of the score of calls (rows) × targets (columns), before any weight."""

    raw_relevance: np.ndarray  # calls × targets, step 1
    languages: list[str]  # per call
    prior: np.ndarray  # per call, z-scored
    failed: np.ndarray  # calls × 1: an eligibility check failed
    research: np.ndarray | None = None  # calls × 1: a research framework programme
    terms: np.ndarray | None = None  # calls × targets, TF-IDF of the terms (NaN: no terms)
    term_likeness: np.ndarray | None = None  # calls × targets, e5 of the terms (NaN: no terms)
    term_shares: np.ndarray | None = None  # per target, the share of the likeness it gets
    applicability: np.ndarray | None = None  # per call, log-odds
    abroad: np.ndarray | None = None  # calls × 1: the work is done outside the EU
    international: np.ndarray | None = None  # per target: 1 when it is about work abroad
    shown: np.ndarray | None = None  # calls × targets: the call uses some of the target's words
    common: frozenset[str] = frozenset()  # words most calls hold (lexical.term_reading)


def segment_starts(call_index: np.ndarray) -> np.ndarray:
    """Start row of each call's passages (rows are grouped by call)."""
    change = np.flatnonzero(np.diff(call_index)) + 1
    return np.concatenate([[0], change])


def _segment_max(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return np.maximum.reduceat(values, starts, axis=0)


def relevance(
    chunks: np.ndarray,
    starts: np.ndarray,
    target_vectors: np.ndarray,
    facet_vectors: list[np.ndarray],
    ignore: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Raw relevance (calls × targets) and the best passage row of each pair.

    ``ignore`` (a flag per passage row) leaves passages out of the best: a passage made
    mostly of a programme's standard text (a Mission's background, the paragraph on the
    gender dimension) says nothing of its call, yet it would make every topic that carries it
    look like whatever that text is about. A call whose every passage is flagged keeps them
    all.
    """
    drop = _dropped(starts, ignore) if ignore is not None else None

    def likeness(vectors: np.ndarray) -> np.ndarray:  # passages × vectors
        sims = chunks @ vectors.T
        return sims if drop is None else np.where(drop[:, None], -np.inf, sims)

    sims = likeness(target_vectors)
    whole = _segment_max(sims, starts)
    best = np.zeros(whole.shape, dtype=np.int64)
    ends = np.append(starts[1:], len(chunks))
    for i, (a, b) in enumerate(zip(starts, ends, strict=True)):
        best[i] = a + np.argmax(sims[a:b], axis=0)
    facets = np.empty_like(whole)
    for t, vectors in enumerate(facet_vectors):
        if len(vectors) == 0:
            facets[:, t] = whole[:, t]
            continue
        per_facet = _segment_max(likeness(vectors), starts)  # calls × facets
        top = np.sort(per_facet, axis=1)[:, -2:]
        facets[:, t] = top.mean(axis=1)
    return RELEVANCE_WHOLE * whole + (1 - RELEVANCE_WHOLE) * facets, best


def _dropped(starts: np.ndarray, ignore: np.ndarray) -> np.ndarray:
    """The ignored rows of the calls that keep at least one row (a flag per row)."""
    drop = ignore.astype(bool).copy()
    ends = np.append(starts[1:], len(ignore))
    for a, b in zip(starts, ends, strict=True):
        if drop[a:b].all():
            drop[a:b] = False
    return drop


def term_likeness(
    chunks: np.ndarray,
    starts: np.ndarray,
    vocabulary: np.ndarray,
    members: list[list[int]],
    top: int = TERM_LIKENESS_TOP,
) -> np.ndarray:
    """Calls × targets: the mean of a target's ``top`` best search terms, each term's likeness
    its best passage's cosine; NaN for a target without terms.

    ``vocabulary`` holds every distinct term's query vector (a row each) and ``members`` the
    rows of each target's terms, so a term several targets share is compared once.
    """
    best = np.empty((len(starts), len(vocabulary)), dtype=np.float32)
    for first in range(0, len(vocabulary), TERM_BLOCK):  # bounds the passages × terms matrix
        block = vocabulary[first : first + TERM_BLOCK]
        best[:, first : first + len(block)] = _segment_max(chunks @ block.T, starts)
    out = np.full((len(starts), len(members)), np.nan)
    for t, rows in enumerate(members):
        if rows:
            k = min(top, len(rows))
            out[:, t] = np.sort(best[:, rows], axis=1)[:, -k:].mean(axis=1)
    return out


def standardise_by_language(
    values: np.ndarray, languages: list[str], own_spread: float = OWN_SPREAD
) -> np.ndarray:
    """Standardise each column within each language group (pooled when a group is small):
    minus the column's mean, divided by a blend of the column's own spread (``own_spread``
    of its variance) and the spread common to the group's columns (their root mean square).

    With its own spread alone (1) every target has as many calls far above its mean, however
    many calls are truly about it; with the common spread (0) a target whose scores spread
    widely (many calls about it, many not) keeps its wide tail, and a narrow one is not
    stretched to match it.
    """
    out = np.empty_like(values)
    groups = np.array([lang if lang == "sv" else "other" for lang in languages])
    everyone = np.ones(len(groups), dtype=bool)
    for group in set(groups.tolist()):
        rows = groups == group
        source = rows if rows.sum() >= MIN_GROUP else everyone
        mean, own = values[source].mean(axis=0), values[source].std(axis=0) + 1e-6
        common = np.sqrt((own**2).mean()) if own.size else own
        spread = np.sqrt(own_spread * own**2 + (1 - own_spread) * common**2)
        out[rows] = (values[rows] - mean) / spread
    return out


def municipal_prior(
    chunks: np.ndarray, starts: np.ndarray, municipal: np.ndarray, other: np.ndarray
) -> np.ndarray:
    """Per call: best likeness to municipal calls minus best likeness to others, z-scored."""
    role = _segment_max(chunks @ municipal.T, starts).max(axis=1)
    not_role = _segment_max(chunks @ other.T, starts).max(axis=1)
    raw = role - not_role
    if len(raw) < 2:
        return np.zeros_like(raw)
    return (raw - raw.mean()) / (raw.std() + 1e-6)


def centre(values: np.ndarray) -> np.ndarray:
    """Subtract each call's mean over the targets (not with fewer than :data:`MIN_CENTRED`
    targets: with one priority it would leave nothing)."""
    if values.shape[1] < MIN_CENTRED:
        return values
    return values - values.mean(axis=1, keepdims=True)


def term_evidence(
    values: np.ndarray, languages: list[str], own_spread: float = OWN_SPREAD
) -> np.ndarray:
    """A term part (calls × targets, NaN for a target without terms) centred per call over the
    targets that have terms and standardised per target within language (with ``own_spread``
    of its own spread, :func:`standardise_by_language`); 0 where no terms."""
    out = np.zeros(values.shape)
    present = ~np.isnan(values).all(axis=0) if values.size else np.zeros(values.shape[1], bool)
    if present.any():
        centred = centre(values[:, present])
        out[:, present] = standardise_by_language(centred, languages, own_spread)
    return out


def likeness_evidence(parts: ScoreParts, weights: Weights = SHIPPED) -> np.ndarray:
    """The terms' likeness part (calls × targets) before its weight: the evidence of
    :func:`term_evidence`, times each target's share (all of it without shares)."""
    if parts.term_likeness is None:
        return np.zeros(parts.raw_relevance.shape)
    evidence = term_evidence(parts.term_likeness, parts.languages, weights.own_spread)
    if parts.term_shares is not None:
        evidence = evidence * parts.term_shares[None, :]
    return evidence


def words_part(parts: ScoreParts, weights: Weights = SHIPPED) -> np.ndarray:
    """What the English search terms' words in the call (TF-IDF, step 4) add to the score,
    calls × targets, weight included; 0 without terms. Standardised over all calls together
    (the terms are English whatever the call's language)."""
    if parts.terms is None:
        return np.zeros(parts.raw_relevance.shape)
    pooled = ["other"] * len(parts.terms)
    return weights.lexical * term_evidence(parts.terms, pooled, weights.own_spread)


def combine(parts: ScoreParts, weights: Weights = SHIPPED) -> tuple[np.ndarray, np.ndarray]:
    """Score and the semantic part (both calls × targets) of steps 2–6; see the module
    docstring. Parts left out (None) add nothing."""
    spread = weights.own_spread
    semantic = standardise_by_language(centre(parts.raw_relevance), parts.languages, spread)
    score = semantic + weights.prior * parts.prior[:, None] - weights.fail * parts.failed
    score = score + words_part(parts, weights)
    if parts.term_likeness is not None:
        score = score + weights.term_likeness * likeness_evidence(parts, weights)
    if parts.applicability is not None:
        score = score + weights.applicability * parts.applicability[:, None]
    score = score - research_loss(parts, weights)[:, None] - abroad_loss(parts, weights)
    return score, semantic


def usable_probability(parts: ScoreParts) -> np.ndarray:
    """Per call: the applicability model's probability that a municipality can use it (½
    for every call without a model: as likely usable as not)."""
    if parts.applicability is None:
        return np.full(len(parts.raw_relevance), 0.5)
    return 1.0 / (1.0 + np.exp(-parts.applicability))


def research_loss(parts: ScoreParts, weights: Weights = SHIPPED) -> np.ndarray:
    """Per call: what a research programme's call loses (step 5), 0 for other calls. Research
    whose work is done outside the EU (``abroad``: :func:`matcher.prior.done_abroad`) loses
    the whole penalty, whatever the applicability model says, and what a failed eligibility
    check loses on top: a Swedish municipality has no part in it, so it ranks with the calls
    it cannot apply for (measured: with every combination of the weights' grid each step
    lowers no development set's nDCG@10 or P@5, docs/matching.md). Unlike a failed check, a
    mark can still lift it."""
    if parts.research is None:
        return np.zeros(len(parts.raw_relevance))
    unusable = 1.0 - usable_probability(parts)
    abroad = np.zeros(len(unusable))
    if parts.abroad is not None:
        abroad = (parts.abroad[:, 0] > 0).astype(float)
        unusable = np.where(abroad > 0, 1.0, unusable)
    return parts.research[:, 0] * (weights.research * unusable + weights.fail * abroad)


def abroad_elsewhere(parts: ScoreParts) -> np.ndarray:
    """Calls × targets: True where a call that is not research has its work done outside the
    EU (``abroad``) and the target is not about work across borders (``international``:
    :func:`matcher.prior.international_work`). Research done abroad loses more, for every
    target (:func:`research_loss`)."""
    shape = parts.raw_relevance.shape
    if parts.abroad is None or parts.international is None:
        return np.zeros(shape, dtype=bool)
    abroad = parts.abroad[:, 0] > 0
    if parts.research is not None:
        abroad &= parts.research[:, 0] == 0
    return abroad[:, None] & (parts.international[None, :] == 0)


def abroad_loss(parts: ScoreParts, weights: Weights = SHIPPED) -> np.ndarray:
    """Calls × targets: what a call whose work is done outside the EU loses for a target that
    is not about work across borders (:func:`abroad_elsewhere`): a failed check's weight.
    Capacity building for vocational education in the Western Balkans is the partner
    country's matter for a priority on the municipality's own schools; for one on
    international exchanges it is what the priority asks for, and it loses nothing there."""
    return weights.fail * abroad_elsewhere(parts)


def call_use(parts: ScoreParts) -> np.ndarray:
    """Calls × 3: what a search weighs of each call's use to a municipality, stored by the
    matcher under :data:`CALL_USE` (matcher/search.py reads it): the applicability log-odds
    (0 without a model), 1 for a research programme's call (step 5), and 1 for research done
    outside the EU (``abroad``)."""
    n = len(parts.prior)
    logit = parts.applicability if parts.applicability is not None else np.zeros(n)
    research = parts.research[:, 0] if parts.research is not None else np.zeros(n)
    abroad = parts.abroad[:, 0] if parts.abroad is not None else np.zeros(n)
    return np.column_stack([logit, research > 0, (research > 0) & (abroad > 0)]).astype(float)


def research_held_back(parts: ScoreParts) -> np.ndarray:
    """Per call: True for a research programme's call that a municipality can use with a
    probability under :data:`DIGEST_RESEARCH_CHANCE` (the applicability model's; without a
    model none is held back for it), or whose work is done outside the EU (``abroad``:
    :func:`matcher.prior.done_abroad`). Such a call keeps its score but stays out of the
    digests: measured across municipalities neither took a grade-2 pair out of them."""
    held = np.zeros(len(parts.raw_relevance), dtype=bool)
    if parts.research is None:
        return held
    research = parts.research[:, 0] > 0
    if parts.abroad is not None:
        held |= research & (parts.abroad[:, 0] > 0)
    if parts.applicability is not None:
        held |= research & (usable_probability(parts) < DIGEST_RESEARCH_CHANCE)
    return held


def wordless(parts: ScoreParts) -> np.ndarray:
    """Calls × targets: True where the call uses none of the target's words (its keywords,
    one of its English search terms whole, or for a Swedish call the glossary's terms for its
    text: :func:`matcher.lexical.words_shown`, the words the match lists). Such a pair keeps
    its score but stays out of the digests: e5's likeness alone puts a call that fits no
    priority with the one it is least unlike (construction sites with mountain tourism, a
    call on municipal energy advice with Sami language), and a reader finds nothing of the
    priority in it. Measured across
    municipalities it took no grade-2 pair out of a digest (docs/matching.md)."""
    if parts.shown is None:
        return np.zeros(parts.raw_relevance.shape, dtype=bool)
    return ~parts.shown


def order_score(parts: ScoreParts, weights: Weights = SHIPPED) -> np.ndarray:
    """Calls × targets: what orders a call's priorities (step 7, and the digest's best
    priority): the score of steps 2–6 with every call standardised against all calls.

    Within its language a call is compared with calls that may share its subject: most
    Swedish calls are the Swedish Energy Agency's, so a Swedish energy call is ordinary for
    an energy priority and stands out a little for one it barely touches (gender equality,
    citizens' dialogue). The score keeps the within-language step (it ranks better on both
    development municipalities); which priority a call serves is read across all calls.
    """
    pooled = replace(parts, languages=["other"] * len(parts.languages))
    return combine(pooled, weights)[0]


def final_score(
    parts: ScoreParts,
    priority_of: list[str],
    weights: Weights = SHIPPED,
    *,
    order: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(score, semantic, rank penalty) of steps 2–7, calls × targets (before marks); the
    penalty follows ``order`` (:func:`order_score` of the same parts and weights, computed
    here when not given)."""
    score, semantic = combine(parts, weights)
    if order is None:
        order = order_score(parts, weights)
    penalty = priority_rank_penalty(order, priority_of, weights.second_priority)
    return score - penalty, semantic, penalty


def best_priority(score: np.ndarray, priority_of: list[str]) -> np.ndarray:
    """Calls × targets: True where the target's priority is the call's best priority (the
    best of a priority and its goals counts for the priority)."""
    if score.size == 0:
        return np.zeros(score.shape, dtype=bool)
    top = score.max(axis=1, keepdims=True)
    ids = np.array(priority_of)
    best = np.zeros(score.shape, dtype=bool)
    for pid in dict.fromkeys(priority_of):
        columns = ids == pid
        hit = score[:, columns].max(axis=1, keepdims=True) >= top
        best[:, columns] = hit
    return best


def priority_rank_penalty(
    score: np.ndarray, priority_of: list[str], step: float = SECOND_PRIORITY_PENALTY
) -> np.ndarray:
    """Calls × targets: what a pair loses for not being the call's best priority.

    A call is usually written for one subject; e5 and the terms also find it loosely like
    its neighbours. Its second-best priority loses ``step`` (:data:`SECOND_PRIORITY_PENALTY`),
    the others twice that (never more, so a broad call stays near the top where it is
    strong). The step and the cap were chosen across municipalities (0.25 / 0.5 / 0.75; caps
    of one, two, three or no step); docs/matching.md has the figures. With one priority it
    changes nothing.
    """
    penalty = np.zeros(score.shape)
    priorities = list(dict.fromkeys(priority_of))
    if score.size == 0 or len(priorities) < 2:
        return penalty
    ids = np.array(priority_of)
    best = np.stack([score[:, ids == p].max(axis=1) for p in priorities], axis=1)
    place = (-best).argsort(axis=1, kind="stable").argsort(axis=1, kind="stable")
    for k, p in enumerate(priorities):
        penalty[:, ids == p] = (step * np.minimum(place[:, k], 2))[:, None]
    return penalty


def digest_worthy(
    score: np.ndarray,
    priority_of: list[str],
    strong: float | None,
    possible: float | None,
    order: np.ndarray | None = None,
    held_back: np.ndarray | None = None,
) -> np.ndarray:
    """Calls × targets: pairs good enough for a digest (before the eligibility gate).

    A strong pair always; a possible one only for the call's best priority: a call offered to
    every department it is loosely like floods the digests (measured: digest precision 0.44
    -> 0.62 on the second development set at the same recall). The best priority is read
    from ``order`` (:func:`order_score`, plus any adjustment from marks) when given, else
    from ``score``. ``held_back`` (calls × targets) names pairs that stay out whatever
    their score (:func:`research_held_back`, unless a mark wanted the pair).
    """
    strong = strong if strong is not None else DEFAULT_STRONG
    possible = possible if possible is not None else DEFAULT_POSSIBLE
    best = best_priority(score if order is None else order, priority_of)
    worthy = (score >= strong) | ((score >= possible) & best)
    return worthy if held_back is None else worthy & ~held_back


def label(score: float, strong: float | None, possible: float | None) -> str | None:
    """'stark', 'möjlig' or None for a score, with the file's thresholds or the defaults."""
    if score >= (strong if strong is not None else DEFAULT_STRONG):
        return "stark"
    if score >= (possible if possible is not None else DEFAULT_POSSIBLE):
        return "möjlig"
    return None
