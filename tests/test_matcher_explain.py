"""The quote that says why a call matched: readable sentences of the best passage."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from matcher.chunks import call_passages
from matcher.explain import _SENTENCE as SENTENCE
from matcher.explain import (
    EDGE_WORDS,
    MAX_PASSAGE,
    dates_sentence,
    note_references,
    only_notes,
    quote,
    quote_of,
    readable,
    says_its_own,
    sentence_key,
    sentences_of,
    shared_sentences,
    standard_share,
    who_pieces,
    whole_edges,
    words_used,
)
from matcher.lexical import derived_keywords, keyword_hits, phrase_words, term_hits
from tests.shared_data import shared_path

TITLE = "Heat pumps in public buildings"
LINK = re.compile(r"https?://|www\.")


def corpus_text() -> str:
    return shared_path("calls", "corpus.jsonl").read_text(encoding="utf-8")


def corpus_quotes() -> Iterator[tuple[str, str, str]]:
    """(call id, passage, its quote without keywords) for every passage of the real corpus,
    with the description's line breaks as a match reads them."""
    for line in corpus_text().splitlines():
        record = json.loads(line)
        for passage in call_passages(
            record["title"], record["programme"], record["description"], lines=True
        ):
            yield record["id"], passage, quote(passage, record["title"], [])


def test_a_list_of_references_is_left_out_and_a_footnote_keeps_its_sentence() -> None:
    passage = (
        f"{TITLE} (Horizon Europe). Scope: Cities test large heat pumps in schools and pools. "
        "[1] https://example.org/heat-study [2] https://example.org/pumps?id=4 "
        "[3] The projects share their results with the city network and its members."
    )
    found = quote(passage, TITLE, [])
    assert not LINK.search(found) and "[3]" not in found
    assert found.startswith("Cities test large heat pumps")  # the section's label left out
    assert "The projects share their results with the city network" in found


def test_the_pieces_of_sentences_a_passage_is_cut_into_are_left_out() -> None:
    passage = (
        f"{TITLE}. in the second phase, with the partners named above. Applicants install heat "
        "pumps in at least three municipal buildings. The results are measured over two "
        "winters and published as open data for other cities that"
    )
    found = quote(passage, TITLE, [])
    assert found == "Applicants install heat pumps in at least three municipal buildings."
    # Nothing but a piece from inside a sentence: quoted, and marked as cut.
    piece = f"{TITLE}. , while the partners measure the heat the pumps deliver in each building"
    assert quote(piece, TITLE, []) == (
        "…while the partners measure the heat the pumps deliver in each building"
    )


def test_a_passage_of_nothing_but_references_is_still_quoted() -> None:
    passage = f"{TITLE}. [1] https://example.org/a [2] https://example.org/b"
    # Nothing readable is left: the links are quoted as they stand, without an ellipsis.
    assert quote(passage, TITLE, []) == "https://example.org/a https://example.org/b"


def test_readable() -> None:
    assert readable("Cities test large heat pumps in schools and swimming pools.")
    assert not readable("See https://example.org/heat-study for the study.")
    assert not readable("COM(2021) 142, 2023/1791, 2024/1679 – 12.4 %, 7/2025.")
    # A topic's list of earlier calls to build on names them by identifier.
    earlier = "Including projects under the call HORIZON-MISS-2023-CLIMA-CITIES-01-01 on greening."
    assert not readable(earlier)
    assert readable("Cities in the EU-27 and Horizon Europe associated countries take part.")
    passage = f"{TITLE}. {earlier} Schools plant trees in their yards against the heat."
    assert (
        quote(passage, TITLE, ["greening"])
        == "Schools plant trees in their yards against the heat."
    )


def test_a_sentence_on_working_with_other_projects_gives_way_to_what_the_call_does() -> None:
    """ "Synergies with …", "collaborate with the … Platform", "clustering activities", "build
    on and connect to other relevant projects": how a
    call's projects fit with other work, quoted only when nothing else is left. Synergies
    between two things, or named late in a long list, are what a call does."""
    own = "Schools measure the heat their new pumps deliver over two winters."
    for other in (
        "Synergies with other heat projects of the programme are encouraged.",
        "Projects are also encouraged to explore potential complementarities with projects "
        "on heat pumps funded under the earlier topic.",
        "Projects are expected to collaborate with the Heat Pump Platform.",
        "Clustering and cooperation with other selected heat projects is strongly encouraged.",
        "To increase impact, proposals should include a mechanism and the resources to "
        "establish operational links and collaboration/coordination with the ‘Heat Pump’ "
        "Mission platform.",
        "Proposals should review, build on and connect to other relevant heat projects "
        "funded by the programme, to avoid overlaps.",
    ):
        for passage in (f"{TITLE}. {other} {own}", f"{TITLE}. {own} {other}"):
            assert quote(passage, TITLE, ["heat"]) == own, other
        assert quote(f"{TITLE}. {other}", TITLE, ["heat"]) == other  # nothing else left
    for doing in (
        "Schools study the synergies between heat pumps and solar panels on their roofs.",
        "Schools in the network install heat pumps, measure the heat they deliver over two "
        "winters, publish it as open data, train caretakers and pupils in reading the "
        "meters, and share what they learn in synergies with other heat projects.",
        "Schools map the territorial clustering of heat demand in their districts.",
    ):
        assert doing in quote(f"{TITLE}. {doing} Read more.", TITLE, ["heat"]), doing


_HEAT = "Schools measure the heat their new pumps deliver over two winters."
_HYDROGEN = "Hydrogen valleys supply industry and buses in two cities."


@pytest.mark.parametrize(
    ("context", "own", "keywords"),
    [
        # Where the call sits: the programme around it.
        (
            "This topic is one of the 5 priorities of the call for proposals on heat in schools.",
            _HEAT,
            ["heat"],
        ),
        (
            "This call is part of the Heat in Schools programme of the national agencies.",
            _HEAT,
            ["heat"],
        ),
        (
            "Den här utlysningen ingår i programmet Värme i skolan, en satsning på heat.",
            _HEAT,
            ["heat"],
        ),
        # What the call does not fund: the priority's words, said not to be its subject.
        (
            "The use of hydrogen for heating purposes is out of scope.",
            _HYDROGEN,
            ["heating", "hydrogen"],
        ),
        (
            "District heating is not within the scope of this topic.",
            _HYDROGEN,
            ["heating", "hydrogen"],
        ),
        (
            "Bioenergy for heating is not in scope, and hydrogen burners are beyond its scope.",
            _HYDROGEN,
            ["heating", "hydrogen"],
        ),
        # How many partners or sites a project must have: a condition, not the subject.
        (
            "At least one of the cities selected for hydrogen twinning must be a Mission city.",
            _HYDROGEN,
            ["cities", "hydrogen"],
        ),
        (
            "Hydrogen pilot sites should be created in at least two lead cities.",
            _HYDROGEN,
            ["cities", "hydrogen"],
        ),
        (
            "Be tested in at least three neighbourhoods together with their residents.",
            _HYDROGEN,
            ["neighbourhoods"],
        ),
        (
            "Solutions should be demonstrated in at least two living labs of hydrogen use.",
            _HYDROGEN,
            ["hydrogen"],
        ),
        # The terms of the grant and the programme's standard duties.
        (
            "Such hydrogen support can only be given in the form of grants.",
            _HYDROGEN,
            ["hydrogen"],
        ),
        (
            "The maximum EU contribution per hydrogen project will not exceed EUR 2 million.",
            _HYDROGEN,
            ["hydrogen"],
        ),
        (
            "As appropriate, hydrogen projects should take the gender dimension into account.",
            _HYDROGEN,
            ["hydrogen"],
        ),
        (
            "Efforts should prioritise making hydrogen data FAIR (Findable, Accessible, …).",
            _HYDROGEN,
            ["hydrogen"],
        ),
    ],
)
def test_a_sentence_on_the_calls_context_gives_way_to_what_it_does(
    context: str, own: str, keywords: list[str]
) -> None:
    """ "This topic is one of the 5 priorities of the call …", "The use of hydrogen for heating
    purposes is out of scope", "… in at least two lead cities": the programme around a call,
    what it does not fund, or how many partners or sites it must have, is quoted only when
    nothing else is left, though it holds the priority's words."""
    for passage in (f"{TITLE}. {context} {own}", f"{TITLE}. {own} {context}"):
        assert quote(passage, TITLE, keywords) == own
    assert quote(f"{TITLE}. {context}", TITLE, keywords[:1]) == context


def test_a_sentence_on_the_calls_work_that_ends_on_its_sites_is_no_condition() -> None:
    doing = (
        "Projects deploy measures that increase hydrogen use in buses, ferries and district "
        "heating, with pilots in at least two cities."
    )
    assert doing in quote(f"{TITLE}. {doing} {_HEAT}", TITLE, ["hydrogen"])


def test_a_topic_that_says_what_it_is_about_is_no_placement() -> None:
    doing = "This topic is about heat pumps that schools measure over two winters."
    assert doing in quote(f"{TITLE}. {doing} Read more.", TITLE, ["heat"])


def test_quotes_of_real_calls_hold_a_link_only_when_nothing_else_can_be_read() -> None:
    """Every passage of every corpus call: the quote holds no link unless no sentence of the
    passage is readable, and stays within its length."""
    checked = 0
    for line in corpus_text().splitlines():
        record = json.loads(line)
        for passage in call_passages(record["title"], record["programme"], record["description"]):
            found = quote(passage, record["title"], [])
            checked += 1
            assert len(found) <= MAX_PASSAGE
            if LINK.search(found):
                body = passage[len(record["title"]) :]
                sentences = SENTENCE.split(body)
                assert not any(readable(s) for s in sentences if len(s.strip()) > 20), found
    assert checked > 3000


def test_a_quotation_mark_whose_partner_was_left_out_is_dropped() -> None:
    passage = (
        f"{TITLE}. the partners said that “pupils learn about energy. Schools measure the heat "
        "their pumps deliver and teach with the figures.” Reports follow each winter."
    )
    found = quote(passage, TITLE, ["figures"])
    assert found == (
        "Schools measure the heat their pumps deliver and teach with the figures. "
        "Reports follow each winter."
    )
    kept = f"{TITLE}. Schools follow the “heat first” plan of the city in every building."
    assert (
        quote(kept, TITLE, [])
        == "Schools follow the “heat first” plan of the city in every building."
    )


def test_swedish_quotation_marks_in_pairs_stay() -> None:
    passage = f"{TITLE}. Utlysningen heter ”Värme i skolor” och gäller hela landet i år."
    assert quote(passage, TITLE, []) == (
        "Utlysningen heter ”Värme i skolor” och gäller hela landet i år."
    )


def test_sentences_many_differently_titled_calls_hold_are_shared() -> None:
    standard = "Projects report their results to the programme's knowledge platform each year."
    calls = [
        ("Heat pumps in schools", f"Schools install heat pumps. {standard}"),
        ("Cycle lanes", f"Cities build cycle lanes. [2] {standard.replace('year', 'year ')}"),
        ("Cycle lanes", f"The second round of the same call. {standard}"),
        ("Flood barriers", f"Towns test flood barriers. {standard}"),
    ]
    shared = shared_sentences(calls[:3])
    # Three calls, but two of them are rounds of one call: not yet standard text.
    assert sentence_key(standard) not in shared
    shared = shared_sentences(calls)
    assert shared == {sentence_key(standard)}
    assert sentence_key(f"[4] {standard}") == sentence_key(standard)
    # After a linking word it is the same sentence; a word of its own makes another.
    assert sentence_key(f"Therefore, {standard}") == sentence_key(standard)
    assert sentence_key(f"Furthermore {standard}") == sentence_key(standard)
    assert sentence_key(f"Cities {standard}") != sentence_key(standard)
    linked = [(t, f"{d.split('. ')[0]}. Therefore, {standard}") for t, d in calls[:2]]
    assert shared_sentences([*linked, calls[3]]) == {sentence_key(standard)}
    # A short piece is never counted, however many calls hold it.
    assert not shared_sentences([(t, "Read more here now.") for t in "ABCD"])


def test_a_quote_leaves_out_the_standard_text_while_another_sentence_is_left() -> None:
    standard = "Projects report their results to the programme's knowledge platform each year."
    shared = frozenset({sentence_key(standard)})
    passage = f"{TITLE}. {standard} Schools measure the heat their pumps deliver."
    assert quote(passage, TITLE, ["results"], shared) == (
        "Schools measure the heat their pumps deliver."
    )
    assert quote(passage, TITLE, ["results"]).startswith("Projects report their results")
    alone = f"{TITLE}. {standard}"
    assert quote(alone, TITLE, [], shared) == standard
    # Variants of one action share every sentence but a field: the sentences are quoted,
    # not the field alone.
    variant = f"{TITLE}\nScope: VIRTUAL EXCHANGES\n{standard}"
    assert quote(variant, TITLE, [], shared) == standard


def test_real_calls_are_quoted_by_their_own_sentences_not_their_work_programmes() -> None:
    """Three democracy topics of Horizon Europe share a sentence of their work programme; the
    passage of one that holds it is quoted by a sentence of the topic itself."""
    records = [json.loads(line) for line in corpus_text().splitlines()]
    shared = shared_sentences((r["title"], r["description"]) for r in records)
    standard = "Proposals are encouraged to identify other relevant EU-funded projects"
    holders = [r for r in records if standard in r["description"]]
    assert len({r["title"] for r in holders}) >= 3
    record = next(r for r in holders if r["id"] == "HORIZON-CL2-2027-01-DEMOCRACY-05")
    passage = next(
        p
        for p in call_passages(record["title"], record["programme"], record["description"])
        if standard in p
    )
    keywords = ["democracy", "civil society", "cooperation"]
    assert standard in quote(passage, record["title"], keywords)
    found = quote(passage, record["title"], keywords, shared)
    assert standard not in found and found in " ".join(passage.split())
    assert not any(sentence_key(s) in shared for s in SENTENCE.split(found))


def test_a_footnote_number_inside_a_sentence_does_not_cut_it_and_a_source_is_not_quoted() -> None:
    passage = (
        f"{TITLE}. Cities co-create [1] and run [2] heat pumps in schools with their pupils [3] . "
        "[4] The study of the pilot cities shows what the pumps save. "
        "[5] Mission Innovation Heat Pump Platform [6] https://example.org/pumps"
    )
    found = quote(passage, TITLE, ["heat pump", "platform"])
    # Before, the sentence was cut at each number and its pieces quoted as sentences.
    assert found == (
        "Cities co-create and run heat pumps in schools with their pupils. "
        "The study of the pilot cities shows what the pumps save."
    )
    # A footnote number before a dash that goes on with the sentence does not cut it either.
    dashed = (
        f"{TITLE}. Schools run heat pumps. The caretakers [4] – and the pupils – read the "
        "meters each week. [5] Mission Innovation Heat Pump Platform"
    )
    assert quote(dashed, TITLE, ["heat pump", "meters"]) == (
        "Schools run heat pumps. The caretakers – and the pupils – read the meters each week."
    )
    # A footnote that only names a source is quoted when nothing else is left.
    alone = f"{TITLE}. [5] Mission Innovation Heat Pump Platform [6] https://example.org/pumps"
    assert quote(alone, TITLE, []) == "Mission Innovation Heat Pump Platform"


def test_standard_share_counts_the_words_in_standard_sentences() -> None:
    standard = "Projects report their results to the programme's knowledge platform each year."
    shared = frozenset({sentence_key(standard)})
    own = "Schools measure the heat their pumps deliver."
    assert standard_share(f"{standard} [3]", shared) == 1.0
    assert standard_share(f"{standard} {own}", shared) == pytest.approx(11 / 18)
    assert standard_share(own, shared) == 0.0
    assert standard_share(standard, frozenset()) == 0.0
    assert standard_share("", shared) == 0.0


def test_a_quote_says_its_own_when_one_sentence_is_not_shared() -> None:
    standard = "Projects report their results to the programme's knowledge platform each year."
    shared = frozenset({sentence_key(standard)})
    assert not says_its_own(standard, shared)
    assert not says_its_own(f"…{standard} [4] .", shared)  # a footnote's full stop says nothing
    assert says_its_own(f"{standard} Read more.", shared)  # too short to be shared
    assert says_its_own(f"{standard} Schools measure the heat their pumps deliver.", shared)


# A call page as the Swedish managing authorities lay it out: fields and headings on lines of
# their own, then what the call is for (written for these tests).
ESF_TITLE = "Inkludering genom arbete"
ESF_PAGE = (
    "Utlysning 26-031\n"
    "Öppnar: 18 november 2026\n"
    "Stänger: 30 december 2026\n"
    "Utlyst belopp 65 000 000 kr\n"
    "Programområde 2: Social inkludering\n"
    "Region: Östra Mellansverige\n"
    "Utlysningen riktar sig till projekt som hjälper personer långt från arbetsmarknaden att "
    "komma närmare arbete eller studier.\n"
    "Vem kan söka\n"
    "Kommuner och regioner i Östra Mellansverige.\n"
    "Sista dag: 30 december 2026."
)


def test_a_pages_fields_and_headings_are_left_out_of_the_quote() -> None:
    (passage,) = call_passages(ESF_TITLE, "ESF+", ESF_PAGE, lines=True)
    assert quote(passage, ESF_TITLE, []) == (
        "Utlysningen riktar sig till projekt som hjälper personer långt från arbetsmarknaden "
        "att komma närmare arbete eller studier. Kommuner och regioner i Östra Mellansverige."
    )
    # Without its line breaks the page is one run of words: the fields are quoted.
    (flat,) = call_passages(ESF_TITLE, "ESF+", ESF_PAGE)
    assert quote(flat, ESF_TITLE, []).startswith("Utlysning 26-031 Öppnar:")


def test_a_matchs_quote_leaves_out_who_may_apply_while_anything_else_is_left() -> None:
    (passage,) = call_passages(ESF_TITLE, "ESF+", ESF_PAGE, lines=True)
    # The digest says who may apply on a line of its own: the quote keeps to what the call is
    # for. Search quotes the page as it is (a query may be about who may apply).
    assert quote(passage, ESF_TITLE, [], beside_facts=True) == (
        "Utlysningen riktar sig till projekt som hjälper personer långt från arbetsmarknaden "
        "att komma närmare arbete eller studier."
    )
    assert "Kommuner och regioner" in quote(passage, ESF_TITLE, [])
    title = "Greening cities"
    page = (
        f"{title}\nUrban authorities can apply for up to EUR 5 million to test nature-based "
        "solutions against heat in dense neighbourhoods.\nDeadline: 6 February 2027.\n"
        "Who can apply: Urban authorities and their delivery partners."
    )
    (passage,) = call_passages(title, None, page, lines=True)
    assert quote(passage, title, [], beside_facts=True).endswith("in dense neighbourhoods.")
    # Under a question heading, up to the next heading: a short question heads a section.
    page = (
        "Besöksnäring i länet\nProjekt som utvecklar besöksmål och evenemang så att fler "
        "besökare kommer till länet året runt.\nVem kan söka?\nKommuner, regionen och "
        "destinationsbolag.\nVad kan ni söka för?\nDigitala besöksupplevelser och samarbeten "
        "mellan kulturliv och besöksnäring.\nVad handlar erbjudandet om?"
    )
    assert who_pieces(page) == {"Vem kan söka?", "Kommuner, regionen och destinationsbolag."}
    (passage,) = call_passages("Besöksnäring i länet", None, page, lines=True)
    assert quote(passage, "Besöksnäring i länet", [], beside_facts=True) == (
        "Projekt som utvecklar besöksmål och evenemang så att fler besökare kommer till länet "
        "året runt. Digitala besöksupplevelser och samarbeten mellan kulturliv och besöksnäring."
    )
    # A page that says nothing but who may apply is still quoted.
    only = "Who may apply: municipalities and regions that run public transport together."
    assert quote(only, "", [], beside_facts=True) == only


def test_a_matchs_quote_leaves_out_the_calls_dates_while_anything_else_is_left() -> None:
    page = (
        "Unga i arbete\nProjekt som når unga vuxna som står utanför både arbete och studier. "
        "Vi planerar att öppna utlysningen den 22 januari 2027 och att den stänger den 23 mars "
        "2027. Datumen är preliminära tills utlysningen publiceras."
    )
    (passage,) = call_passages("Unga i arbete", None, page, lines=True)
    assert quote(passage, "Unga i arbete", [], beside_facts=True) == (
        "Projekt som når unga vuxna som står utanför både arbete och studier."
    )
    assert "22 januari 2027" in quote(passage, "Unga i arbete", [])  # search keeps them
    assert dates_sentence("The call opens on 12 Oct 2026 and closes on 2027-01-15.")
    assert dates_sentence("Sista ansökningsdag är ändrad till den 31 augusti 2022.")
    # A date that is not the call's window stays: what the grant is for, and when.
    assert not dates_sentence(
        "Kommuner kan ansöka om bidrag för rådgivning under perioden 1 januari 2026–31 "
        "december 2027."
    )
    assert not dates_sentence("Projects should open up their data to the public by 2030.")
    # Nothing but dates: still quoted.
    only = "Ansökan stänger den 31 januari 2024."
    assert quote(only, "", [], beside_facts=True) == only


def test_a_page_of_nothing_but_fields_keeps_its_labels_and_drops_its_title() -> None:
    title = "Central Baltic: small projects for culture"
    page = (
        f"{title}\nProgramme: Interreg Central Baltic\nThemes: Greener Europe\n"
        "Who may apply: Local public authority, Regional public authority, Sectoral agency, "
        "Higher education and research organisations, Interest groups including NGOs\n"
        "Eligible countries: Estonia, Finland, Latvia, Sweden"
    )
    (passage,) = call_passages(title, None, page, lines=True)
    found = quote(passage, title, [])
    # A list of sixteen words before a line break is a field too, not a sentence to quote.
    assert found.startswith("Programme: Interreg Central Baltic; Themes: Greener Europe; Who may")
    assert "small projects for culture" not in found


def test_a_sections_label_and_a_lists_bullet_are_left_out() -> None:
    page = (
        "Expected Outcome:\nProjects are expected to contribute to the following outcomes:\n"
        "- Cities heat their schools with large heat pumps.\n"
        "- public authorities share what the pumps saved.\n"
        "Scope: Applicants install heat pumps in at least three municipal buildings."
    )
    (passage,) = call_passages(TITLE, "LIFE", page, lines=True)
    found = quote(passage, TITLE, ["pumps"])
    assert found.startswith("Cities heat their schools")  # a capital: the bullet goes
    assert "following outcomes" not in found  # a lead-in alone on its line goes too
    assert "- public authorities share" in found  # a small letter: it stays, a list's item
    assert "Expected Outcome" not in found and "Scope:" not in found
    assert "Applicants install heat pumps" in found


def test_a_lists_lead_in_is_left_out_before_a_capital_and_kept_before_a_small_letter() -> None:
    lead = "The projects should deliver each of the following expected outcomes:"
    (passage,) = call_passages(
        TITLE, "LIFE", f"{lead} Schools in three cities heat their classrooms with heat pumps."
    )
    assert quote(passage, TITLE, []) == (
        "Schools in three cities heat their classrooms with heat pumps."
    )
    (passage,) = call_passages(
        TITLE, "LIFE", f"{lead} schools in three cities heat their classrooms with heat pumps."
    )
    assert quote(passage, TITLE, []).startswith(lead)  # the quote does not rewrite a sentence
    (passage,) = call_passages(
        TITLE,
        "LIFE",
        "Proposals should address all of the following aspects of heat pumps in "
        "schools: Noise, cost and upkeep.",
    )
    assert quote(passage, TITLE, []).startswith("Proposals should")  # the lead-in says more
    (passage,) = call_passages(
        TITLE,
        "Energimyndigheten",
        "Projekten ska uppfylla följande krav: Minst två kommuner deltar.",
    )
    assert quote(passage, TITLE, []) == "Minst två kommuner deltar."
    (passage,) = call_passages(
        TITLE, "LIFE", "Proposals can support any of the areas listed below: Noise and upkeep."
    )
    assert quote(passage, TITLE, []) == "Noise and upkeep."


def test_real_calls_are_seldom_quoted_from_a_lists_lead_in() -> None:
    """One in eight passages of the corpus opens with a clause that announces "… the
    following expected outcomes:" or the like; before an item that
    begins with a capital the quote starts at the item."""
    lead = re.compile(r"^[A-Z][^:.;!?]{0,160}\bthe following(?: [\w-]+){0,2}:\s+[A-Z]")
    quoted = opened = 0
    for call_id, passage, found in corpus_quotes():
        assert not lead.match(found), (call_id, found)
        opened += passage.count("the following expected outcomes:")
        quoted += 1
    assert quoted > 2000 and opened > 300


def test_a_programme_with_brackets_of_its_own_is_left_out_of_the_quote_whole() -> None:
    title = "Löpande förstudier – Östra Mellansverige"
    (passage,) = call_passages(
        title,
        "ERDF (Tillväxtverket) – Östra Mellansverige",
        "EU-programmet tar emot ansökningar om stöd till förstudier, som behandlas löpande.",
    )
    assert quote(passage, title, []) == (
        "EU-programmet tar emot ansökningar om stöd till förstudier, som behandlas löpande."
    )


def test_real_calls_are_not_quoted_from_a_sections_label() -> None:
    """The Funding & Tenders topics open their sections with "Expected Outcome:", "Scope:" and
    the like; the quote begins with the sentence that follows (one in small letters, "Scope:
    the Commission expects …", keeps its label: the quote does not rewrite a sentence)."""
    label = re.compile(
        r"(Expected Outcome|Expected Impact|Scope|Objectives?|Call objectives):\s+[-•A-Z]"
    )
    # Nor with a heading or a field before the label, and no stop between them ("Funding
    # rate Other Action Grants (OAGs) — 95% Objective: …", "Youth, science and democracy
    # Expected outcome: …").
    headed = re.compile(
        r"^[^.:;!?]{3,160}? (Expected [Oo]utcomes?|Expected [Ii]mpacts?|Scope|Objectives?) ?:"
        r"\s+[A-Z]"
    )
    quoted = 0
    for call_id, _passage, found in corpus_quotes():
        assert not label.match(found), (call_id, found)
        assert not headed.match(found), (call_id, found)
        quoted += 1
    assert quoted > 2000


def test_a_page_of_its_title_and_standard_text_is_quoted_by_the_standard_text() -> None:
    """A call of one priority of a larger call: the text is the larger call's objective
    (which its sibling calls share) and the priority's name, which is the title again. The
    title quoted as the reason says nothing the digest does not show above it."""
    title = "Promoting active participation in public policymaking"
    objective = (
        "The objective of this call is to promote the participation of citizens and their "
        "associations in the democratic life of the Union."
    )
    siblings = [
        (name, f"Objective: {objective}\nPriority {n}. {name}.")
        for n, name in enumerate([title, "Supporting fair elections", "Countering disinformation"])
    ]
    shared = shared_sentences(siblings)
    (passage,) = call_passages(title, "CERV", siblings[0][1], lines=True)
    found = quote(passage, title, [], shared, beside_facts=True)
    assert found == objective


def test_a_pointer_to_the_call_document_and_a_spaced_label_are_not_quoted() -> None:
    """LIFE's topics tell applicants to read the call document ("… as described in the Award
    criterion ‘Impact’ (see Call document section 2 and 9)"), and some pages write a
    section's label with a space before its colon ("Expected Impact : …")."""
    title = "Circular economy projects"
    passage = (
        f"{title} (LIFE). Applicants are expected to define, calculate, explain and achieve "
        "the expected impacts as described in the Award criterion ‘Impact’ (see Call document "
        "section 2 and 9 ). The aim is to facilitate the transition toward a circular economy."
    )
    assert quote(passage, title, []) == (
        "The aim is to facilitate the transition toward a circular economy."
    )
    assert not readable("Applicants should identify the impacts, as set out in the call document.")
    spaced = f"{title} (LIFE). Expected Impact : By the end of the project, the plan is in use."
    assert quote(spaced, title, []) == "By the end of the project, the plan is in use."
    # A procedure alone is still quoted: there is nothing else.
    only = "Applicants should identify the impacts, as set out in the call document."
    assert quote(only, "", []) == only


def test_a_quote_has_no_space_before_its_punctuation() -> None:
    """Pages converted from HTML leave a space before a full stop or a bracket ("… Values
    Programme (CERV) .", "(see section 9 )."); the quote reads without it."""
    passage = (
        "Daphne priorities (CERV). This topic prevents violence against children under the "
        "Citizens, Equality, Rights and Values Programme (CERV) . It funds shelters , helplines "
        "and training (for staff ) ."
    )
    assert quote(passage, "Daphne priorities", []) == (
        "This topic prevents violence against children under the Citizens, Equality, Rights "
        "and Values Programme (CERV). It funds shelters, helplines and training (for staff)."
    )


def test_a_sentence_that_leans_on_the_one_before_is_quoted_after_one_that_stands_alone() -> None:
    # Each sentence alone fills most of a quote, and both use the keyword once.
    leaning = (
        "Consequently, they can deliver significant economic, environmental and social benefits "
        "with heat pumps and strengthen the energy independence, competitiveness and climate "
        "resilience of the regions that take part."
    )
    alone = (
        "Municipalities replace the oil boilers of schools, libraries and care homes with heat "
        "pumps connected to shared ground loops, and publish what the change costs and saves "
        "over the first three winters of operation."
    )
    passage = f"{TITLE}. {leaning} {alone}"
    assert quote(passage, TITLE, ["heat pumps"]) == alone
    # More of the keywords still decide first; a sentence naming its call stands alone.
    assert quote(passage, TITLE, ["heat pumps", "competitiveness"]) == leaning
    topic = leaning.replace("Consequently, they", "This topic's projects")
    assert quote(f"{TITLE}. {topic} {alone}", TITLE, ["heat pumps"]) == topic


def test_real_calls_are_seldom_quoted_from_a_sentence_that_leans_on_the_one_before() -> None:
    """Of the corpus's passages, 162 were quoted from a sentence opening "They …",
    "Consequently …", "These …" or the like; now one in a hundred or fewer are (where nothing
    else in the passage fits)."""
    leaning = re.compile(
        r"^(?:They|It|Its|Their|These|Consequently|Furthermore|Moreover|However|Therefore|"
        r"Thus|Hence|Finally|Additionally|Also|In addition|As a result|Dessa|Detta|Därför|"
        r"Dessutom)\b"
    )
    found = [(call_id, q) for call_id, _p, q in corpus_quotes() if leaning.match(q.lstrip("…"))]
    assert len(found) <= 35, found[:5]


def test_a_figure_a_passage_is_cut_at_does_not_start_its_quote() -> None:
    """A passage is cut by words, so the figure it begins with mostly ends a sentence of the
    passage before ("… to cut emissions by 2030, and …"); an item of a list ("2) …") starts
    one, and an abbreviation before a number ("Art. 25", "No. 25") ends none."""
    whole = (
        "Municipalities replace the oil boilers of schools, libraries and care homes with heat "
        "pumps on shared ground loops."
    )
    cut = "2030, and possibly other buildings that the region owns, with the same heat pumps."
    assert quote(f"{TITLE}. {cut} {whole}", TITLE, ["heat pumps"]) == whole
    item = "2) Support the cities that install heat pumps in their schools and care homes."
    assert quote(f"{TITLE}. {item} {whole}", TITLE, ["heat pumps"]).startswith(item)
    alone = f"{TITLE}. {cut}"  # nothing else to quote: marked as the piece it is
    assert quote(alone, TITLE, ["heat pumps"]).startswith("…2030, and possibly")
    law = (
        "Cities plan heat pumps in line with EED Art. 25 and with UN General Comment No. 25 on "
        "the heating of public buildings."
    )
    assert quote(f"{TITLE}. {law}", TITLE, ["heat pumps"]) == law


def test_real_calls_are_not_quoted_from_a_figure_inside_a_sentence() -> None:
    """Of the corpus's passages, 10 were quoted from a piece beginning inside a sentence with
    a figure ("2030, and possibly …", "25 by providing …" after "EED Art.", "18 December 2023
    on a European framework …"); now only lists' items and footnotes begin with one."""
    inside = re.compile(r"^\d[\d.,%]*(?:\s*[,;]|\s+[a-z])")
    found = [(call_id, q) for call_id, _p, q in corpus_quotes() if inside.match(q)]
    assert not found, found[:5]


def test_a_quote_prefers_the_sentence_with_the_targets_english_terms_as_whole_words() -> None:
    """A priority written in Swedish shares no word with an English call; its English search
    terms say which sentence speaks of it. A term counts as a whole word: "VET" is not the
    "veterans" of an earlier sentence, which a keyword's word start would take."""
    passage = (
        f"{TITLE}. Veterans of the field advise the consortium on its methods, its choice of "
        "pilot sites, the measurements it makes in each building and the way it reports its "
        "results to the partners. Regional VET providers train adults for jobs in the energy "
        "sector, with courses on installing, maintaining and repairing heat pumps in public "
        "and private buildings."
    )
    assert quote(passage, TITLE, ["vet"]).startswith("Veterans of the field")
    assert quote(passage, TITLE, [], terms=["VET"]).startswith("Regional VET providers")
    assert quote(passage, TITLE, []).startswith("Veterans of the field")


def test_a_word_that_is_both_keyword_and_term_counts_once_in_the_quotes_choice() -> None:
    """A file's keyword that is an English word too ("innovation") is also among the terms:
    the sentence that uses it once does not outweigh one that uses two different words."""
    passage = (
        f"{TITLE}. The call was revised for innovation in the autumn round, when its budget, "
        "its dates and the documents an applicant sends were changed after questions from "
        "applicants in earlier rounds. Företag and universities take part in the cooperation "
        "around the pilots, which run heat pumps in schools, sports halls and libraries of "
        "three municipalities."
    )
    keywords, terms = ["innovation", "företag"], ["innovation", "cooperation"]
    found = quote(passage, TITLE, keywords, terms=terms)
    assert found.startswith("Företag and universities"), found


def test_keywords_and_terms_are_found_whatever_their_case() -> None:
    """A keyword starts a word ("klimat" in "Klimatanpassning"), a term is a whole word; both
    are found in capitals and Swedish letters, and not inside another word."""
    text = "ÄLDREOMSORG och Klimatanpassning i Skärgården; VET-providers, veterans."
    assert keyword_hits(["äldreomsorg", "klimat", "skärgård", "anpassning"], text) == [
        "äldreomsorg",
        "klimat",
        "skärgård",
    ]
    assert term_hits(["VET", "vet", "veteran", "Veterans", "skärgården"], text) == [
        "VET",
        "vet",
        "Veterans",
        "skärgården",
    ]


def _cut_in_two() -> tuple[str, list[str]]:
    """Written for the test: a call whose second passage (words 181-360) holds nothing but
    the end of a list sentence that began in the first and the start of one that ends in the
    third."""
    filler = " ".join(
        f"Town number {n} has a youth council with elected members." for n in range(17)
    )
    items = "; ".join(f"room {n} for the pupils of the school in district {n}" for n in range(15))
    description = (
        f"{filler} Applicants bring together schools, libraries, sports clubs and youth "
        f"centres to plan the summer; {items}; and a room for the teachers too. Each partner "
        "reports to the board every month. The board publishes what the partners report on its "
        "own website each year. Young people who took part tell the next year's group what "
        "they learned and what they would change."
    )
    passages = call_passages("Summer for young people", "ESF+", description)
    assert len(passages) == 3 and passages[1].endswith("Each partner reports to")
    return description, passages


def test_a_passage_gets_the_sentences_cut_at_its_edges_whole_from_its_neighbours() -> None:
    _, passages = _cut_in_two()
    title = "Summer for young people"
    middle = whole_edges(passages, 1, title)
    assert middle.startswith(f"{title} (ESF+). Applicants bring together schools, libraries")
    assert middle.endswith(
        "and a room for the teachers too. Each partner reports to the board every month."
    )
    # The first passage begins the description; its last sentence ends at the list's first
    # item, in the next passage.
    assert whole_edges(passages, 0, title) == f"{passages[0]} to plan the summer;"
    # The last passage begins inside the sentence and gets its start.
    assert (
        whole_edges(passages, 2, title)
        == f"{title} (ESF+). Each partner reports to " + (passages[2].split("(ESF+). ", 1)[1])
    )


def test_a_quote_of_nothing_but_pieces_of_sentences_quotes_them_whole() -> None:
    """Before, the middle passage's quote was the only piece that began a sentence, cut in
    the middle ("Each partner reports to"); its neighbours' words make both whole."""
    _, passages = _cut_in_two()
    title = "Summer for young people"
    assert quote(passages[1], title, []) == "Each partner reports to"
    found = quote_of(passages, 1, title, ["libraries"])
    assert found.startswith("Applicants bring together schools, libraries") and found.endswith("…")
    assert quote_of(passages, 1, title, ["board"]) == (
        "Each partner reports to the board every month."
    )
    # With no word of the target in either, the sentence the quote holds whole goes first.
    assert quote_of(passages, 1, title, []) == "Each partner reports to the board every month."
    # A passage with whole sentences to quote is quoted as it is.
    assert quote_of(passages, 0, title, ["council"]) == quote(passages[0], title, ["council"])


def test_a_sentence_longer_than_its_edge_allows_stays_cut() -> None:
    """Written for the test: the sentence the second passage begins inside started more than
    EDGE_WORDS words before the passage's edge, so the quote still says it is a piece."""
    filler = " ".join(
        f"Town number {n} has a youth council with elected members." for n in range(10)
    )
    long_list = ", ".join(f"club {n} and its members" for n in range(EDGE_WORDS // 4 + 5))
    description = f"{filler} Applicants invite {long_list}; " + " ".join(
        f"then room {n} for the pupils of district {n}" for n in range(10)
    )
    passages = call_passages("Summer for young people", "ESF+", description)
    assert len(passages) == 2 and not passages[1].split("(ESF+). ", 1)[1][0].isupper()
    assert whole_edges(passages, 1, "Summer for young people") == passages[1]
    assert quote_of(passages, 1, "Summer for young people", []).startswith("…")


NOTED = (
    "Expected Outcome: Towns open their libraries [1] to makers and map the crafts [2] of each "
    "district. Projects train librarians as hosts [3] . "
    "[1] Among others, B. Lindqvist, Open Libraries and Local Crafts. Notes from six towns , "
    "Uppsala, Folkbildning 2019 libraries_final.pdf "
    "[2] Craft registers of the districts | Nordic Crafts Council "
    "[3] A host is a librarian who welcomes makers and lends them tools. "
    "Scope: Each town runs a pilot library for two years."
)


def test_a_notes_reference_is_known_in_all_its_pieces_and_a_notes_statement_is_kept() -> None:
    notes = note_references(NOTED)
    # The reference's pieces, cut by the full stops of an initial and a title, are all known.
    assert "Among others, B." in notes
    assert "Lindqvist, Open Libraries and Local Crafts." in notes
    assert "Craft registers of the districts | Nordic Crafts Council" in notes
    # A note that states something, and the text after the next section's label, are not.
    assert not any("host is a librarian" in s or "pilot library" in s for s in notes)
    assert not any("Towns open their libraries" in s for s in notes)
    # A numbered list uses each number once: its items are no notes.
    listed = "Outcomes: [1] Towns open libraries. Open Libraries and Crafts. [2] Makers teach."
    assert note_references(listed) == frozenset()
    # A number inside a sentence before a bracket starts no note.
    inside = (
        "Hosts welcome makers [2] . Towns keep registers [2] (kept by libraries) and lend tools."
    )
    assert note_references(inside) == frozenset()


def test_a_call_is_not_quoted_by_the_pieces_of_a_notes_reference() -> None:
    passages = call_passages(TITLE, "Creative Europe", NOTED, lines=True)
    assert len(passages) == 1
    # Before, the reference's title was the best quote for "local crafts".
    found = quote_of(passages, 0, TITLE, ["local crafts", "open libraries"])
    assert "Lindqvist" not in found and "Nordic Crafts Council" not in found
    assert found.startswith("Towns open their libraries to makers")


def test_real_calls_are_not_quoted_by_a_notes_reference() -> None:
    """A topic of the real corpus whose notes cite studies by author and title: its quote for
    a culture priority was the pieces of one citation; now it is the topic's own sentences."""
    for line in corpus_text().splitlines():
        record = json.loads(line)
        if record["id"] == "HORIZON-CL2-2027-01-HERITAGE-05":
            break
    else:
        pytest.fail("the social economy topic is missing from the corpus")
    passages = call_passages(record["title"], None, record["description"], lines=True)
    notes = note_references(" ".join(passages))
    assert any(s.startswith("Costantini") for s in notes)
    keywords = ["kultur", "cultural and creative industries", "creative industries", "culture"]
    for n in range(len(passages)):
        found = quote_of(passages, n, record["title"], keywords)
        assert not any(s in found for s in notes if len(s) > 20), (n, found)


def test_a_note_inside_a_sentence_in_double_brackets_is_not_quoted() -> None:
    """Written for the test: the portal writes some notes inside a sentence, in double
    brackets ("… social economy[[ The Commission defines … […]]] and the cultural …"); a
    quote leaves the note out, and a passage cut by words inside one quotes around it."""
    text = (
        "Scope: The meeting of crafts[[ The Council defines crafts in its 2019 study. “Crafts "
        "are made by hand in small workshops.” […]]] and local libraries gives makers a home. "
        "Projects open craft libraries in small towns."
    )
    found = quote(f"{TITLE}. {text}", TITLE, ["libraries", "crafts"])
    assert "The meeting of crafts and local libraries gives makers a home." in found
    assert "[[" not in found and "]]" not in found and "workshops" not in found
    # Cut by words inside the note: its start or end goes, with the note.
    assert "workshops" not in quote(
        f"{TITLE}. Crafts are made by hand in small workshops.” […]]] "
        "and local libraries give makers a home.",
        TITLE,
        ["libraries"],
    )
    ending = quote(
        f"{TITLE}. Projects open craft libraries in small towns. Crafts[[ The Council "
        "defines crafts in its study of libraries",
        TITLE,
        ["libraries"],
    )
    assert ending == "Projects open craft libraries in small towns."


def test_a_real_topics_notes_in_double_brackets_are_not_quoted() -> None:
    """The real corpus's social economy topic defines the social economy in a note inside a
    sentence; a culture priority's quote was that note's end ("Traditionally, the term
    social economy refers to … foundations. […]]] and the cultural and creative sectors …")."""
    record = next(
        r
        for r in map(json.loads, corpus_text().splitlines())
        if r["id"] == "HORIZON-CL2-2027-01-HERITAGE-05"
    )
    passages = call_passages(record["title"], None, record["description"], lines=True)
    keywords = ["kultur", "cultural and creative industries", "creative industries", "culture"]
    for n in range(len(passages)):
        found = quote_of(passages, n, record["title"], keywords)
        assert "]]" not in found and "[[" not in found and "Traditionally" not in found, found


def test_a_note_that_defines_a_word_gives_way_to_what_the_call_does() -> None:
    """A note's definition uses the target's words without saying what the call does ("[1]
    In the context of the European Union, youth is typically defined as …", quoted for a
    youth priority); the call's own sentences go first, and a note that defines comes before
    one that only names a source when the passage has nothing else."""
    passages = call_passages(TITLE, "Creative Europe", NOTED, lines=True)
    assert "A host is a librarian who welcomes makers and lends them tools." in note_references(
        NOTED, stating=True
    )
    found = quote_of(passages, 0, TITLE, ["host", "librarian", "makers"])
    assert "Projects train librarians as hosts." in found and "welcomes makers" not in found
    only = "[3] A host is a librarian who welcomes makers. [4] Lindqvist, Open Libraries."
    text = f"Projects train hosts [3] as Lindqvist [4] did. {only}"
    notes = (note_references(text), note_references(text, stating=True))
    assert quote(f"{TITLE}. {only}", TITLE, ["host"], notes=notes) == (
        "A host is a librarian who welcomes makers."
    )


def test_phrase_words_are_the_content_words_of_the_longer_keywords_and_terms() -> None:
    words = phrase_words(["gender equality", "women", "gender-based violence", "kvinnor och män"])
    # One-word keywords count whole already; short and stop words ("och", "män") are left out.
    assert words == ["gender", "equality", "gender-based", "violence", "kvinnor"]


def test_a_priority_without_keywords_is_not_found_by_its_municipalitys_name_or_filler() -> None:
    """A file's texts name their own municipality ("Malmö", "Malmöbor", "staden") and use
    words any Swedish text uses ("finns", "enligt", "insatser"); calls of other places share
    them, so they are no keywords to quote a call by."""
    text = (
        "Malmö ska stärka sin roll i Öresundsregionen. Staden ska enligt planen ge Malmöbor "
        "särskilt stöd, med insatser som finns för hamnen."
    )
    assert derived_keywords(text, place="Malmö stad") == ["öresundsregionen", "planen", "hamnen"]
    assert derived_keywords("Linköpings innovationskraft", place="Linköpings kommun") == [
        "innovationskraft"
    ]
    # What the name says the municipality is ("stad", "region") is no part of its name.
    kept = derived_keywords("Stadsutveckling och regionala samarbeten", place="Region Gotland")
    assert kept == ["stadsutveckling", "samarbeten"]


def test_a_priority_without_keywords_is_not_found_by_the_level_of_government_it_names() -> None:
    """ "Nationella minoriteter" is a subject; "nationella" alone is in any national body's
    call ("nationella och regionala funktioner inom energirådgivningen"), so it is neither a
    derived keyword nor a word of a longer one."""
    text = "Nationella minoriteter: det samiska språket och den regionala samiska kulturen."
    assert derived_keywords(text) == ["minoriteter", "samiska", "språket", "kulturen"]
    assert phrase_words(["nationella minoriteter", "regional development"]) == [
        "minoriteter",
        "development",
    ]


def test_a_priority_without_keywords_is_not_found_by_wanting_to_be_sustainable() -> None:
    """A third of the Swedish calls say "hållbar" and most priorities want to be: a tourism
    priority's "växa hållbart" found the Energy Agency's call on a sustainable transport
    system by it. Its subjects stay keywords."""
    text = "Vinterturism och vildmark. Besöksnäringen ska växa hållbart och hållbara resor."
    assert derived_keywords(text) == ["vinterturism", "vildmark", "besöksnäringen", "resor"]
    call = "Marknadsnära lösningar för ett hållbart transportsystem"
    assert keyword_hits(derived_keywords(text), call) == []
    assert derived_keywords("Hållbarhet i hela kommunen") == []


def test_of_sentences_without_a_whole_keyword_the_one_with_a_keywords_word_is_quoted() -> None:
    passage = (
        f"{TITLE}. Towns may run small pilots in one or two of their branch libraries over "
        "a term, or choose other ways to test the practice that suit the focus they have "
        "chosen for it. "
        "Projects look closely at gender in every library, such as who borrows tools, who "
        "teaches the workshops and who comes to the library's evening events in each town. "
        "Results are shared at a closing conference in the second year, with the partner "
        "towns, the national library agency and the craft associations of each region."
    )
    keywords = ["gender equality", "likabehandling"]
    # No sentence holds "gender equality"; before, the first sentence was quoted.
    found = quote(passage, TITLE, keywords)
    assert found.startswith("Projects look closely at gender in every library")
    assert "small pilots" not in found  # one sentence of this length fills the quote
    # A whole keyword still goes first.
    whole = passage + " Gender equality is measured in each town."
    assert "Gender equality is measured" in quote(whole, TITLE, keywords)


def test_a_keyword_inside_a_name_counts_less_than_the_same_words_said_of_the_call() -> None:
    passage = (
        f"{TITLE}. Results feed the Heat Pump Partnership and the Smart Cities Mission "
        "Platform of the programme, which hold the work of earlier projects, their reports "
        "and their data, and share them with the partners of each project in every country "
        "that takes part. Towns in the project fit heat pumps in schools and measure what "
        "smart cities save with them over two winters, building by building."
    )
    # Before, both sentences held the keywords and the first was quoted.
    found = quote(passage, TITLE, ["heat pump", "smart cities"])
    assert found.startswith("Towns in the project fit heat pumps")
    assert "Partnership" not in found
    # At a sentence's or a list item's start a capital is no name; a keyword written with
    # capitals is a name and counts where the text names it.
    assert (
        words_used("Heat pumps warm schools; Smart cities save.", ["heat pump"], ["smart cities"])
        == 4
    )
    assert words_used("Results feed the Heat Pump Partnership.", ["heat pump"], []) == 0
    assert words_used("Towns join URBACT networks.", ["URBACT"], []) == 1


def test_of_sentences_with_as_many_of_the_targets_words_the_one_that_asks_is_quoted() -> None:
    """Background ("Schools have long used …") and what the call asks for ("Proposals should
    …", "Develop …") with the same words of the target: the ask is quoted. A sentence with
    more of the target's words still comes first."""
    # Each sentence is long enough that the quote holds one.
    long = (
        " in the old school buildings of the town, its pools, halls and libraries alike, "
        "from the first day of the project to the last"
    )
    background = f"Schools have long used heat pumps that were sized for colder winters{long}."
    for ask in (
        f"Proposals should replace the heat pumps of at least ten schools{long}.",
        f"Develop heat pumps that schools can service themselves{long}.",
        f"This topic supports schools that replace their heat pumps{long}.",
    ):
        passage = f"{TITLE}. {background} {ask}"
        assert quote(passage, TITLE, ["heat pumps"]) == ask, ask
    # Procedure or a possibility is no ask: the earlier sentence stays.
    for other in (
        f"Applicants will have to provide proof of the heat pumps installed{long}.",
        f"Projects may award heat pumps to third parties{long}.",
    ):
        passage = f"{TITLE}. {background} {other}"
        assert quote(passage, TITLE, ["heat pumps"]) == background, other
    # An ask the quote would have to cut, and might cut before its word, gives way to a
    # sentence the quote holds whole.
    too_long = f"Develop{long}, and {long[4:]}, and{long}, and replace the heat pumps."
    assert len(too_long) > MAX_PASSAGE
    passage = f"{TITLE}. {background} {too_long}"
    assert quote(passage, TITLE, ["heat pumps"]) == background
    worded = f"{TITLE}. Schools in cold towns service their own heat pumps{long}. {ask}"
    assert quote(worded, TITLE, ["heat pumps", "schools", "service"]).startswith("Schools in")


def test_a_heading_run_into_its_first_sentence_is_left_out_of_the_quote() -> None:
    passage = (
        f"{TITLE}. Pump training for caretakers The training shows caretakers how heat pumps "
        "in schools are read and serviced. Heat pumps in public buildings Proposals should "
        "measure what the pumps save in each building."
    )
    found = quote(passage, TITLE, ["heat pumps"])
    assert found == (
        "The training shows caretakers how heat pumps in schools are read and serviced. "
        "Proposals should measure what the pumps save in each building."
    )
    listed = f"{TITLE}. Pump studies Analyse the heat pumps of six towns and their costs."
    assert quote(listed, TITLE, []) == "Analyse the heat pumps of six towns and their costs."
    titled = f"{TITLE}. Heat Pumps and Public Buildings Assess what the pumps of a town save."
    assert quote(titled, TITLE, []) == "Assess what the pumps of a town save."
    # A name before a capitalised noun, and a letter that names a part, are no heading.
    named = f"{TITLE}. Through its Innovative Actions strand the city tests heat pumps."
    assert quote(named, TITLE, []).startswith("Through its Innovative Actions strand")
    project = f"{TITLE}. Heat Pump Cooperation Projects are run by three towns together."
    assert quote(project, TITLE, []).startswith("Heat Pump Cooperation Projects are run")
    part = f"{TITLE}. Costs of pumps bought under Scope A are eligible from the first day."
    assert quote(part, TITLE, []).startswith("Costs of pumps bought under Scope A")
    # A part's heading in small letters runs up to the capital that opens its sentence, with
    # or without a colon; one in title case, or with a comma, has no marked end and stays.
    for focus in (
        "Focus 2 Reuse of old school buildings",
        "Focus 2: Reuse of old school buildings",
    ):
        run_in = f"{TITLE}. {focus} Old schools hold heat pumps of the 1980s."
        assert quote(run_in, TITLE, []) == "Old schools hold heat pumps of the 1980s.", focus
    for kept in (
        "Area 6 Heat Pump cluster Caretakers read the pumps each week.",
        "Focus 1 Approaches, methods and tools for schools Caretakers read the pumps.",
    ):
        assert quote(f"{TITLE}. {kept}", TITLE, []) == kept


def test_a_passage_cut_after_an_options_letter_does_not_begin_its_quote_there() -> None:
    passage = (
        f"{TITLE}. A), heat pumps in pools (POOL, Option B) and in halls (HALL, Option C). "
        "Towns measure the heat their pumps deliver in every building."
    )
    found = quote(passage, TITLE, ["heat pumps"])
    assert found == "Towns measure the heat their pumps deliver in every building."
    # Nothing else to quote: the piece is quoted as the middle of a sentence it is.
    alone = f"{TITLE}. A), heat pumps in pools (POOL, Option B) and in halls (HALL, Option C)."
    assert quote(alone, TITLE, []).startswith("…")


def test_a_passage_cut_before_a_dash_and_a_small_letter_begins_inside_a_sentence() -> None:
    lead = " ".join(f"Town {n} installs heat pumps in its schools." for n in range(21))
    ending = "Pumps reach full output in towns by the end of the project"
    tail = "– see the technical guide. " + " ".join(
        f"Pool {n} measures the heat its pumps deliver." for n in range(5)
    )
    assert len(f"{lead} {ending}".split()) == 180  # the first passage ends with "project"
    passages = call_passages(TITLE, "LIFE", f"{lead} {ending} {tail}", lines=True)
    assert len(passages) == 2 and passages[1].split(". ", 1)[1].startswith("– see")
    found = quote_of(passages, 1, TITLE, ["heat"])
    assert not found.startswith("– see") and found.startswith("Pool 0 measures the heat")
    # A list's item that goes on the sentence before it loses its dash after the "…".
    piece = f"{TITLE}. - measures the heat that each of the pumps delivers in winter"
    assert quote(piece, TITLE, []) == "…measures the heat that each of the pumps delivers in winter"


def _corpus_call(call_id: str) -> tuple[str, list[str]]:
    """A real corpus call's title and its passages as imported (``db.jsonl`` leaves out the
    "null" of empty fields, which moves where the passages are cut)."""
    from db.text import without_null_fields

    for line in corpus_text().splitlines():
        record = json.loads(line)
        if record["id"] == call_id:
            text = without_null_fields(record["description"])
            return record["title"], call_passages(
                record["title"], record["programme"], text, lines=True
            )
    pytest.fail(f"{call_id} is missing from the corpus")


def test_real_passages_cut_before_a_dash_or_run_into_a_heading_are_quoted_by_whole_sentences() -> (
    None
):
    """Two real topics: the hubs topic's last passage begins "– see General Annex B.", cut
    from the sentence before, and the social-economy topic runs "Policy and comparative
    studies" into its sentence. Neither piece opens their quotes now."""
    title, passages = _corpus_call("HORIZON-MISS-2027-04-CIT-03")
    cut = [n for n, p in enumerate(passages) if p.split(". ", 1)[1].startswith("– see")]
    assert cut  # the real text is still cut there
    for n in cut:
        assert not quote_of(passages, n, title, ["cycling"]).startswith("–")
    title, passages = _corpus_call("HORIZON-CL2-2027-01-HERITAGE-05")
    for n in range(len(passages)):
        found = quote_of(passages, n, title, ["policy frameworks", "social economy"])
        assert not found.startswith("Policy and comparative studies"), (n, found)


def test_an_abbreviation_that_leads_into_examples_ends_no_sentence() -> None:
    passage = (
        f"{TITLE}. Towns show pump data with new tools (e.g. 3D maps, dashboards) to their "
        "caretakers. Pumps run in all schools (i.e. Primary Schools and halls) by 2030."
    )
    assert sentences_of(passage.split(". ", 1)[1]) == [
        "Towns show pump data with new tools (e.g. 3D maps, dashboards) to their caretakers.",
        "Pumps run in all schools (i.e. Primary Schools and halls) by 2030.",
    ]
    # Cut at "e.g.", the quote for "dashboards" was the piece "3D maps, dashboards) …".
    found = quote(passage, TITLE, ["dashboards"])
    assert found.startswith("Towns show pump data with new tools (e.g. 3D maps, dashboards)")


def test_a_passage_after_one_cut_inside_a_sentence_begins_inside_it_despite_a_capital() -> None:
    """Written for the test: the first passage ends "… Sustainable Products Rules of" and the
    second goes on "Regulation, towns …": its first piece is the end of a sentence, though it
    begins with a capital. It is no quote while a whole sentence is left, and alone it is
    quoted whole, with the start the passage before gives it."""
    lead = " ".join(f"Town {n} installs heat pumps in its schools." for n in range(21))
    ending = "In line with the Heat Pump and Building Sustainable Products Rules of"
    assert len(f"{lead} {ending}".split()) == 180  # the first passage ends with "of"
    rest = (
        "Regulation, towns measure what each pump saves in every school, hall, pool and "
        "library they own, in winter and in summer, and report it to the national agency."
    )
    pools = " ".join(f"Pool {n} has a pump of its own." for n in range(5))
    passages = call_passages(TITLE, "LIFE", f"{lead} {ending} {rest} {pools}", lines=True)
    assert len(passages) == 2 and passages[1].split(". ", 1)[1].startswith("Regulation,")
    assert quote_of(passages, 1, TITLE, ["measure"]).startswith("Pool 0 has a pump")
    alone = call_passages(TITLE, "LIFE", f"{lead} {ending} {rest}", lines=True)
    assert len(alone) == 2
    found = quote_of(alone, 1, TITLE, ["measure"])
    assert found.startswith("In line with the Heat Pump and Building Sustainable Products Rules")
    assert "Regulation, towns measure" in found
    # After a passage that ends a sentence, the capital begins one, as before.
    ended = call_passages(TITLE, "LIFE", f"{lead} {ending}. {rest}", lines=True)
    assert quote_of(ended, 1, TITLE, ["measure"]).startswith("Regulation, towns measure")


def test_a_quote_of_nothing_but_a_calls_notes_is_known_as_such() -> None:
    passages = call_passages(TITLE, "Creative Europe", NOTED, lines=True)
    assert only_notes("Craft registers of the districts | Nordic Crafts Council", passages, TITLE)
    assert only_notes("Among others, B. Lindqvist, Open Libraries and Local…", passages, TITLE)
    assert not only_notes("Projects train librarians as hosts.", passages, TITLE)
    assert not only_notes("A host is a librarian who welcomes makers.", passages, TITLE)
