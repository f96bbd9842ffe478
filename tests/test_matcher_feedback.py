"""Learning from marks on its own arrays: damping, bad input, explanations; the applicability
model's coefficients; scoring with a single priority."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import numpy as np

from db.records import MARKS
from matcher import applicability
from matcher.evaluate import simulate_marks
from matcher.feedback import MARKED_STEP, NEGATIVE, POSITIVE, MarkRow, learn, read_marks
from matcher.glossary import english_terms
from matcher.prior import done_abroad, international_work
from matcher.scored import Scored
from matcher.scoring import (
    ScoreParts,
    abroad_elsewhere,
    abroad_loss,
    centre,
    combine,
    digest_worthy,
    research_held_back,
)


def _state(n: int = 60, dim: int = 16) -> tuple[np.ndarray, list[str]]:
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(n, dim))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors, [f"C{i}" for i in range(n)]


def _scored(score: np.ndarray, targets: list[Any] | None = None, **given: Any) -> Scored:
    """A scoring state of these scores (calls × targets) and nothing more than a test needs."""
    calls, columns = score.shape
    return Scored(
        [f"c{i}" for i in range(calls)],
        [],
        targets or [],
        score,
        score,
        np.zeros(calls),
        np.zeros(score.shape, int),
        [],
        [],
        [],
        np.zeros((calls, 4)),
        np.zeros(calls),
        [[] for _ in range(columns)],
        **given,
    )


def test_no_marks_change_nothing() -> None:
    vectors, ids = _state()
    learned = learn(vectors, ids, ["a", "b"], [])
    assert not learned.adjustment.any() and learned.warnings == [] and learned.used == 0


def test_a_handful_of_marks_cannot_swing_the_ranking() -> None:
    vectors, ids = _state()
    one = learn(vectors, ids, ["a", "b"], [MarkRow("C0", "a", "interested")]).adjustment
    unmarked = np.delete(one, 0, axis=0)
    # One mark: other calls move by a fraction of a standard deviation at most.
    assert np.abs(unmarked).max() < 1.0
    assert one[0, 0] >= MARKED_STEP  # the marked pair itself moves
    # One mark of each kind: the municipality part joins in, and still moves the other calls
    # (here in the column of the priority no mark names) by less than a standard deviation.
    both = [MarkRow("C0", "a", "interested"), MarkRow("C1", None, "not-relevant")]
    two = learn(vectors, ids, ["a", "b"], both).adjustment
    assert 0.0 < np.abs(np.delete(two, [0, 1], axis=0)[:, 1]).max() < 1.0
    many = learn(
        vectors, ids, ["a", "b"], [MarkRow(f"C{i}", "a", "interested") for i in range(20)]
    ).adjustment
    assert np.abs(np.delete(many, range(20), axis=0)).max() > np.abs(unmarked).max()


def test_marks_of_one_kind_unknown_and_contradictory_marks_warn() -> None:
    vectors, ids = _state()
    marks = [MarkRow(f"C{i}", None, "not-relevant") for i in range(12)]
    marks += [
        MarkRow("NOPE", "a", "interested"),
        MarkRow("C1", "zz", "interested"),
        MarkRow("C2", "a", "maybe"),
        MarkRow("C3", "a", "interested"),
        MarkRow("C3", "a", "not-relevant"),
    ]
    learned = learn(vectors, ids, ["a", "b"], marks)
    text = " ".join(learned.warnings)
    assert "NOPE" in text and "zz" in text and "maybe" in text and "motstridiga" in text
    # Each says how to mend the mark: the words a mark may be, where ids come from.
    assert "en av: interested, not-relevant, applying, applied, granted, rejected" in text
    assert "på svenska: intressant, inte relevant, vi söker, ansökt, beviljad, avslag" in text
    assert "id ur filen" in text and "som i utlysningsfilen" in text
    assert set(MARKS) == POSITIVE | NEGATIVE  # every word a mark may be counts one way
    assert "Alla 12 markerade" in text  # only one kind: the user is asked for the other
    # The latest mark for a pair counts.
    assert learned.adjustment[3, 0] < 0


def test_reasons_say_why_a_mark_moved_a_call() -> None:
    vectors, ids = _state()
    vectors[1] = vectors[0]  # C1 is just like C0
    marks = [MarkRow("C0", "a", "interested"), MarkRow("C5", "a", "interested")]
    learned = learn(vectors, ids, ["a"], marks, titles=[f"Titel {i}" for i in range(60)])
    assert learned.reasons[(0, 0)] == "Markerad intressant för a."
    assert "Flyttad upp" in learned.reasons[(1, 0)] and "Titel 0" in learned.reasons[(1, 0)]


def test_read_marks_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "marks.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"  # a byte order mark, as some editors save UTF-8
        b'{"call": "A", "priority": "p", "mark": "interested"}\n'
        b"not json\n"
        b'{"call": "B", "mark": "not-relevant"}\n'
        b'{"call": 3, "mark": "x"}\n'
        b'{"call": "\xc5ngby", "mark": "interested"}\n'  # Latin-1, not UTF-8
        b'{"call": "C", "priority": null, "mark": "applying"}\n'
        b'{"call": "D", "mark": "Not relevant"}\n'  # as people write it
        b'{"call": "E", "mark": "not_relevant"}\n'
        b'{"call": "F", "mark": "inte relevant"}\n'  # the Swedish words of eufunds mark
        b'{"call": "G", "mark": "vi s\xc3\xb6ker"}\n'
        b'{"call": "I", "mark": "Ansokt"}\n'  # without ö, as eufunds mark takes it too
        b'{"call": "H", "mark": "loved"}\n'  # kept as written: the learner warns of it
    )
    rows, problems = read_marks(path)
    assert rows == [
        MarkRow("A", "p", "interested"),
        MarkRow("B", None, "not-relevant"),
        MarkRow("C", None, "applying"),
        MarkRow("D", None, "not-relevant"),
        MarkRow("E", None, "not-relevant"),
        MarkRow("F", None, "not-relevant"),
        MarkRow("G", None, "applying"),
        MarkRow("I", None, "applied"),
        MarkRow("H", None, "loved"),
    ]
    assert [p.split(":")[1] for p in problems] == ["2", "4", "5"]
    assert "ogiltig JSON (ett värde saknas, kolumn 1)" in problems[0]
    assert '{"call": "ID", "priority": "ID", "mark": "interested"}' in problems[1]
    assert "inte UTF-8-text (byte 0xc5 i kolumn 11); spara filen som UTF-8" in problems[2]


def test_simulated_marks_follow_the_grades() -> None:
    labels = {("p", "A"): 2, ("q", "A"): 0, ("p", "B"): 1, ("q", "B"): 0}
    marks, marked = simulate_marks(labels, 1.0, seed=3)
    assert marked == {"A", "B"}
    assert {(m["call"], m["priority"], m["mark"]) for m in marks} == {
        ("A", "p", "interested"),
        ("A", "q", "not-relevant"),
        ("B", "q", "not-relevant"),
    }


def test_a_single_priority_still_ranks() -> None:
    raw = np.array([[0.9], [0.5], [0.7]])
    assert (centre(raw) == raw).all()  # no centring: it would erase a lone priority
    score, _ = combine(ScoreParts(raw, ["en"] * 3, np.zeros(3), np.zeros((3, 1))))
    assert list(np.argsort(-score[:, 0])) == [0, 2, 1]
    assert digest_worthy(np.array([[3.0], [1.0]]), ["p"], None, None).tolist() == [[True], [False]]


def test_a_possible_match_goes_to_the_best_priority_only() -> None:
    score = np.array([[3.0, 2.7, 4.2]])
    worthy = digest_worthy(score, ["a", "b", "c"], None, None)
    assert worthy.tolist() == [[False, False, True]]
    worthy = digest_worthy(np.array([[3.0, 2.7, 1.0]]), ["a", "a", "c"], None, None)
    assert worthy.tolist() == [[True, True, False]]  # a priority and its goal


def test_marks_can_make_a_priority_the_calls_best_for_the_digest() -> None:
    """The digest's best priority is the order across all calls plus what the marks moved:
    a call like the ones b's department marked interested goes to b's digest, not a's."""
    before = np.array([[3.0, 2.0]])  # a possible pair for a, the call's best priority
    scored = _scored(before, order=np.array([[2.0, 1.5]]))
    worthy = digest_worthy(before, ["a", "b"], None, None, scored.digest_order())
    assert worthy.tolist() == [[True, False]]
    scored.adjustment = np.array([[0.0, 0.8]])  # what b's marks taught, below a marked pair's
    assert scored.adjustment.max() < MARKED_STEP
    after = before + scored.adjustment
    worthy = digest_worthy(after, ["a", "b"], None, None, scored.digest_order())
    assert worthy.tolist() == [[False, True]]


def test_the_shipped_applicability_model_is_coefficients_only() -> None:
    data = json.loads(applicability.COEFFICIENTS.read_text(encoding="utf-8"))
    assert set(data) == {"features", "mean", "scale", "coef", "intercept", "info"}
    assert len(data["coef"]) == 384 + len(applicability.ROLES)
    assert data["info"]["auc_sodertalje_to_umea"] > 0.8
    model = applicability.shipped()
    assert model is not None
    x = applicability.features(np.zeros((2, 384)), ["Horizon Europe", "Interreg Aurora"])
    assert model.probability(x).shape == (2,)


def test_glossary_gives_english_terms_for_swedish_compounds() -> None:
    terms = english_terms("Fler ska cykla på cykelvägar; klimatanpassning mot skyfall")
    assert "cycling" in terms and "climate adaptation" in terms and "flooding" in terms
    assert english_terms("") == []
    # A priority on visitors and the city's profile, and one on leisure and associations.
    profile = english_terms("Fler besökare och ett starkare platsvarumärke för en attraktiv stad")
    assert {"visitors", "place branding", "attractiveness"} <= set(profile)
    leisure = english_terms("Fritidsgårdar och föreningslivet")
    assert {"leisure", "associations"} <= set(leisure)


def test_glossary_key_inside_a_longer_compound_gives_way_to_the_longer_key() -> None:
    # "företagsklimat" is the business environment, not the climate; "brottsförebyggande"
    # is crime prevention, not construction.
    business = english_terms("Ett bättre företagsklimat för små företag")
    assert "business environment" in business
    assert "climate" not in business and "climate change" not in business
    crime = english_terms("Brottsförebyggande arbete i stadsdelarna")
    assert "crime prevention" in crime and "construction" not in crime
    # The longest key wins at the start of a word too: civil society is not civil protection.
    assert english_terms("Klimatanpassning") == ["climate adaptation", "climate resilience"]
    society = english_terms("I samverkan med civilsamhället")
    assert "civil society" in society and "civil protection" not in society
    # A key inside a compound that no longer key covers still counts.
    assert "energy" in english_terms("fastighetsenergi")


def test_a_held_back_call_never_reads_as_at_the_limit() -> None:
    """A probability of 49.6 % rounds to 50 %; `show` said "sannolikheten 50 % … Under
    50 %" for a call held back by it. It says "strax under 50 %" instead; 50.4 % is at the
    limit and not held back."""
    from db.records import Call
    from matcher.pair_facts import research_facts

    logits = np.log(np.array([0.496, 0.504, 0.3]) / (1 - np.array([0.496, 0.504, 0.3])))
    parts = ScoreParts(
        np.zeros((3, 2)),
        ["en"] * 3,
        np.zeros(3),
        np.zeros((3, 1)),
        research=np.ones((3, 1)),
        applicability=logits,
    )
    scored = _scored(np.zeros((3, 2)), parts=parts)
    scored.calls = [Call("import", f"c{i}", "A research topic") for i in range(3)]
    said = [facts[0]["reason"] for facts in research_facts(scored)]
    assert "sannolikheten strax under 50 %" in said[0] and "Under 50 %:" in said[0]
    assert "sannolikheten 50 %" in said[1] and "Under 50 %" not in said[1]
    assert "sannolikheten 30 %" in said[2] and "Under 50 %:" in said[2]


def test_a_research_call_a_municipality_unlikely_can_use_stays_out_of_the_digests() -> None:
    """Three strong calls: a research programme's that a municipality can use with
    probability 27 %, one it can use with 73 %, and a call of another programme at 27 %.
    Only the first is held back; a mark that wants it lets it in for that priority."""
    score = np.full((3, 2), 5.0)
    score[:, 1] = 3.0
    parts = ScoreParts(
        np.zeros((3, 2)),
        ["en"] * 3,
        np.zeros(3),
        np.zeros((3, 1)),
        research=np.array([[1.0], [1.0], [0.0]]),
        applicability=np.array([-1.0, 1.0, -1.0]),
    )
    assert research_held_back(parts).tolist() == [True, False, False]
    scored = _scored(score, order=score, parts=parts)
    plain = digest_worthy(score, ["a", "b"], None, None, score)
    assert plain.tolist() == [[True, False]] * 3  # by score alone each is in a's digest
    worthy = digest_worthy(score, ["a", "b"], None, None, score, held_back=scored.held_back())
    assert worthy[:, 0].tolist() == [False, True, True]
    marks = [MarkRow("r", "a", "interested"), MarkRow("m", "a", "not-relevant")]
    learned = learn(np.eye(3, 4), ["r", "m", "o"], ["a", "b"], marks)
    assert learned.wanted is not None and learned.wanted.tolist() == [
        [True, False],
        [False, False],
        [False, False],
    ]
    scored.wanted = learned.wanted
    assert scored.held_back()[0].tolist() == [False, True]  # the marked pair only
    # ... and it still has to be good enough for a digest, as `eufunds show` says: a mark
    # lets a held-back pair past the gate, not past the thresholds.
    low = score.copy()
    low[0, 0] = 2.0  # the marked pair, under möjlig (2.5) even with the mark's lift
    held = scored.held_back()
    assert not digest_worthy(low, ["a", "b"], None, None, low, held_back=held)[0, 0]
    assert digest_worthy(score, ["a", "b"], None, None, score, held_back=held)[0, 0]
    without_model = ScoreParts(
        np.zeros((3, 2)), ["en"] * 3, np.zeros(3), np.zeros((3, 1)), research=parts.research
    )
    assert not research_held_back(without_model).any()  # no model: nothing is held back
    # Research done outside the EU stays out whatever the model says, with a model or not;
    # another programme's call done there (Erasmus+ capacity building) does not.
    abroad = np.array([[0.0], [1.0], [1.0]])
    with_abroad = dataclasses.replace(parts, abroad=abroad)
    assert research_held_back(with_abroad).tolist() == [True, True, False]
    assert research_held_back(dataclasses.replace(without_model, abroad=abroad)).tolist() == [
        False,
        True,
        False,
    ]


def test_a_call_done_abroad_loses_for_priorities_at_home_and_not_for_international_work() -> None:
    """Three calls × two priorities (home, then international work), written for the test: a
    call done at home, one done outside the EU, research done there. The call done abroad
    loses a failed check's weight and stays out of the home priority's digest; the
    international priority keeps it as it was. Research done abroad loses as before, for both
    (research_loss), not twice."""
    score = np.full((3, 2), 6.0)
    parts = ScoreParts(
        np.zeros((3, 2)),
        ["en"] * 3,
        np.zeros(3),
        np.zeros((3, 1)),
        research=np.array([[0.0], [0.0], [1.0]]),
        abroad=np.array([[0.0], [1.0], [1.0]]),
        international=np.array([0.0, 1.0]),
    )
    assert abroad_elsewhere(parts).tolist() == [[False, False], [True, False], [False, False]]
    assert abroad_loss(parts).tolist() == [[0.0, 0.0], [4.0, 0.0], [0.0, 0.0]]
    before = combine(dataclasses.replace(parts, international=None))[0]
    assert (before - combine(parts)[0]).tolist() == [[0.0, 0.0], [4.0, 0.0], [0.0, 0.0]]
    scored = _scored(score, order=score, parts=parts)
    assert scored.held_back().tolist() == [[False, False], [True, False], [True, True]]
    # A mark that wants the pair lets it past the hold, as for research.
    scored.wanted = np.array([[False, False], [True, False], [False, False]])
    assert scored.held_back()[1].tolist() == [False, False]
    # Without the targets' flags (a state scored before them) nothing changes.
    assert not abroad_elsewhere(dataclasses.replace(parts, international=None)).any()


def test_the_search_terms_that_say_a_priority_is_about_work_across_borders() -> None:
    """The glossary's terms for a priority's Swedish text decide it."""
    home = "Fler unga fullföljer gymnasiet: yrkesutbildning och vuxenutbildning."
    assert not international_work(english_terms(home))
    for text in (
        "Internationellt samarbete med våra vänorter.",
        "Skolutbyten med skolor i andra länder.",
        "Utbyten inom utbildning.",
        "Företagens export.",
        "Stöd till Ukraina.",
    ):
        assert international_work(english_terms(text)), text
    assert international_work(["Town Twinning"])  # a keyword of the file, any case


def test_the_words_that_place_a_calls_work_outside_the_eu() -> None:
    """Written for the test: a title that names the place, a text that names it twice, and
    a text that names it once in passing (no such call)."""
    assert done_abroad("Climate services for Africa", "Models.") == "Africa"
    text = "Research in low- and middle-income countries. Partners from LMICs lead it."
    assert done_abroad("Chronic diseases in children", text) == "low- and middle-income countries"
    passing = "Hydrogen valleys in European cities; exports to Africa may follow."
    assert done_abroad("Hydrogen cities", passing) is None
    assert done_abroad("Urban heat", None) is None
    # The other regions of the EU's external cooperation, as the programmes name them.
    assert done_abroad("Capacity building in VET in Caribbean", None) == "Caribbean"
    assert done_abroad("Launch in South-East Asia", None) == "South-East Asia"
    twice = "Partners in Central Asia lead it. Central Asia's cities host the pilots."
    assert done_abroad("Water governance", twice) == "Central Asia"
    # A country of the EU's neighbourhood counts in the title alone: a European topic's text
    # names the associated countries a consortium may draw on, often more than once.
    assert done_abroad("Soil health in Ukraine", "Living labs.") == "Ukraine"
    assert done_abroad("Forest research for the support of Ukrainian institutes", None) == (
        "Ukrainian"
    )
    associated = "Partners from Ukraine and Moldova may join. Ukraine is associated."
    assert done_abroad("Hydrogen valleys", associated) is None
    assert done_abroad("Hydrogen valleys in Europe", "Africa.") is None


def test_the_rank_fact_names_the_place_from_the_penalties_it_was_given() -> None:
    """With a step of 0.25 the third priority loses 0.5, the shipped step: it is still the
    third, not the second."""
    from matcher.pair_facts import rank_fact
    from matcher.scoring import priority_rank_penalty
    from priorities import Target

    targets = [Target(p, "priority", p, p, [], []) for p in ("a", "b", "c")]
    order = np.array([[3.0, 2.0, 1.0]])
    penalty = priority_rank_penalty(order, ["a", "b", "c"], 0.25)
    scored = _scored(order, targets=targets, rank_penalty=penalty)
    titles = {"a": "Alfa", "b": "Beta", "c": "Gamma"}
    assert rank_fact(scored, 0, 0, titles) == []
    second, third = (rank_fact(scored, 0, j, titles)[0]["reason"] for j in (1, 2))
    assert second.startswith("Prioriteringen är utlysningens näst bästa; den bästa är ”Alfa”")
    assert "sänkt med 0,25 " in second  # the step as it was set, not rounded to "0,2"
    assert third.startswith("Prioriteringen är utlysningens tredje bästa eller sämre")
    assert "sänkt med 0,5" in third
