"""End to end: every spider crawls the generated demo recordings served on loopback into a
fresh database; an identical second crawl changes nothing; the next edition yields exactly
the expected typed changes; feeds use conditional GET."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crawler.demo import read_state
from crawler.replay import ReplayServer
from crawler.runner import SOURCES, SourceResult, crawl_sources
from tests.crawler_support import (
    ENV,
    EXPECTED,
    EXPECTED_2,
    EXPECTED_CHANGES,
    FEED_ID,
    TODAY,
    copy_db,
    crawl_faulty,
    recordings,
    replayed_db,
    rows,
)

__all__ = ["recordings", "replayed_db"]  # the session fixtures, shared with other modules


@pytest.fixture(scope="module")
def crawls(
    replayed_db: tuple[Path, list[SourceResult]],
    recordings: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Any]:
    """The session's first crawl, then an identical one, then a replay of edition 2."""
    first_db, first = replayed_db
    tmp = tmp_path_factory.mktemp("crawls")
    db = copy_db(first_db, tmp / "replay.db")

    def snapshot() -> dict[str, Any]:
        return {
            "versions": rows(db, "select call_id, version, content_hash from call_versions"),
            "changes": rows(db, "select id, call_id, kind from changes"),
            "calls": dict(rows(db, "select id, status from calls")),
            "crawl_day": rows(db, "select value from matcher_state where name = 'crawl_day'"),
        }

    before = snapshot()
    second, _ = crawl_faulty(db, list(SOURCES), root=recordings, timeout=120)
    after_second = snapshot()
    # A replay into a database that exists: the runner writes edition 2, same anchor.
    third = crawl_sources(db, replay=True, timeout=120, env=ENV)
    return {
        "first": first,
        "before": before,
        "second": second,
        "after_second": after_second,
        "third": {r.source: r for r in third},
        "after_third": snapshot(),
        "state": read_state(tmp / "replay-recordings"),
        "first_state": read_state(recordings),
        "db": db,
        "first_db": first_db,
    }


def test_every_source_crawls_its_recordings(crawls: dict[str, Any]) -> None:
    first: list[SourceResult] = crawls["first"]
    assert [r.source for r in first] == list(SOURCES) == sorted(EXPECTED)
    for result in first:
        assert result.ok, result.error_text
        assert (result.items, result.new, result.changed) == (EXPECTED[result.source],) * 2 + (0,)
    first_db = crawls["first_db"]
    counts = dict(rows(first_db, "select source, count(*) from calls group by source"))
    assert counts == EXPECTED
    runs = rows(first_db, "select source, ok, finished_at from crawl_runs order by id")
    assert all(ok == 1 and finished for _, ok, finished in runs)
    assert crawls["first_state"]["edition"] == 1 and crawls["first_state"]["anchor"] == TODAY


def test_stored_calls_are_clean(crawls: dict[str, Any]) -> None:
    db = crawls["first_db"]
    for url, description in rows(db, "select url, description from calls"):
        assert url is None or url.startswith(("http://", "https://"))
        assert "<p" not in description and "<a " not in description

    def call(ident: str, *columns: str) -> tuple[Any, ...]:
        found = rows(db, f"select {', '.join(columns)} from calls where id = ?", (ident,))
        assert found, f"{ident} was not stored"
        return found[0]

    # The portal still says "Open" for a topic whose deadline passed: the dates win.
    assert call("sedia:HORIZON-CL6-2025-GOVERNANCE-01-05", "status", "status_hint") == (
        "closed",
        "Open",
    )
    # Full text from topicDetails replaced the search row's excerpt; only the topic's budget:
    # 12 M for two grants, so at most 6 M per project.
    description, budget, kind = call(
        "sedia:HORIZON-MISS-2026-CLIMA-02-03", "description", "budget", "budget_kind"
    )
    assert description.startswith("Expected Outcome:") and "Scope:" in description
    assert "Local and regional authorities" in description
    assert (budget, kind) == (6_000_000, "per_project")
    # A cascade offer for individuals is kept (the matcher keeps it out of digests).
    extra, deadlines = call("sedia:cascade-46870215-12904", "extra", "deadlines")
    assert json.loads(extra)["type"] == "cascade" and len(json.loads(deadlines)) == 3
    # Tillväxtverket: county tags, "Vem kan söka?", the listing's status word.
    regions, applicants, hint, extra = call(
        "tillvaxtverket:7112", "regions", "applicants", "status_hint", "extra"
    )
    assert "Östergötland" in json.loads(regions)
    assert applicants.startswith("Företagsfrämjande aktörer")
    assert hint == "Öppen" and json.loads(extra)["listing_status"] == "Pågående"
    # Vinnova: "Vem kan söka" kept from WebTextLista, the call page rather than the form.
    url, applicants, description, languages = call(
        "vinnova:2026-00812", "url", "applicants", "description", "languages"
    )
    assert url == "https://www.vinnova.se/e/klimatneutrala-kommuner/"
    assert applicants.startswith("Projektet ska ha minst tre parter")
    assert "Vem kan söka?" in description and "Who can apply?" in description
    assert json.loads(languages) == ["sv", "en"]
    status, extra = call("vinnova:2026-01105", "status", "extra")
    assert status == "forthcoming" and json.loads(extra)["announced"] == "July 2026"
    assert not rows(db, "select id from calls where id = 'vinnova:2026-00077'")  # not public
    # One call seen from two sources; the programme's news item is not a call.
    assert call("interreg:callForProjectsPage_4410", "url") == call(
        "interreg_bsr:https://interreg-baltic.eu/?p=24702", "url"
    )
    assert not rows(db, "select id from calls where title like 'Water-smart projects%'")
    (regions,) = call("interreg:callForProjectsPage_4422", "regions")
    assert "SE123" in json.loads(regions)


def test_stored_records_know_their_kind_window_and_applicants(crawls: dict[str, Any]) -> None:
    db = crawls["first_db"]
    records = {
        ident: (kind, json.loads(types), json.loads(deadlines), opening, json.loads(extra))
        for ident, kind, types, deadlines, opening, extra in rows(
            db,
            "select id, kind, applicant_types, deadlines, opening_date, extra from calls",
        )
    }
    kinds = {ident: r[0] for ident, r in records.items()}
    # What is not a call is stored as what it is: the generic feed's news, a programme page,
    # the cascade internship offer for students.
    assert kinds[FEED_ID + "ufi-news-results-3"] == "news"
    assert kinds["tillvaxtverket:5904"] == "programme"
    assert kinds["sedia:cascade-46870215-12904"] == "offer_individuals"
    calls = {ident: r for ident, r in records.items() if r[0] == "call"}
    typed = [ident for ident, r in calls.items() if r[1]]
    assert len(typed) / len(calls) >= 0.8, sorted(set(calls) - set(typed))
    # Every call has a window, is rolling, or is announced as coming (status forthcoming).
    statuses = dict(rows(db, "select id, status from calls"))
    for ident, (_, _, deadlines, opening, extra) in calls.items():
        assert deadlines or opening or extra.get("rolling") or statuses[ident] == "forthcoming"
    # Dates stated only in prose: the planned ESF call and the feeds' "Deadline: …".
    _, types, deadlines, opening, extra = calls[
        "esf:planerad-unga-vuxna-som-varken-arbetar-eller-studerar"
    ]
    assert opening and deadlines and extra["dates_from_text"] == ["deadline", "opening"]
    assert extra["planned"] is True and types == ["municipality", "ngo"]
    planned = calls["esf:planerad-digital-kompetens-for-anstallda-i-offentlig-sektor"]
    assert statuses["esf:planerad-digital-kompetens-for-anstallda-i-offentlig-sektor"] == (
        "forthcoming"
    ) and isinstance(planned[4]["planned"], str)
    rolling = calls["tillvaxtverket:6871"]
    assert rolling[4]["rolling"] is True and rolling[2] == []
    assert "individual" in rolling[4]["applicants_excluded"]
    published = dict(
        rows(
            db,
            "select id, published from calls where source like '%feeds%' "
            "or source = 'interreg_bsr'",
        )
    )
    assert published and all(published.values())
    # "Endast små och medelstora företag … kan söka": only SMEs, stated as such.
    _, types, _, _, extra = calls["vinnova:2026-00930"]
    assert types == ["sme"] and extra["applicants_only"] is True


def test_second_identical_crawl_creates_no_versions_or_changes(crawls: dict[str, Any]) -> None:
    second = crawls["second"]
    assert all(r.ok and r.new == 0 and r.changed == 0 for r in second.values())
    assert {s: r.items for s, r in second.items()} == EXPECTED
    assert crawls["after_second"] == crawls["before"]


def test_a_crawl_of_every_source_notes_the_day_it_crawled(crawls: dict[str, Any]) -> None:
    """The crawl half of a complete day (app.weekly.day_state): the day the crawl was for,
    and when the day's calls last changed, which an identical crawl leaves as it was."""
    (first,) = crawls["before"]["crawl_day"]
    assert json.loads(first[0])["day"] == TODAY
    assert crawls["after_second"]["crawl_day"] == [first]  # nothing new: still current
    (third,) = crawls["after_third"]["crawl_day"]
    assert json.loads(third[0])["day"] == TODAY
    assert json.loads(third[0])["finished_at"] > json.loads(first[0])["finished_at"]


def test_next_edition_yields_exactly_the_expected_changes(crawls: dict[str, Any]) -> None:
    third = crawls["third"]
    assert all(r.ok for r in third.values()), {s: r.error_text for s, r in third.items()}
    assert crawls["state"]["edition"] == 2 and crawls["state"]["anchor"] == TODAY
    known = {c[0] for c in crawls["after_second"]["changes"]}
    new = sorted(
        (call_id, kind)
        for id_, call_id, kind in crawls["after_third"]["changes"]
        if id_ not in known
    )
    assert new == EXPECTED_CHANGES
    kinds = {kind for _, kind in new}
    assert kinds == {"new", "opened", "deadline_changed", "closed", "text_changed", "reopened"}
    assert {s: r.items for s, r in third.items()} == EXPECTED_2
    assert {s: (r.new, r.changed) for s, r in third.items()} == {
        "esf": (1, 1),
        "feeds": (1, 0),
        "interreg": (0, 1),
        "interreg_bsr": (0, 1),
        "sedia": (1, 3),
        "tillvaxtverket": (0, 2),
        "vinnova": (1, 1),
    }
    versions = {(c, v) for c, v, _ in crawls["after_third"]["versions"]}
    assert ("tillvaxtverket:7112", 2) in versions
    calls = crawls["after_third"]["calls"]
    assert calls["tillvaxtverket:7112"] == "closed" and calls["tillvaxtverket:6954"] == "open"


def test_feeds_use_conditional_get(tmp_path: Path, recordings: Path) -> None:
    db = tmp_path / "feeds.db"
    with ReplayServer(recordings) as server:
        env = {**ENV, **server.environment(["feeds", "interreg_bsr"])}
        first = crawl_sources(db, ["feeds", "interreg_bsr"], env=env, timeout=60)
        second = crawl_sources(db, ["feeds", "interreg_bsr"], env=env, timeout=60)
    assert [(r.ok, r.items) for r in first] == [
        (True, EXPECTED["feeds"]),
        (True, EXPECTED["interreg_bsr"]),
    ]
    # The server answered 304 Not Modified: nothing parsed, nothing touched, no failure.
    assert [(r.ok, r.items, r.error_text) for r in second] == [(True, 0, None), (True, 0, None)]
    etags = rows(db, "select source, etag from feed_state order by source")
    assert [s for s, _ in etags] == ["feeds", "interreg_bsr"] and all(e for _, e in etags)


def _run_one(db: Path, server: ReplayServer, *args: str) -> dict[str, Any]:
    env = {**os.environ, **ENV, **server.environment(["sedia"])}
    done = subprocess.run(
        [sys.executable, "-m", "crawler.run_one", "sedia", "--db", str(db), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_sedia_pages_with_a_cursor_past_complete_tie_blocks(
    tmp_path: Path, recordings: Path
) -> None:
    with ReplayServer(recordings) as server:
        paged = _run_one(tmp_path / "paged.db", server, "-a", "page_size=4")
        searches = [r for r in server.requests if r.endswith("/rest/search")]
    # 12 rows (one topic twice: a legacy duplicate) in pages of 4: several pages, no row
    # lost, the duplicate merged.
    assert paged["ok"], paged["error_text"]
    assert paged["items"] == EXPECTED["sedia"]
    assert len(searches) >= 3
    with ReplayServer(recordings) as server:
        stuck = _run_one(tmp_path / "stuck.db", server, "-a", "page_size=2")
    # The topic and its legacy copy share es_SortDate 30 days before the anchor.
    assert not stuck["ok"]
    assert "kan inte bläddra förbi es_SortDate 2026-05-02" in stuck["error_text"]
