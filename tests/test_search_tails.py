"""A search hit counts by what its call says, not by the short tail its text ends with.

A call's text is cut into passages of 180 words; the last holds what is left, often a
footnote or a list of references, and every passage carries the call's title. Such a tail is
little but the title and a few words, and a short query may lie closer to it than to any
page that says something. The calls here are written for the test; the passages are the
matcher's own (``matcher.chunks.call_passages``) and the vectors the real model's.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from db import open_db
from db.records import Call
from matcher.chunks import call_passages
from matcher.search import query_vector, search
from tests.coordinator_world import store_passages
from tests.notifier_world import store

# 180 words: the first passage ends where the footnote begins.
BIOMARKERS = " ".join(
    f"Study {n} measures a biomarker of ageing in blood from older patients." for n in range(15)
)
# The end of a footnote defining gender, cut by the passage's start, and its source.
FOOTNOTE = (
    "identities and relations that together shape and sanction what are considered feminine "
    "and masculine behaviours, and structure societies and organisations in every country. "
    "From Gender in Research and Innovation (https://example.org/gender-in-research)"
)
GENDER_TEXTS = {
    "Equal pay for women and men in local government": (
        "Municipalities map the pay gap between women and men in their services and close it "
        "with plans that the council adopts and follows up each year."
    ),
    "Gender equality in sport clubs": (
        "Sport clubs and municipalities give girls and boys the same access to halls, coaches "
        "and competitions, and count who uses them."
    ),
}
OTHERS = {
    "Bridges over small rivers": "Projects repair timber bridges and measure their load.",
    "Fish stocks of inland lakes": "Anglers and scientists count perch and pike each spring.",
    "Rail freight terminals": "Terminals move containers from trucks to trains faster.",
    "Bakeries and energy use": "Small bakeries replace gas ovens with electric ones.",
    "Broadband in the countryside": "Villages lay fibre to every farm along the roads.",
}


def _call(source_id: str, title: str, description: str) -> Call:
    return Call("import", source_id, title, programme="Horizon Europe", description=description)


def _embed(db_path: Path, calls: list[Call]) -> dict[str, np.ndarray]:
    """Store each call's passages with the real model's vectors; the vectors by passage."""
    db = open_db(db_path)
    rows = store_passages(
        db,
        [
            (
                call.key,
                db["calls"].get(call.key)["content_hash"],
                call_passages(call.title, call.programme, call.description),
            )
            for call in calls
        ],
    )
    return {f"{r['call_id']}#{r['chunk_no']}": r["array"] for r in rows}


@pytest.mark.parametrize("tail_says_something", [False, True])
def test_a_call_counts_by_its_closest_passage_that_is_not_a_short_tail_of_pieces(
    db_path: Path, tail_says_something: bool
) -> None:
    tail = FOOTNOTE
    if tail_says_something:  # a closing sentence of its own: the tail is the call's word
        tail = (
            "Projects also ask whether women and men age differently in the same towns, and "
            "whether the biomarkers that the studies measure tell the same story for both of "
            "them."
        )
    ageing = _call("AGEING", "Biotechnology for healthy ageing", f"{BIOMARKERS} {tail}")
    passages = call_passages(ageing.title, ageing.programme, ageing.description)
    assert len(BIOMARKERS.split()) == 180
    assert len(passages) == 2 and passages[1].endswith(tail)  # the short tail
    calls = [ageing] + [
        _call(f"C{n}", title, text)
        for n, (title, text) in enumerate({**GENDER_TEXTS, **OTHERS}.items())
    ]
    db = open_db(db_path)
    store(db, calls)
    vectors = _embed(db_path, calls)

    hits, semantic = search(db, "jämställdhet mellan kvinnor och män", limit=len(calls))
    assert semantic and len(hits) == len(calls)  # every call ranked, none left out
    found = {hit.call_id: hit for hit in hits}
    ranked = [hit.call_id for hit in hits]
    query = query_vector("jämställdhet mellan kvinnor och män")  # as the search embeds it
    body, end = (float(vectors[f"{ageing.key}#{n}"] @ query) for n in (0, 1))
    assert end > body  # the tail is closer to the query than the page
    if tail_says_something:
        assert found[ageing.key].semantic == pytest.approx(end, abs=1e-5)
        assert found[ageing.key].passage == passages[1]  # what it is found by, it shows
    else:
        # The footnote's pieces are no reason: the call counts by its page of biomarkers,
        # shows that page, and both calls on gender equality rank above it.
        assert found[ageing.key].semantic == pytest.approx(body, abs=1e-5)
        assert found[ageing.key].passage == passages[0]
        gender = [c.key for c in calls[1:3]]
        assert all(ranked.index(key) < ranked.index(ageing.key) for key in gender)
