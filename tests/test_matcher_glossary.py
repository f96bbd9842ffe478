"""The glossary's English terms for the subjects of municipal priorities, and the warning for
a priority whose words it does not know."""

from __future__ import annotations

import pytest

from matcher.glossary import english_terms, glossary_matches
from matcher.lexical import MIN_TERMS, thin_terms_warnings, unknown_words
from priorities.model import Target


def priority(text: str, keywords: list[str] | None = None) -> Target:
    return Target("p", "priority", "p", text, ["d"], keywords or [])


@pytest.mark.parametrize(
    ("swedish", "english"),
    [
        ("Trygg och säker kommun: våldsbejakande extremism och brandskydd", "violent extremism"),
        ("Trygg och säker kommun: våldsbejakande extremism och brandskydd", "fire safety"),
        ("Vatten och avfall: dricksvatten, reningsverk och källsortering", "drinking water"),
        ("Vatten och avfall: dricksvatten, reningsverk och källsortering", "waste sorting"),
        ("Besöksmål och konferenser som lyfter kommunens profilering", "meetings industry"),
        ("Smart stad med digitala tvillingar och uppkopplade sensorer", "digital twins"),
        ("Smart stad med digitala tvillingar och uppkopplade sensorer", "Internet of Things"),
        ("Demokrati: valdeltagande, öppenhet och samråd med invånarna", "voter turnout"),
        ("Kunskapsutbyten och verksamhetsutveckling med förtroendevalda", "peer learning"),
        ("Omvärldsbevakning och påverkansarbete inför ny lagstiftning", "advocacy"),
        ("Fred och försoning genom vänortssamarbete", "peace"),
    ],
)
def test_glossary_knows_the_subjects_of_municipal_priorities(swedish: str, english: str) -> None:
    assert english in english_terms(swedish)


def test_a_longer_key_inside_a_compound_wins_over_a_shorter_one() -> None:
    # "förening" holds "rening" (treatment): the association is meant, not water treatment.
    assert "purification" not in english_terms("Föreningslivet och ideella krafter")
    assert "purification" in english_terms("Avloppsrening")
    # "ofrivillig ensamhet" is involuntary loneliness, not volunteering; "pågående" is ongoing.
    assert "volunteering" not in english_terms("Ofrivillig ensamhet bland äldre")
    assert "volunteering" in english_terms("Frivilligorganisationer")
    assert "walking" not in english_terms("Pågående arbete")
    # "fred" is a word of its own, not the start of "fredag".
    assert english_terms("Möte på fredag") == []


def test_glossary_matches_give_the_spans_of_what_they_cover() -> None:
    text = "cykelvägar och skolor"
    spans = [(text[s:e], terms[0]) for s, e, terms in glossary_matches(text)]
    assert ("cykel", "cycling") in spans and ("skolor", "schools") in spans


def test_unknown_words_leave_out_names_filler_and_what_the_glossary_knows() -> None:
    text = "Trafik. Fler ska åka med Norrbotniabanan och samåka till arbetsplatser bland annat."
    words = unknown_words(text)
    assert "samåka" in words and "arbetsplatser" in words
    assert "trafik" not in words  # the glossary knows it
    assert "norrbotniabanan" not in words  # a name, inside a sentence
    assert "bland" not in words  # filler
    assert unknown_words("") == []


def test_a_priority_with_few_english_terms_gets_a_warning_that_says_what_to_do() -> None:
    thin = priority("Sociala frågor. Sammanhållning och gemenskap i bostadsområdena i Umeå.")
    terms = english_terms(thin.text)
    assert 0 < len(terms) < MIN_TERMS
    (warning,) = thin_terms_warnings([thin])
    assert warning.startswith(f"Prioriteringen p ger bara {len(terms)} engelska söktermer (")
    assert "nyckelord" in warning and "Umeå" not in warning.split("Ord som")[1]
    # Keywords written in the file, a well-covered text and a goal: no warning.
    covered = priority("Klimat. Energieffektivisering, förnybar energi och minskade utsläpp.")
    keyed = priority(thin.text, ["social cohesion", "community"])
    goal = Target("g", "goal", "p", "Gemenskap.", ["d"], [])
    assert thin_terms_warnings([covered, keyed, goal]) == []
    # Nothing the glossary knows: it says so.
    (none,) = thin_terms_warnings([priority("Lagom. Fika och mys.")])
    assert "ger bara 0 engelska söktermer (inga)" in none
    (one,) = thin_terms_warnings([priority("Lagom. Fika vid älven.")])
    assert "ger bara 1 engelsk sökterm (river);" in one
