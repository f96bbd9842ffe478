"""The quote that says why a call matched: readable sentences of the best passage."""

from __future__ import annotations

import json
import re

from matcher.chunks import call_passages
from matcher.explain import _SENTENCE as SENTENCE
from matcher.explain import MAX_PASSAGE, quote, readable
from tests.shared_data import shared_path

TITLE = "Heat pumps in public buildings"
LINK = re.compile(r"https?://|www\.")


def test_a_list_of_references_is_left_out_and_a_footnote_keeps_its_sentence() -> None:
    passage = (
        f"{TITLE} (Horizon Europe). Scope: Cities test large heat pumps in schools and pools. "
        "[1] https://example.org/heat-study [2] https://example.org/pumps?id=4 "
        "[3] The projects share their results with the city network and its members."
    )
    found = quote(passage, TITLE, [])
    assert not LINK.search(found) and "[3]" not in found
    assert found.startswith("Scope: Cities test large heat pumps")
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


def test_quotes_of_real_calls_hold_a_link_only_when_nothing_else_can_be_read() -> None:
    """Every passage of every corpus call: the quote holds no link unless no sentence of the
    passage is readable, and stays within its length."""
    checked = 0
    for line in shared_path("calls", "corpus.jsonl").read_text(encoding="utf-8").splitlines():
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
