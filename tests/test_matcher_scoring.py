"""The score's rules on their own arrays (matcher.scoring): a call serves its best priorities
first; a research programme's call loses by how unlikely a municipality can use it; the
English search terms' likeness is each term's best passage and a target's best terms."""

from __future__ import annotations

import numpy as np
import pytest

from matcher import scoring
from matcher.scoring import (
    FAIL_PENALTY,
    RESEARCH_PENALTY,
    SECOND_PRIORITY_PENALTY,
    ScoreParts,
    Weights,
    combine,
    digest_worthy,
    final_score,
    likeness_evidence,
    priority_rank_penalty,
    relevance,
    segment_starts,
    term_evidence,
    term_likeness,
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


def test_research_done_outside_the_eu_ranks_with_the_calls_a_municipality_cannot_apply_for() -> (
    None
):
    # Calls: research done abroad that the model deems usable, the same research done in
    # Europe, another programme's call done abroad (Erasmus+ capacity building), and an
    # eligible call that failed a check.
    parts = _parts([1.0, 1.0, 0.0, 0.0], [3.0, 3.0, 3.0, 3.0])
    parts.abroad = np.array([[1.0], [0.0], [1.0], [0.0]])
    parts.failed = np.array([[0.0], [0.0], [0.0], [1.0]])
    plain, _ = combine(parts, Weights(applicability=0.0))
    lost = -plain[:, 0]
    # The whole research penalty, whatever its odds, and what a failed check loses.
    assert np.isclose(lost[0], RESEARCH_PENALTY + FAIL_PENALTY)
    assert np.isclose(lost[1], RESEARCH_PENALTY / (1 + np.exp(3.0)))
    assert lost[2] == 0.0
    assert lost[0] > lost[3] == FAIL_PENALTY  # below a call that failed a check
    # Without a model, too.
    parts.applicability = None
    plain, _ = combine(parts, Weights(applicability=0.0))
    expected = [RESEARCH_PENALTY + FAIL_PENALTY, RESEARCH_PENALTY / 2, 0.0, FAIL_PENALTY]
    assert np.allclose(-plain[:, 0], expected)


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


def _one_language_on_one_subject() -> ScoreParts:
    """Twenty Swedish calls, nearly all on target a's subject, and twenty English calls on
    every subject; the last Swedish call is on a's subject too, a little less than the rest."""
    rng = np.random.default_rng(0)
    swedish = np.array([0.90, 0.50, 0.50]) + rng.normal(0, 0.01, (20, 3))
    swedish[-1] = [0.86, 0.53, 0.50]
    english = np.array([0.60, 0.55, 0.55]) + rng.normal(0, 0.03, (20, 3))
    raw = np.vstack([swedish, english])
    n = len(raw)
    return ScoreParts(raw, ["sv"] * 20 + ["en"] * 20, np.zeros(n), np.zeros((n, 1)))


def test_a_call_serves_the_priority_it_is_most_like_among_all_calls_not_its_language() -> None:
    parts = _one_language_on_one_subject()
    score, _ = combine(parts)
    # Among the Swedish calls it is ordinary for a and stands out a little for b ...
    assert score[19, 1] > score[19, 0]
    # ... but among all calls it is far more like a: a is its best priority.
    _, _, penalty = final_score(parts, ["a", "b", "c"])
    assert penalty[19, 0] == 0.0 and penalty[19, 1] > 0.0
    order = scoring.order_score(parts)
    given = final_score(parts, ["a", "b", "c"], order=order)[2]
    assert np.array_equal(given, penalty)  # an order computed once gives the same penalty
    flipped = final_score(parts, ["a", "b", "c"], order=-order)[2]
    assert flipped[19, 0] > 0.0  # ... and the penalty follows the order it is given
    worthy = scoring.digest_worthy(np.full((40, 3), 3.0), ["a", "b", "c"], None, None, order)
    assert worthy[19].tolist() == [True, False, False]
    # Read from the within-language score, b would have been its best priority.
    assert score[19].argmax() == 1
    assert scoring.digest_worthy(score, ["a", "b", "c"], 9.0, -9.0)[19].tolist() == [
        False,
        True,
        False,
    ]


def _unit(*rows: list[float]) -> np.ndarray:
    matrix = np.array(rows, dtype=np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_term_likeness_is_the_mean_of_a_targets_best_terms_each_at_its_best_passage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Call 0 has passages along x and y, call 1 one passage along z.
    chunks = _unit([1, 0, 0], [0, 1, 0], [0, 0, 1])
    starts = segment_starts(np.array([0, 0, 1]))
    vocabulary = _unit([1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0])
    # Target a: terms x, y, z, x+y (best three); target b: term z; target c: no terms.
    members = [[0, 1, 2, 3], [2], []]
    out = term_likeness(chunks, starts, vocabulary, members)
    diagonal = 1 / np.sqrt(2)
    assert np.allclose(out[0, 0], (1 + 1 + diagonal) / 3)  # x and y each meet a passage
    assert np.allclose(out[1, 0], (1 + 0 + 0) / 3)  # only z does
    assert np.allclose(out[:, 1], [0.0, 1.0])
    assert np.isnan(out[:, 2]).all()
    monkeypatch.setattr(scoring, "TERM_BLOCK", 3)  # terms compared in blocks: the same
    assert np.allclose(term_likeness(chunks, starts, vocabulary, members), out, equal_nan=True)


def test_a_target_without_terms_gets_nothing_from_them_and_moves_no_other() -> None:
    values = np.array([[0.9, 0.1, 0.2], [0.2, 0.8, 0.1], [0.1, 0.3, 0.9], [0.4, 0.4, 0.5]])
    with_none = np.column_stack([values, np.full(4, np.nan)])
    languages = ["en"] * 4
    out = term_evidence(with_none, languages)
    assert np.allclose(out[:, 3], 0.0)
    assert np.allclose(out[:, :3], term_evidence(values, languages))
    assert np.allclose(term_evidence(np.full((2, 3), np.nan), languages[:2]), 0.0)


def test_the_terms_likeness_counts_in_the_score_by_its_weight() -> None:
    parts = _parts([0.0, 0.0, 0.0, 0.0], None)
    parts.raw_relevance = np.array(
        [[0.9, 0.5, 0.4], [0.3, 0.8, 0.2], [0.5, 0.5, 0.6], [0.4, 0.3, 0.5]]
    )
    parts.term_likeness = np.array(
        [[0.8, 0.7, 0.7], [0.7, 0.9, 0.7], [0.7, 0.7, 0.8], [0.9, 0.6, 0.6]]
    )
    without, _ = combine(parts, Weights(term_likeness=0.0))
    with_it, _ = combine(parts, Weights(term_likeness=0.5))
    expected = 0.5 * term_evidence(parts.term_likeness, parts.languages)
    assert np.allclose(with_it - without, expected)
    assert (with_it - without)[3, 0] == (with_it - without)[:, 0].max()  # its term-best call


def test_a_targets_share_scales_its_likeness_and_nothing_else() -> None:
    parts = _parts([0.0, 0.0, 0.0, 0.0], None)
    parts.term_likeness = np.array(
        [[0.8, 0.7, 0.7], [0.7, 0.9, 0.7], [0.7, 0.7, 0.8], [0.9, 0.6, 0.6]]
    )
    whole = likeness_evidence(parts)
    assert np.allclose(whole, term_evidence(parts.term_likeness, parts.languages))
    parts.term_shares = np.array([1.0, 0.5, 0.0])
    shared = likeness_evidence(parts)
    assert np.allclose(shared, whole * [1.0, 0.5, 0.0])
    weighted, _ = combine(parts, Weights(term_likeness=0.25))
    unweighted, _ = combine(parts, Weights(term_likeness=0.0))
    assert np.allclose(weighted - unweighted, 0.25 * shared)


def test_a_passage_flagged_as_standard_text_is_no_calls_best_unless_all_are() -> None:
    """Call 0's first passage is the one most like the target but flagged (a programme's
    standard text): its relevance and best passage come from its own text. Call 1 has
    nothing but flagged passages and keeps them."""
    passages = _unit([1.0, 0.0], [0.6, 0.8], [1.0, 0.1], [0.9, 0.4])
    starts = np.array([0, 2])
    target = _unit([1.0, 0.0])
    facets = [_unit([1.0, 0.0], [0.0, 1.0])]
    flagged = np.array([True, False, True, True])
    plain, plain_best = relevance(passages, starts, target, facets)
    raw, best = relevance(passages, starts, target, facets, flagged)
    assert plain_best[:, 0].tolist() == [0, 2]
    assert best[:, 0].tolist() == [1, 2]
    assert raw[0, 0] < plain[0, 0]
    assert raw[1, 0] == pytest.approx(plain[1, 0])
    # Facets read the same passages: call 0's second facet is best at its own passage anyway.
    assert raw[0, 0] == pytest.approx(0.5 * 0.6 + 0.5 * (0.6 + 0.8) / 2)
    # Flags that are all False change nothing.
    none = relevance(passages, starts, target, facets, np.zeros(4, dtype=bool))
    assert np.array_equal(none[0], plain) and np.array_equal(none[1], plain_best)


def test_one_spread_for_all_targets_keeps_a_wide_target_wide_and_a_narrow_one_narrow() -> None:
    # 20 Swedish and 20 English calls; target 0's likeness spreads three times as far as
    # target 1's in both languages.
    rng = np.random.default_rng(3)
    values = np.column_stack([3 * rng.standard_normal(40), rng.standard_normal(40)])
    languages = ["sv"] * 20 + ["en"] * 20
    own = scoring.standardise_by_language(values, languages, own_spread=1.0)
    common = scoring.standardise_by_language(values, languages, own_spread=0.0)
    for rows in (slice(0, 20), slice(20, 40)):
        assert np.allclose(own[rows].std(axis=0), 1.0, atol=1e-4)
        assert np.allclose(own[rows].mean(axis=0), 0.0)
        assert np.allclose(common[rows].mean(axis=0), 0.0)
        wide, narrow = common[rows].std(axis=0)
        assert wide > 2 * narrow  # each keeps its own width ...
        assert np.isclose(wide**2 + narrow**2, 2.0, atol=1e-4)  # ... on the common scale
    half = scoring.standardise_by_language(values, languages, own_spread=0.5)
    assert own[:20, 0].std() < half[:20, 0].std() < common[:20, 0].std()  # between the two
    # The shipped score keeps the difference: centring over three targets, then one spread.
    raw = np.column_stack([values, np.zeros(40)])
    parts = ScoreParts(raw, languages, np.zeros(40), np.zeros((40, 1)))
    _, semantic = combine(parts)
    assert semantic[:, 0].std() > 1.5 * semantic[:, 1].std()
    _, each_own = combine(parts, Weights(own_spread=1.0))
    assert np.allclose(each_own[:20].std(axis=0), 1.0, atol=1e-3)


def test_a_call_shows_a_targets_words_by_its_terms_its_keywords_or_the_glossary() -> None:
    """What counts as a priority's words in a call: one of its English search terms whole
    (as the score's TF-IDF reads the call), a keyword at a word's start, and for a Swedish
    call the glossary's English terms for its text. A word of a longer term is not one: the
    score counts it, but a reader would find nothing of the priority ("points" of "recharging
    points" in a call on border crossing points). A target with neither terms nor keywords
    has nothing to tell by, so every call shows it."""
    from matcher.lexical import term_reading, words_shown

    texts = [
        "Pilots of demand-responsive public transport in rural areas",  # the terms
        "Safer construction sites and healthier building workers",  # nothing of either
        "Stöd till forskning om transportsystemets omställning",  # Swedish: the glossary's
        "Vill du utveckla vattenkraften i älvdalarna?",  # Swedish: a keyword's word start
        "Bidrag till kommunal energi- och klimatrådgivning",  # Swedish, nothing of either
        "Border crossing points for the public",  # words of the terms, no term whole
    ]
    queries = [["public transport", "recharging points"], ["hydropower"], []]
    keywords = [["kollektivtrafik"], ["vattenkraft"], []]
    found, held, _ = term_reading(texts, queries)
    assert np.isnan(found[:, 2]).all()
    assert found[5, 0] > 0 and not held[5, 0]  # the score counts the words; no term is held
    swedish = [False, False, True, True, True, False]
    shown = words_shown(held, texts, swedish, keywords, queries)
    assert shown[:, 0].tolist() == [True, False, True, False, False, False]
    assert shown[:, 1].tolist() == [False, False, False, True, False, False]
    assert shown[:, 2].all()
    # What a reader is shown of it: the glossary's terms sharing a word with the target's.
    from matcher.lexical import glossary_hits

    assert "transport" in glossary_hits(queries[0], texts[2])
    assert glossary_hits(queries[0], texts[4]) == []
    # The glossary reads only Swedish calls: the same text marked English shows nothing.
    english = words_shown(held, texts, [False] * 6, keywords, queries)
    assert not english[2, 0]
    # The score's evidence, not every word: a call that holds only the people a priority
    # serves shows none of its words, as the TF-IDF leaves it out (matcher.lexical.AUDIENCES).
    people = ["Youth councils in every town", "A call on youth and leisure"]
    for_youth = [["young people", "youth", "leisure"]]
    _, read, _ = term_reading(people, for_youth, for_youth)
    assert words_shown(read, people, [False, False], [[]], for_youth).ravel().tolist() == [
        False,
        True,
    ]
    # ... and so does what is shown of a Swedish call ("unga" gives young people, youth).
    assert glossary_hits(for_youth[0], "Stöd till unga i hela landet") == []
    assert glossary_hits(for_youth[0], "Fritid för unga") != []
    # A term of an owner's name is no subject of the target's, but it is no person either:
    # it counts, as in the TF-IDF ("urban development" of "stadsutveckling").
    hits = glossary_hits(
        ["emissions", "urban development"], "Hållbar stadsutveckling", ["emissions"]
    )
    assert "urban development" in hits
    # ... while sharing a word with one of the people ("people" of young and older) is none.
    assert glossary_hits(["older people", "elderly care"], "Stöd till unga") == []


def test_a_term_is_held_whole_not_by_the_pairs_the_tfidf_makes_across_a_stop_word() -> None:
    """The TF-IDF drops stop words before it pairs words, so "artistic, cultural and heritage
    sector" has the pair "cultural heritage": it counts in the score, but the call does not
    say "cultural heritage", and a digest pair held by it listed no word (a neighbourhoods
    topic in a nature and culture tourism digest). A space or a hyphen between a term's
    words is the same term, in the gate and in the words listed."""
    from matcher.lexical import term_hits, term_reading

    texts = [
        "Recommendations to the artistic, cultural and heritage sector in neighbourhoods",
        "Protecting cultural heritage from floods",
        "Demand responsive transport in sparsely populated areas",
        "Bridges for railways",
    ]
    terms = [["cultural heritage", "sustainable tourism"], ["demand-responsive transport"]]
    found, held, _ = term_reading(texts, terms)
    assert found[0, 0] > 0 and not held[0, 0]  # counted, though it holds no term
    assert held[:, 0].tolist() == [False, True, False, False]
    assert held[:, 1].tolist() == [False, False, True, False]
    assert term_hits(terms[1], texts[2]) == ["demand-responsive transport"]
    assert term_hits(["e-government"], "Government services") == []
    assert not term_reading(["Government services", "Bridges"], [["e-government"]])[1][0, 0]


def test_a_term_most_calls_hold_opens_no_digest() -> None:
    """ "European" (the glossary's term for "europeisk") is in most EU calls: among enough
    calls, a call that holds it and no other of a culture priority's terms shows none of its
    words, while one that holds "culture" does. The TF-IDF still counts it, weighing little.
    Among a few calls a share says nothing, and every term counts."""
    from matcher.lexical import COMMON_MIN_CALLS, term_reading

    european = [f"European call number {n} on batteries for the grid" for n in range(19)]
    texts = [
        *european,
        "The European Capital of Innovation Award for cities",
        "European cooperation projects of culture and the arts",
        "Bridges for railways",
    ]
    assert len(texts) >= COMMON_MIN_CALLS
    terms = [["culture", "cultural heritage", "European"]]
    found, held, common = term_reading(texts, terms)
    assert held[:, 0].tolist() == [False] * 20 + [True, False]
    assert found[19, 0] > 0  # counted, though it opens nothing
    few = [texts[19], texts[20], texts[21]]
    _, held_few, none = term_reading(few, terms)
    assert held_few[:, 0].tolist() == [True, True, False]
    assert "european" in common and "culture" not in common and none == frozenset()
    # A Swedish call shows a target's words by the glossary's terms for its text, and not by
    # a word of a term most calls hold: a call on urban transitions that says "europeisk"
    # shows nothing of the culture priority among these calls.
    from matcher.lexical import words_shown

    swedish = "Europeisk utlysning om hållbar stadsutveckling"
    words = [[*terms[0], "European Capital of Culture"]]
    shown = words_shown(held[:1], [swedish], [True], [[]], words, None, common)
    assert not shown[0, 0]
    assert words_shown(held[:1], [swedish], [True], [[]], words)[0, 0]  # without: it did
    # The words a match lists are read the same way: none of the common words.
    from matcher.pipeline import _matched_words

    parts = ScoreParts(np.zeros((1, 1)), ["sv"], np.zeros(1), np.zeros((1, 1)), common=common)
    assert _matched_words(([], words[0]), swedish, swedish, True, parts) == []
    assert _matched_words(([], words[0]), swedish, swedish, True) == ["European"]
    english = "A European call on cultural heritage"
    assert _matched_words(([], terms[0]), english, english, False, parts) == ["cultural heritage"]


def test_a_prioritys_own_swedish_words_count_in_swedish_calls_and_its_listed_keywords_in_all() -> (
    None
):
    """A priority with no ``nyckelord`` is read by the content words of its Swedish text too,
    at a word's start; in a call in another language such a word is a cognate at best:
    "service" of "Service på landsbygden" is in any English call's "services", "natur" in
    its "nature", "leder" (trails) in its "leadership", "digital" in every Digital Europe
    call. They count in Swedish calls only; keywords the file lists count in every call."""
    from matcher.lexical import target_keywords, words_shown
    from priorities.model import Target

    rural = Target("landsbygd", "priority", "landsbygd", "Service på landsbygden", ["ks"], [])
    listed = Target("bredband", "priority", "bredband", "Bredband", ["ks"], ["broadband"])
    assert target_keywords([rural, listed], "Skogsbygdens kommun") == [
        ["service", "landsbygden"],
        ["broadband"],
    ]
    assert target_keywords([rural, listed], "Skogsbygdens kommun", swedish=False) == [
        [],
        ["broadband"],
    ]
    texts = [
        "One-stop-shops: integrated services for the clean energy transition",
        "Bättre service i hela länet",
        "Gigabit broadband for every household",
    ]
    held = np.zeros((3, 2), dtype=bool)
    terms = [["rural areas", "rural services"], ["broadband networks"]]
    keywords = target_keywords([rural, listed], "")
    other = target_keywords([rural, listed], "", swedish=False)
    swedish = [False, True, False]
    shown = words_shown(held, texts, swedish, keywords, terms, None, frozenset(), other)
    assert shown[:, 0].tolist() == [False, True, False]
    assert shown[:, 1].tolist() == [False, False, True]
    assert words_shown(held, texts, swedish, keywords, terms)[0, 0]  # read everywhere: it did


def test_a_pair_whose_call_uses_none_of_the_prioritys_words_stays_out_of_the_digests() -> None:
    """Two strong calls for priority a: one that shows its words and one that does not. The
    second is held back from a's digest whatever its score, and not from b's, where it shows
    b's words; a mark that wants it lets it in."""
    from matcher.scored import Scored

    score = np.full((2, 2), 5.0)
    parts = ScoreParts(
        np.zeros((2, 2)),
        ["en"] * 2,
        np.zeros(2),
        np.zeros((2, 1)),
        shown=np.array([[True, True], [False, True]]),
    )
    assert scoring.wordless(parts).tolist() == [[False, False], [True, False]]
    state = Scored(
        ["c0", "c1"], [], [], score, score, np.zeros(2), np.zeros((2, 2), int),
        [], [], [], np.zeros((2, 4)), np.zeros(2), [[], []], parts=parts,
    )  # fmt: skip
    held = state.held_back()
    assert held.tolist() == [[False, False], [True, False]]
    worthy = digest_worthy(score, ["a", "b"], None, None, score, held_back=held)
    assert worthy.tolist() == [[True, True], [False, True]]
    state.wanted = np.array([[False, False], [True, False]])
    assert not state.held_back().any()
    # Parts without the words (a benchmark's recombination of old parts) hold nothing back.
    plain = ScoreParts(np.zeros((2, 2)), ["en"] * 2, np.zeros(2), np.zeros((2, 1)))
    assert not scoring.wordless(plain).any()
