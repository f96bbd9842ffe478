"""A Swedish word of a search is found where the English term the glossary gives for it stands.

Most calls are in English: a coordinator who types "turism" must find a call that says
"tourism", also before the call's passages are embedded.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from app.cli import cli
from db import open_db
from matcher.search import keyword_evidence, word_translations
from tests.notifier_world import DISTRICT_HEATING, fixture_calls, store


def test_a_swedish_word_is_found_where_its_english_term_stands(db_path: Path) -> None:
    calls = fixture_calls([DISTRICT_HEATING])
    tourism = replace(
        calls[DISTRICT_HEATING],
        source_id="EXEMPEL-TOURISM-2026",
        title="Sustainable tourism in small towns",
        description="Expected Outcome: Projects help small towns welcome visitors all year.",
    )
    db = open_db(db_path)
    store(db, [calls[DISTRICT_HEATING], tourism])
    assert word_translations("turism i småstäder")["turism"] == ["tourism"]
    assert keyword_evidence(db, ["turism"]) == {}  # the word itself stands in no call
    found = keyword_evidence(db, ["turism"], translations=word_translations("turism"))
    # Every word found (half the evidence), and bm25 (the other half) counts the English
    # term with the query's own words: the only call that says it is the best by bm25 too.
    assert found == {tourism.key: 1.0}

    result = CliRunner().invoke(cli, ["search", "--json", "--status", "alla", "turism"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert [h["id"] for h in hits] == [tourism.key]
    # Not embedded yet: quoted as a match is, in whole sentences without the section's label.
    assert hits[0]["quote"] == "Projects help small towns welcome visitors all year."
    nothing = CliRunner().invoke(cli, ["search", "--json", "--status", "alla", "kanelbulle"])
    assert nothing.exit_code == 0 and json.loads(nothing.stdout) == []


def test_a_call_about_the_english_term_outweighs_one_that_names_it_once(db_path: Path) -> None:
    """bm25 counts the English terms the glossary gives for the query's words: a call about
    artificial intelligence comes before one on artistic intelligence that names AI once, though
    both hold an English term for each word of "artificiell intelligens"."""
    calls = fixture_calls([DISTRICT_HEATING])
    about = replace(
        calls[DISTRICT_HEATING],
        source_id="EXEMPEL-AI-2026",
        title="Artificial intelligence in municipal services",
        description="Expected Outcome: Cities use artificial intelligence to plan services. "
        "Scope: Artificial intelligence pilots in public administration.",
    )
    artistic = replace(
        calls[DISTRICT_HEATING],
        source_id="EXEMPEL-ARTS-2026",
        title="Artistic intelligence for complex challenges",
        description="Expected Outcome: Artists and researchers work together; tools such as AI "
        "may support the creative process.",
    )
    db = open_db(db_path)
    store(db, [calls[DISTRICT_HEATING], about, artistic])
    query = "artificiell intelligens"
    found = keyword_evidence(db, query.split(), translations=word_translations(query))
    assert set(found) == {about.key, artistic.key}  # both name an English term of each word
    assert found[about.key] == 1.0 > found[artistic.key]
