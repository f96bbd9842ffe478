"""End to end on real captured responses: the SEDIA and Interreg spiders crawl the shared
samples, served on loopback, into a fresh database.

The replay folder is built in a temporary directory at test time from the files in
``EUFUNDS_SHARED/samples`` (read in place, never kept in the repository). No real
topicDetails capture exists, so every topic's details request gets 404: the product must
keep the calls found in the search rows and report the failure in words.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from crawler.runner import SourceResult
from crawler.spiders.sedia import call_from_row, row_key, row_quality
from db.records import Call
from matcher.eligibility import check_eligibility
from matcher.explain import described, fact
from matcher.pair_facts import UNDESCRIBED, description_facts
from priorities import load_priorities
from tests.crawler_support import copy_db, crawl_faulty, rows
from tests.shared_data import shared_path

pytestmark = pytest.mark.shared

TODAY = "2026-06-01"  # the captures' dates are as captured: freeze "today"
SEDIA_SAMPLES = (
    "search_response_page__AarhusAI-eu-funding-tenders-portal-agent.json",
    "search_open_topics__tacowars-fundhunt.json",
    "search_cascade_calls_type8__tacowars-fundhunt.json",
)
INTERREG_SAMPLE = "interreg_eu_algolia_open_calls__tacowars-fundhunt.json"
SEARCH = "sedia/search-api/prod/rest/search"
ALGOLIA = "interreg/1/indexes/*/queries.json"

Crawl = tuple[Path, dict[str, SourceResult], list[str]]


def _replay_root(root: Path) -> Path:
    """A replay folder holding the real samples at the paths the spiders ask for."""
    search = root / SEARCH
    search.mkdir(parents=True)
    for name in SEDIA_SAMPLES:
        shutil.copyfile(shared_path("samples", "sedia", name), search / name)
    algolia = root / ALGOLIA
    algolia.parent.mkdir(parents=True)
    shutil.copyfile(shared_path("samples", "interreg", INTERREG_SAMPLE), algolia)
    return root


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """One crawl of the real samples (do not write to its database)."""
    base = tmp_path_factory.mktemp("real-samples")
    root = _replay_root(base / "replay")
    db = base / "real.db"
    results, server = crawl_faulty(
        db, ["sedia", "interreg"], root=root, env={"EUFUNDS_TODAY": TODAY}, timeout=120
    )
    return db, results, list(server.requests)


def _search_rows() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for name in SEDIA_SAMPLES:
        data = json.loads(shared_path("samples", "sedia", name).read_text(encoding="utf-8"))
        found.extend(data["results"])
    return found


def _calls(db: Path, source: str) -> dict[str, dict[str, Any]]:
    """The stored calls of ``source`` by source id, JSON columns decoded."""
    con_rows = rows(
        db,
        "select source_id, title, description, status, status_hint, opening_date, deadlines, "
        "budget, currency, url, regions, extra from calls where source = ?",
        (source,),
    )
    names = [
        "title",
        "description",
        "status",
        "status_hint",
        "opening_date",
        "deadlines",
        "budget",
        "currency",
        "url",
        "regions",
        "extra",
    ]
    calls = {}
    for source_id, *values in con_rows:
        call = dict(zip(names, values, strict=True))
        for column in ("deadlines", "regions", "extra"):
            call[column] = json.loads(call[column] or "null")
        calls[source_id] = call
    return calls


def test_every_identifier_of_the_real_rows_is_stored_once(crawl: Crawl) -> None:
    db, results, _ = crawl
    all_rows = _search_rows()
    keys = {row_key(r) for r in all_rows}
    assert len(all_rows) == 17 and len(keys) == 15  # an exact duplicate, a topic in 2 files
    stored = _calls(db, "sedia")
    assert set(stored) == keys
    assert (results["sedia"].items, results["sedia"].new) == (15, 15)
    # The duplicate topic keeps the fuller row: the one that has the text.
    best: dict[str, dict[str, Any]] = {}
    for row in all_rows:
        key = row_key(row)
        assert key is not None
        if key not in best or row_quality(row) > row_quality(best[key]):
            best[key] = row
    for key, row in best.items():
        assert stored[key]["description"] == call_from_row(row, key).description, key
    assert stored["HORIZON-JU-CBE-2026-IAFlag-02"]["description"]


def test_missing_topic_details_are_reported_in_words_and_nothing_is_lost(crawl: Crawl) -> None:
    db, results, requests = crawl
    sedia = results["sedia"]
    stored = _calls(db, "sedia")
    topics = sorted(k for k, c in stored.items() if c["extra"]["type"] == "topic")
    asked = sorted(r.rsplit("/", 1)[1] for r in requests if "/topicDetails/" in r)
    assert asked == sorted(f"{k.lower()}.json" for k in topics)  # never for a cascade offer
    assert len(topics) == 11
    assert not sedia.ok and sedia.errors == len(topics)
    assert sedia.error_text is not None
    assert sedia.error_text.startswith("HTTP 404 från ") and "/topicDetails/" in sedia.error_text
    assert sedia.error_text.endswith("och 6 till")  # five reasons named, the count of the rest
    run = rows(db, "select ok, error_text from crawl_runs where id = ?", (sedia.run_id,))
    assert run == [(0, sedia.error_text)]
    # The calls are stored from the search rows all the same: title, dates, link.
    for key in topics:
        call = stored[key]
        assert call["title"] and call["deadlines"] and call["opening_date"], key
        assert call["url"].endswith(f"/topic-details/{key}")
    # Rows trimmed by their capturers carry no text: 7 of 15 calls wait for topicDetails.
    assert sum(not c["description"] for c in stored.values()) == 7
    assert results["interreg"].ok and results["interreg"].items == 3


def test_stale_forthcoming_topics_of_2024_are_closed_by_their_dates(crawl: Crawl) -> None:
    db, _, _ = crawl
    stored = _calls(db, "sedia")
    stale = {k: c for k, c in stored.items() if "-2024-" in k}
    assert sorted(stale) == [
        "HORIZON-CL2-2024-TRANSFORMATIONS-01-08",
        "HORIZON-INFRA-2024-EOSC-01-03",
    ]
    for call in stale.values():
        assert (call["status_hint"], call["status"]) == ("Forthcoming", "closed")
    statuses = {k: c["status"] for k, c in stored.items()}
    assert statuses["HORIZON-MISS-2027-05-SOIL-01-two-stage"] == "forthcoming"
    assert statuses["HORIZON-CL3-2026-02-CS-ECCC-01"] == "open"
    assert sorted(set(statuses.values())) == ["closed", "forthcoming", "open"]


def test_every_cut_off_is_kept(crawl: Crawl) -> None:
    db, _, _ = crawl
    stored = _calls(db, "sedia")
    assert stored["HORIZON-MISS-2027-05-SOIL-01-two-stage"]["deadlines"] == [
        "2027-04-08",
        "2027-09-14",
    ]
    offer = stored["cascade-45114064-11265"]
    assert len(offer["deadlines"]) == 6 and offer["deadlines"][-1] == "2027-06-01"
    # The final cut-off is the one sorted on.
    final = rows(db, "select deadline from calls where id = 'sedia:cascade-46214053-11143'")
    assert final == [("2028-09-02",)]


def test_budget_is_only_the_topics_own(crawl: Crawl) -> None:
    db, _, _ = crawl
    stored = _calls(db, "sedia")
    budgets = {k: (c["budget"], c["currency"]) for k, c in stored.items() if c["budget"]}
    topics = {k: v for k, v in budgets.items() if not k.startswith("cascade-")}
    assert topics == {"HORIZON-CL6-2026-04-GOVERNANCE-01": (60_000_000, "EUR")}
    # The CBE JU overview shows the whole call's 170,760,699 on each action: not taken.
    assert stored["HORIZON-JU-CBE-2026-IAFlag-02"]["budget"] is None


def test_cascade_offers_sharing_a_page_stay_apart(crawl: Crawl) -> None:
    db, _, _ = crawl
    stored = _calls(db, "sedia")
    offers = {k: c for k, c in stored.items() if c["extra"]["type"] == "cascade"}
    assert sorted(offers) == [
        "cascade-45033429-11264",
        "cascade-45114064-11265",
        "cascade-46214053-11143",
        "cascade-46214053-11145",
    ]
    one, two = offers["cascade-46214053-11143"], offers["cascade-46214053-11145"]
    assert one["url"] == two["url"]  # one page
    assert (one["budget"], two["budget"]) == (30_500, 120_000)
    assert one["title"] != two["title"] and one["deadlines"] == two["deadlines"]
    assert all(c["status"] == "open" for c in offers.values())


def test_interreg_hits_keep_their_nuts_regions(crawl: Crawl) -> None:
    linkoping = load_priorities(
        Path(__file__).resolve().parent.parent / "priorities" / "linkoping.yaml"
    )
    db, _, _ = crawl
    stored = _calls(db, "interreg")
    hits = json.loads(shared_path("samples", "interreg", INTERREG_SAMPLE).read_bytes())
    by_id = {h["objectID"]: h for h in hits["results"][0]["hits"]}
    assert set(stored) == set(by_id)
    for ident, call in stored.items():
        hit = by_id[ident]
        raw = set(hit["callEligibleRegionNuts"]) | set(hit["callEligibleCountryNuts"])
        assert call["regions"] == sorted(raw)
        assert {"ES", "FR", "PT", "AD"} <= set(call["regions"])
        assert not any(code.startswith("SE") for code in call["regions"])  # not Linköping's
        assert call["status"] == "open"
        # Every code is a known country or region, Andorra's too: the calls are for other
        # regions (fail), not for regions the service cannot place (unknown).
        record = Call("interreg", ident, call["title"], regions=call["regions"])
        region = next(
            f for f in check_eligibility(record, linkoping, None)[1] if f["check"] == "region"
        )
        assert region["result"] == "fail", region
    # Two calls on one programme page are two records.
    urls = [c["url"] for c in stored.values()]
    assert len(urls) == 3 and len(set(urls)) == 2


def test_interreg_hits_are_their_fields_and_say_they_describe_nothing(crawl: Crawl) -> None:
    """interreg.eu gives no description: the text is the hit's fields, without the title and
    the programme that every passage begins with, and the matcher reads it as no
    description (the digest then says that the match rests on the title and the fields)."""
    db, _, _ = crawl
    hits = json.loads(shared_path("samples", "interreg", INTERREG_SAMPLE).read_bytes())
    by_id = {h["objectID"]: h for h in hits["results"][0]["hits"]}
    for ident, call in _calls(db, "interreg").items():
        lines = call["description"].split("\n")
        assert [line.split(":")[0] for line in lines] == [
            "Themes",
            "Who may apply",
            "Eligible countries",
        ], lines
        assert by_id[ident]["title"] not in call["description"]
        assert not described(call["description"], call["title"])
        record = Call("interreg", ident, call["title"], description=call["description"])
        assert description_facts([record]) == [[fact("beskrivning", "info", UNDESCRIBED)]]


def test_a_second_failing_crawl_changes_and_closes_nothing(crawl: Crawl, tmp_path: Path) -> None:
    db, _, _ = crawl
    copy = copy_db(db, tmp_path / "again.db")
    before = rows(copy, "select id, status, content_hash from calls order by id")
    root = _replay_root(tmp_path / "replay")
    results, _ = crawl_faulty(
        copy, ["sedia", "interreg"], root=root, env={"EUFUNDS_TODAY": TODAY}, timeout=120
    )
    assert not results["sedia"].ok
    assert (results["sedia"].items, results["sedia"].new, results["sedia"].changed) == (15, 0, 0)
    assert rows(copy, "select id, status, content_hash from calls order by id") == before
    kinds = rows(copy, "select distinct kind from changes")
    assert kinds == [("new",)]
