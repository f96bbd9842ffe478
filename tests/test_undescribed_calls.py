"""A call whose source gives a title and fields only.

interreg.eu's search gives no description: the crawler writes the hit's fields ("Themes: …",
"Who may apply: …"). A digest that quoted them as "Varför: ”Programme: …; Themes: …”"
presented a list of fields as the reason for a match; it now says what the match rests on,
and the programme's own record of the call, which describes it, is the one shown.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import sqlite_utils

from app.web.pages import call_context
from db import open_db
from db.calls import call_row
from db.marks import current_marks, hidden_call_ids, marks_for_call
from db.records import Call
from matcher.explain import described, quote
from matcher.pair_facts import description_facts
from notifier.build import build_digests
from notifier.digest import COORDINATOR, collect_digest
from notifier.render import render
from notifier.weeks import previous_week
from tests.notifier_world import (
    DISTRICT_HEATING,
    ENERGY_PREMISES,
    NOW,
    ROOFTOP_SOLAR,
    TODAY,
    TWIN,
    WEEK,
    add_mark,
    add_match,
    fixture_calls,
    link_twin,
    priorities,
    store,
)

FIELDS = (
    "Themes: Greener Europe, Europe closer to citizens\n"
    "Who may apply: Local public authority, Regional public authority\n"
    "Eligible countries: Estonia, Finland, Latvia, Sweden"
)


def _row(db: sqlite_utils.Database, key: str) -> dict[str, Any]:
    row = call_row(db, key)
    assert row is not None
    return row


def test_a_text_of_fields_and_headings_describes_nothing() -> None:
    title = "Central Baltic: small projects for tourism"
    assert not described(FIELDS, title)
    assert not described(f"{title}\n{FIELDS}", title)  # the title again is no description
    assert not described("", title)
    assert not described("Bakgrund\nVem kan söka?", title)  # headings alone
    assert described("Projects help schools build lasting networks.", title)
    assert described(FIELDS + "\nThe call funds small projects on culture and tourism.", title)
    (only,) = description_facts([Call("interreg", "1", title, description=FIELDS)])
    assert only[0]["check"] == "beskrivning" and "ingen beskrivning" in only[0]["reason"]
    twinning = Call("x", "2", title, description="It funds schools that twin with schools abroad.")
    assert description_facts([twinning]) == [[]]
    # A match's quote of such a page leaves out who may apply (the digest has a line for it).
    found = quote(FIELDS, title, [], beside_facts=True)
    assert found.startswith("Themes: Greener Europe, Europe closer to citizens")
    assert "Local public authority" not in found


def test_the_digest_says_a_match_rests_on_the_title_and_fields(db_path: Path) -> None:
    calls = fixture_calls([DISTRICT_HEATING, ROOFTOP_SOLAR])
    fields_only = replace(calls[DISTRICT_HEATING], description=FIELDS)
    bare = replace(calls[ROOFTOP_SOLAR], description="")
    db = open_db(db_path)
    store(db, [fields_only, bare])
    for call, passage in ((fields_only, "Themes: Greener Europe"), (bare, bare.title)):
        (facts,) = description_facts([call])
        add_match(db, call, facts=facts, passage=passage)

    digest = collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)
    assert {i.call_id for i in digest.new} == {fields_only.key, bare.key}
    assert all(i.undescribed for i in digest.new)
    text, html = render(digest).text, render(digest).html
    assert (
        "Varför: titeln och uppgifterna ”Themes: Greener Europe”; källan beskriver inte "
        "utlysningen (läs den hos programmet)"
    ) in text
    # No fields either: the title is not quoted as its own reason.
    assert "Varför: titeln; källan beskriver inte utlysningen (läs den hos programmet)" in text
    assert f"”{bare.title}”" not in text
    assert "Varför: ”" not in text
    assert "Källan beskriver inte utlysningen; matchningen bygger på titeln och uppgifterna" in html
    assert "ingen beskrivning" not in text  # the fact's words are for `show`, not Villkor

    page = call_context(db, _row(db, fields_only.key), TODAY, priorities(), None)
    assert page["matches"][0]["undescribed"]


def test_a_call_offered_under_its_twin_is_not_new_again(db_path: Path) -> None:
    """The primary of a call seen at two sources can change (the programme's own feed, which
    describes it, arrives after interreg.eu's fields): a department that was offered the
    call last week under the other record is not offered it as new again."""
    calls = fixture_calls([ENERGY_PREMISES, TWIN])
    calls[TWIN].source = "tillvaxtverket"
    db = open_db(db_path)
    store(db, [calls[ENERGY_PREMISES]])
    add_match(db, calls[ENERGY_PREMISES])
    last = previous_week(WEEK)
    build_digests(db, priorities(), week=last, today=TODAY, now=NOW)
    # Now the other record is primary, and the first its twin.
    store(db, [calls[TWIN]])
    link_twin(db, calls[TWIN], calls[ENERGY_PREMISES])
    db.execute("delete from matches where call_id = ?", [calls[ENERGY_PREMISES].key])
    add_match(db, calls[TWIN])
    digest = collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)
    assert calls[TWIN].key not in {i.call_id for i in digest.new}
    overview = collect_digest(db, priorities(), COORDINATOR, WEEK, TODAY, now=NOW)
    assert calls[TWIN].key not in {i.call_id for i in overview.new}  # nor the coordinator


def test_a_mark_given_to_the_record_that_became_a_twin_counts_for_the_call(
    db_path: Path,
) -> None:
    """A department marked the call not relevant under the record that was primary; once the
    other record is primary, the call stays hidden from its digest, and `show` lists the
    mark."""
    calls = fixture_calls([ENERGY_PREMISES, TWIN])
    calls[TWIN].source = "tillvaxtverket"
    db = open_db(db_path)
    store(db, [calls[ENERGY_PREMISES], calls[TWIN]])
    add_mark(db, calls[ENERGY_PREMISES], "not-relevant", "miljo")
    link_twin(db, calls[TWIN], calls[ENERGY_PREMISES])
    add_match(db, calls[TWIN])
    assert calls[TWIN].key in hidden_call_ids(db, "miljo")
    assert current_marks(db, "miljo")[calls[TWIN].key].mark == "not-relevant"
    assert [m.call_id for m in marks_for_call(db, calls[TWIN].key)] == [calls[ENERGY_PREMISES].key]
    digest = collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)
    assert calls[TWIN].key not in {i.call_id for i in digest.new + digest.closing}
