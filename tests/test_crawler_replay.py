"""End to end: every spider crawls the recorded responses served on loopback into a fresh
database; an identical second crawl changes nothing; a modified recording yields exactly the
expected typed changes; feeds use conditional GET."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crawler.replay import RECORDINGS, ReplayServer
from crawler.runner import SOURCES, SourceResult, crawl_sources
from tests.crawler_support import (
    ENV,
    EXPECTED,
    copy_db,
    crawl_faulty,
    replayed_db,
    rows,
)

__all__ = ["replayed_db"]  # the session fixture, shared with the fault tests


def _modify_recordings(root: Path) -> None:
    """Edits of real recordings whose effect on the calls is known exactly."""
    search = root / "sedia/search-api/prod/rest/search"
    topics = search / "tacowars-open-topics.json"
    data = json.loads(topics.read_text(encoding="utf-8"))
    for row in data["results"]:
        if row["metadata"]["identifier"] == ["HORIZON-CL5-2026-09-D4-03"]:
            row["metadata"]["deadlineDate"] = ["2026-10-01T00:00:00.000+0000"]
    topics.write_text(json.dumps(data), encoding="utf-8")
    page = search / "aarhusai-portal-search-page.json"
    data = json.loads(page.read_text(encoding="utf-8"))
    for row in data["results"]:
        if row["metadata"]["identifier"] == ["HORIZON-CL5-2027-03-D5-05"]:
            row["metadata"]["startDate"] = ["2026-05-01T00:00:00.000+0000"]
    page.write_text(json.dumps(data), encoding="utf-8")
    details = root / "sedia/info/funding-tenders/opportunities/data/topicDetails"
    detail = details / "horizon-cl5-2026-09-d4-08.json"
    data = json.loads(detail.read_text(encoding="utf-8"))
    data["TopicDetails"]["description"] += "<p>Corrigendum: the scope now includes districts.</p>"
    detail.write_text(json.dumps(data), encoding="utf-8")
    algolia = root / "interreg/1/indexes/*/queries.json"
    data = json.loads(algolia.read_text(encoding="utf-8"))
    for hit in data["results"][0]["hits"]:
        if hit["objectID"] == "callForProjectsPage_3129":
            hit["callDeadlineDate"] = "2026-05-20T00:00:00Z"  # before "today": now closed
    algolia.write_text(json.dumps(data), encoding="utf-8")
    rounds = root / "vinnova/api/ansokningsomgangar/_default.json"
    data = json.loads(rounds.read_text(encoding="utf-8"))
    rounds.write_text(json.dumps([r for r in data if r["Diarienummer"] != "2023-01699"]))


@pytest.fixture(scope="module")
def crawls(
    replayed_db: tuple[Path, list[SourceResult]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """The session's first crawl, then an identical one, then one of modified recordings."""
    first_db, first = replayed_db
    tmp = tmp_path_factory.mktemp("crawls")
    db = copy_db(first_db, tmp / "replay.db")

    def snapshot() -> dict[str, Any]:
        return {
            "versions": rows(db, "select call_id, version, content_hash from call_versions"),
            "changes": rows(db, "select id, call_id, kind from changes"),
            "calls": dict(rows(db, "select id, status from calls")),
        }

    before = snapshot()
    second = crawl_sources(db, replay=True, timeout=120, env=ENV)
    after_second = snapshot()
    root = tmp / "recordings"
    shutil.copytree(RECORDINGS, root)
    _modify_recordings(root)
    third, _ = crawl_faulty(db, ["sedia", "interreg", "vinnova"], root=root)
    return {
        "first": first,
        "before": before,
        "second": second,
        "after_second": after_second,
        "third": third,
        "after_third": snapshot(),
        "db": db,
    }


def test_every_source_crawls_its_recordings(crawls: dict[str, Any]) -> None:
    first: list[SourceResult] = crawls["first"]
    assert [r.source for r in first] == list(SOURCES) == sorted(EXPECTED)
    for result in first:
        assert result.ok, result.error_text
        assert (result.items, result.new, result.changed) == (EXPECTED[result.source],) * 2 + (0,)
    counts = dict(rows(crawls["db"], "select source, count(*) from calls group by source"))
    assert counts == EXPECTED
    runs = rows(crawls["db"], "select source, ok, finished_at from crawl_runs order by id")
    assert all(ok == 1 and finished for _, ok, finished in runs)


def test_stored_calls_are_clean(crawls: dict[str, Any]) -> None:
    db = crawls["db"]
    for url, description in rows(db, "select url, description from calls"):
        assert url is None or url.startswith(("http://", "https://"))
        assert "<p" not in description and "<a " not in description
    # The portal still says "Forthcoming" for a topic closed in 2024: the dates win.
    status, hint = rows(
        db, "select status, status_hint from calls where id = 'sedia:HORIZON-INFRA-2024-EOSC-01-03'"
    )[0]
    assert (status, hint) == ("closed", "Forthcoming")
    # Full text from topicDetails replaced the search row's excerpt.
    (description,) = rows(
        db, "select description from calls where id = 'sedia:HORIZON-CL5-2026-09-D4-03'"
    )[0]
    assert description.startswith("Expected Outcome:") and "Scope:" in description
    regions, applicants = rows(
        db, "select regions, applicants from calls where id = 'tillvaxtverket:6480'"
    )[0]
    assert "Östergötland" in json.loads(regions)
    assert applicants.startswith("Företagsfrämjande aktörer")


def test_second_identical_crawl_creates_no_versions_or_changes(crawls: dict[str, Any]) -> None:
    assert all(r.ok and r.new == 0 and r.changed == 0 for r in crawls["second"])
    assert [r.items for r in crawls["second"]] == [EXPECTED[s] for s in SOURCES]
    assert crawls["after_second"] == crawls["before"]


def test_modified_recording_yields_exactly_the_expected_changes(crawls: dict[str, Any]) -> None:
    third = crawls["third"]
    assert all(r.ok for r in third.values()), {s: r.error_text for s, r in third.items()}
    known = {c[0] for c in crawls["after_second"]["changes"]}
    new = sorted(
        (call_id, kind)
        for id_, call_id, kind in crawls["after_third"]["changes"]
        if id_ not in known
    )
    assert new == [
        ("interreg:callForProjectsPage_3129", "closed"),
        ("interreg:callForProjectsPage_3129", "deadline_changed"),
        ("sedia:HORIZON-CL5-2026-09-D4-03", "deadline_changed"),
        ("sedia:HORIZON-CL5-2026-09-D4-08", "text_changed"),
        ("sedia:HORIZON-CL5-2027-03-D5-05", "opened"),
    ]
    assert (third["sedia"].changed, third["interreg"].changed, third["vinnova"].changed) == (
        3,
        1,
        0,
    )
    # A round missing from the answer is neither deleted nor closed.
    assert crawls["after_third"]["calls"]["vinnova:2023-01699"] == "unknown"
    versions = {(c, v) for c, v, _ in crawls["after_third"]["versions"]}
    assert ("sedia:HORIZON-CL5-2026-09-D4-03", 2) in versions


def test_feeds_use_conditional_get(tmp_path: Path) -> None:
    db = tmp_path / "feeds.db"
    with ReplayServer() as server:
        env = {**ENV, **server.environment(["feeds", "interreg_bsr"])}
        first = crawl_sources(db, ["feeds", "interreg_bsr"], env=env, timeout=60)
        second = crawl_sources(db, ["feeds", "interreg_bsr"], env=env, timeout=60)
    assert [(r.ok, r.items) for r in first] == [(True, 4), (True, 2)]
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


def test_sedia_pages_with_a_cursor_past_complete_tie_blocks(tmp_path: Path) -> None:
    with ReplayServer() as server:
        paged = _run_one(tmp_path / "paged.db", server, "-a", "page_size=4")
        searches = [r for r in server.requests if r.endswith("/rest/search")]
    # 17 recorded rows in pages of 4: several pages, no row lost, duplicates merged.
    assert paged["ok"], paged["error_text"]
    assert paged["items"] == EXPECTED["sedia"]
    assert len(searches) >= 5
    with ReplayServer() as server:
        stuck = _run_one(tmp_path / "stuck.db", server, "-a", "page_size=2")
    # Two rows share es_SortDate 2023-12-06: a page of 2 cannot get past them.
    assert not stuck["ok"]
    assert "cannot page past es_SortDate 2023-12-06" in stuck["error_text"]
