"""Only real, current calls a municipality can use reach a digest as new.

Invented records (tests/fixtures/notifier/kinds.jsonl): a news item, a programme page, an offer
for students, a twin of another source's call, a call without dates, a call whose own text
says it closed in 2025, and a rolling call. First through digests built from stated matches
(matches stored before a record was known as news or a twin still reach nothing), then through
the real matcher with the real model, then through ``eufunds show``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from app.cli import cli
from crawler.facts import complete
from db import open_db
from db.matches import matches_for_call
from matcher.encoders import SentenceTransformerEncoder
from matcher.pipeline import match_all
from notifier.build import build_digests
from notifier.digest import COORDINATOR, WATCH_MAX, collect_digest
from notifier.render import render
from tests.notifier_world import (
    CARBON_CAPTURE,
    ENDED,
    ENERGY_PREMISES,
    NEWS,
    NO_DATES,
    NOW,
    PROGRAMME_PAGE,
    ROLLING,
    STUDENT_OFFER,
    TODAY,
    TWIN,
    WEEK,
    add_match,
    fixture_calls,
    fixture_ids,
    link_twin,
    priorities,
    store,
)

KINDS = [ENERGY_PREMISES, NEWS, PROGRAMME_PAGE, STUDENT_OFFER, TWIN, NO_DATES, ENDED, ROLLING]
NOWHERE = {NEWS, PROGRAMME_PAGE, STUDENT_OFFER, TWIN, ENDED}


def sections(db: sqlite_utils.Database, department: str, week: str = WEEK) -> dict[str, list]:
    """Section -> source ids of one built digest, in the order shown."""
    shown: dict[str, list] = {}
    for row in db.query(
        "select i.section, i.call_id from digest_items i join digests d on d.id = i.digest_id "
        "where d.department = ? and d.iso_week = ? order by i.section, i.position",
        [department, week],
    ):
        shown.setdefault(row["section"], []).append(row["call_id"].split(":", 1)[1])
    return shown


@pytest.fixture
def world(db_path: Path) -> tuple[sqlite_utils.Database, dict]:
    db = open_db(db_path)
    calls = fixture_calls(KINDS)
    calls[TWIN].source = "tillvaxtverket"
    store(db, list(calls.values()))
    link_twin(db, calls[ENERGY_PREMISES], calls[TWIN])
    # Every record matched strongly and included, as a matcher run before the records were
    # known as news, programme pages, offers or twins would have left them.
    for n, ident in enumerate(KINDS):
        add_match(db, calls[ident], score=0.99 - n / 100)
    return db, calls


def test_each_kind_lands_where_it_should_in_a_built_digest(world) -> None:
    db, _ = world
    build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW)
    for department in ("miljo", COORDINATOR):
        shown = sections(db, department)
        assert shown["new"] == [ENERGY_PREMISES, ROLLING], department
        assert shown["watch"] == [NO_DATES]
        assert not NOWHERE & {c for ids in shown.values() for c in ids}
    text, subject = db.execute(
        "select text, subject from digests where department = 'miljo'"
    ).fetchone()
    assert subject.startswith("2 nya EU-utlysningar")  # the call to watch is not counted as new
    assert "BEVAKA – DATUM SAKNAS" in text
    assert text.index("NYA UTLYSNINGAR") < text.index("Stöd till lokala energigemenskaper")
    assert "Sista ansökningsdag: löpande" in text
    assert "Budget: 500\u00a0000 SEK per projekt" in text
    assert "Budget: 40 miljoner SEK totalt i utlysningen" in text
    assert "Även hos Tillväxtverket: https://regionalfonder.example/" in text
    for title in ("Nyhet:", "Regionalfondsprogrammet", "Praktikplatser", "tredje utlysningen"):
        assert title not in text


def test_a_call_to_watch_is_shown_once_and_becomes_new_when_it_gets_dates(world) -> None:
    db, calls = world
    build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW)
    later = collect_digest(db, priorities(), "miljo", "2026-W16", TODAY, now=NOW)
    assert later.watch == [] and later.new == []
    dated = calls[NO_DATES]
    dated.opening_date, dated.deadlines = "2026-05-04", ["2026-06-30"]
    store(db, [dated], now="2026-04-08T05:00:00+00:00")
    later = collect_digest(db, priorities(), "miljo", "2026-W16", TODAY, now=NOW)
    assert [i.call_id for i in later.new] == [dated.key]
    assert later.new[0].opening == "4 maj 2026"


def test_the_watch_list_is_short(db_path: Path) -> None:
    db = open_db(db_path)
    undated = []
    for n in range(WATCH_MAX + 2):
        call = fixture_calls([NO_DATES])[NO_DATES]
        call.source_id = f"{NO_DATES}-{n}"
        undated.append(call)
    store(db, undated)
    for n, call in enumerate(undated):
        add_match(db, call, score=0.9 - n / 100)
    digest = collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)
    assert len(digest.watch) == WATCH_MAX and digest.more_watch == 2 and digest.new == []
    assert "… och 2 till utan datum." in render(digest).text


def test_a_call_without_dates_named_for_a_round_long_past_is_not_watched(
    db_path: Path,
) -> None:
    """The call to watch, retitled for the test as a round of 2023: on 2026-04-06 it is
    closed, so no digest lists it, while the same call named for 2025 is still watched."""
    db = open_db(db_path)
    old, recent = (fixture_calls([NO_DATES])[NO_DATES] for _ in range(2))
    old.source_id, old.title = f"{NO_DATES}-2023", f"{old.title} hösten 2023"
    recent.source_id, recent.title = f"{NO_DATES}-2025", f"{recent.title} hösten 2025"
    store(db, [complete(old), complete(recent)])
    for call in (old, recent):
        add_match(db, call, score=0.9)
    digest = collect_digest(db, priorities(), "miljo", WEEK, TODAY, now=NOW)
    assert [item.call_id for item in digest.watch] == [recent.key] and digest.new == []


def test_a_stated_ended_call_closes_whatever_the_source_word(world) -> None:
    db, _ = world
    # The source still says "Öppen"; the deadline its own text gives has passed.
    status = db.execute(
        "select status, status_hint from calls where id = ?", [f"import:{ENDED}"]
    ).fetchone()
    assert status == ("closed", "Öppen")
    digest = collect_digest(db, priorities(), COORDINATOR, WEEK, TODAY, now=NOW)
    assert f"import:{ENDED}" not in {i.call_id for i in digest.new + digest.watch + digest.closing}


# --- the real matcher, with the real model ----------------------------------------------


@pytest.fixture(scope="module")
def matched(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every invented call (calls.jsonl and kinds.jsonl) matched by the real model."""
    path = tmp_path_factory.mktemp("kinds") / "eufunds.db"
    db = open_db(path)
    calls = fixture_calls(fixture_ids())
    calls[TWIN].source = "tillvaxtverket"
    store(db, list(calls.values()))
    encoder = SentenceTransformerEncoder()
    p = priorities()
    before_link = match_all(db, p, p.version_hash, today=TODAY, encoder=encoder)
    twin_matched_before = bool(matches_for_call(db, calls[TWIN].key))
    link_twin(db, calls[ENERGY_PREMISES], calls[TWIN])
    after_link = match_all(db, p, p.version_hash, today=TODAY, encoder=encoder)
    return {
        "db": db,
        "path": path,
        "calls": calls,
        "before_link": before_link,
        "after_link": after_link,
        "twin_matched_before": twin_matched_before,
    }


def _facts(db: sqlite_utils.Database, key: str) -> dict[str, dict]:
    best = matches_for_call(db, key)[0]
    return {f["check"]: f for f in best.eligibility_facts}


def test_only_calls_that_are_no_twin_get_matches(matched: dict) -> None:
    db, calls = matched["db"], matched["calls"]
    for ident in (NEWS, PROGRAMME_PAGE, STUDENT_OFFER, TWIN):
        assert matches_for_call(db, calls[ident].key) == [], ident
    # Linking a twin after a match run rescores at the next run (no new embedding needed),
    # and the twin's matches are gone.
    assert matched["twin_matched_before"]
    assert matched["after_link"].rescored and matched["after_link"].embedded == 0
    assert matches_for_call(db, calls[ENERGY_PREMISES].key)


def test_the_real_matcher_states_windows_and_applicants(matched: dict) -> None:
    db, calls = matched["db"], matched["calls"]
    ended = matches_for_call(db, calls[ENDED].key)
    assert ended and not any(m.included for m in ended)
    assert _facts(db, calls[ENDED].key)["status"]["reason"] == (
        "Stängd: sista ansökningsdag var 2025-10-14."
    )
    undated = _facts(db, calls[NO_DATES].key)
    assert undated["status"]["result"] == "unknown"
    assert undated["sökande"]["reason"] == "Kommuner kan söka."
    rolling = _facts(db, calls[ROLLING].key)
    assert rolling["status"] == {
        "check": "status",
        "result": "pass",
        "reason": "Öppen: löpande ansökan.",
    }
    companies = matches_for_call(db, calls[CARBON_CAPTURE].key)
    assert not any(m.included for m in companies)
    assert _facts(db, calls[CARBON_CAPTURE].key)["sökande"]["reason"] == "Endast företag."


def test_digests_from_the_real_matcher_follow_the_rules(matched: dict) -> None:
    db, calls = matched["db"], matched["calls"]
    build_digests(db, priorities(), week=WEEK, today=TODAY, now=NOW)
    rows = {
        r["id"]: r
        for r in db.query("select id, kind, twin_of, status, opening_date, deadlines from calls")
    }
    shown_anywhere: set[str] = set()
    for department in ("miljo", "utbildning", COORDINATOR):
        for section, ids in sections(db, department).items():
            for ident in ids:
                row = rows[calls[ident].key]
                shown_anywhere.add(ident)
                assert row["kind"] == "call" and row["twin_of"] is None, (section, ident)
                if section in ("new", "overflow"):
                    # The stored status knows no rolling calls (the digest's own rule does).
                    assert row["status"] in ("open", "forthcoming") or ident == ROLLING
                    assert json.loads(row["deadlines"]) or row["opening_date"] or ident == ROLLING
                if section == "watch":
                    assert ident == NO_DATES
    assert not NOWHERE & shown_anywhere
    assert CARBON_CAPTURE not in shown_anywhere
    # Every included match of a call with a known window was offered to its department.
    for m in db.query("select call_id, departments from matches where included = 1"):
        ident = m["call_id"].split(":", 1)[1]
        for department in json.loads(m["departments"]):
            shown = sections(db, department)
            place = "watch" if ident == NO_DATES else "new"
            offered = shown.get(place, []) + shown.get("overflow", [])
            assert ident in offered, (department, ident)


def test_show_tells_kind_applicants_budget_and_twins(
    matched: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EUFUNDS_DB", str(matched["path"]))
    monkeypatch.setenv("EUFUNDS_TODAY", TODAY.isoformat())
    calls = matched["calls"]

    def show(key: str) -> str:
        result = CliRunner().invoke(cli, ["show", key])
        assert result.exit_code == 0, result.output
        return result.output

    primary = show(calls[ENERGY_PREMISES].key)
    assert "slag:          utlysning" in primary
    assert "sökande:       kommuner, regioner, företag, ideella organisationer" in primary
    assert "budget:        40 000 000 SEK (totalt i utlysningen)" in primary
    assert "publicerad:    2026-02-16" in primary
    assert f"även hos:      {calls[TWIN].key} https://regionalfonder.example/" in primary
    twin = show(calls[TWIN].key)
    assert f"samma som:     {calls[ENERGY_PREMISES].key}" in twin
    assert f"Matchningar: inga – samma utlysning som {calls[ENERGY_PREMISES].key}" in twin
    news = show(calls[NEWS].key)
    assert "slag:          nyhet" in news and "en nyhet är ingen utlysning" in news
    rolling = show(calls[ROLLING].key)
    assert "deadlines:     löpande" in rolling and "status:        öppen" in rolling
    assert "budget:        500 000 SEK (per projekt)" in rolling
    assert "sökande:       kommuner, ideella organisationer" in show(calls[NO_DATES].key)
    assert "sökande:       framgår inte" in show(calls[PROGRAMME_PAGE].key)
    data = json.loads(CliRunner().invoke(cli, ["show", calls[STUDENT_OFFER].key, "--json"]).stdout)
    assert data["kind"] == "offer_individuals" and data["applicant_types"] == ["individual"]
    assert data["matches"] == [] and data["twin_of"] is None
    assert date.fromisoformat(data["deadlines"][0]) > TODAY
