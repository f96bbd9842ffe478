"""The portal crawl finishes or degrades gracefully: the real SEDIA spider through the runner
against generated recordings (the demo set plus 40 generated topics of nine programmes) on
loopback, with the time limit, slow and stalling topicDetails and a busy database.

- Details are fetched once per changed topic, soonest deadline first with the programmes
  taking turns; a run cut by its time limit stores what it fetched, stores the rest from the
  search rows (keeping earlier full text) and is recorded as partial with what it left; the
  next run fetches only that.
- A run stopped from outside (the database was busy) still says what it left.
- topicDetails that stall half-way: the call keeps its earlier text, nothing is lost.
- Programme names, budget meaning, offers for individuals, who may apply.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from crawler.demo import write_recordings
from crawler.replay import Fault
from crawler.runner import SourceResult
from crawler.spiders.sedia import (
    SediaSpider,
    add_details,
    call_from_row,
    details_order,
    set_budget,
    topic_funding,
)
from db.records import Call
from db.text import topic_title
from tests.crawler_support import ANCHOR, ENV, copy_db, crawl_faulty, rows

EXTRA_TOPICS = 40
TOPICS = 9 + EXTRA_TOPICS  # the demo's own topics (edition 1) and the generated ones
CALLS = TOPICS + 2  # and two cascade offers
DETAILS = "/info/funding-tenders/opportunities/data/topicDetails/"
PROGRAMMES = 9  # Horizon Europe, LIFE, Erasmus+, CERV, Digital Europe, EDF, CREA, CEF, EU4H


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sedia-full")


@pytest.fixture(scope="module")
def edition1(folder: Path) -> Path:
    """Recordings of edition 1 with the generated topics (do not modify: copy them)."""
    return write_recordings(folder / "edition1", ANCHOR, 1, sedia_topics=EXTRA_TOPICS)


@pytest.fixture(scope="module")
def edition2(folder: Path) -> Path:
    """The next edition of the same set: three topics changed, one new."""
    return write_recordings(folder / "edition2", ANCHOR, 2, sedia_topics=EXTRA_TOPICS)


@pytest.fixture(scope="module")
def complete_db(folder: Path, edition1: Path) -> Path:
    """A database after one complete crawl of edition 1 (do not write to it: copy it)."""
    db = folder / "complete.db"
    results, _ = crawl_faulty(db, ["sedia"], root=edition1, timeout=120)
    assert results["sedia"].ok, results["sedia"].error_text
    return db


def slow_details(root: Path, delay: float) -> dict[str, list[Fault]]:
    """Every topicDetails answer ``delay`` seconds late (once each)."""
    folder = root / "sedia" / DETAILS.strip("/")
    return {f"sedia:{DETAILS}{p.name}": [Fault(delay=delay)] for p in folder.iterdir()}


def details_asked(requests: list[str]) -> list[str]:
    """The topic identifiers whose details were asked for, in order (lowercase)."""
    return [r.rsplit("/", 1)[1].removesuffix(".json") for r in requests if DETAILS in r]


def stored(db: Path) -> dict[str, dict[str, Any]]:
    """The portal's stored calls by lowercased source id: programme, text, extra, deadline."""
    found = {}
    for source_id, programme, description, extra, deadline in rows(
        db,
        "select source_id, programme, description, extra, deadline from calls "
        "where source = 'sedia'",
    ):
        found[source_id.lower()] = {
            "programme": programme,
            "description": description,
            "extra": json.loads(extra),
            "deadline": deadline,
        }
    return found


def with_details(db: Path) -> set[str]:
    return {k for k, c in stored(db).items() if c["extra"].get("details_of")}


def run_row(db: Path, run_id: int | None) -> tuple[Any, ...]:
    return rows(
        db, "select ok, partial, progress, error_text from crawl_runs where id = ?", (run_id,)
    )[0]


def nothing_closed(db: Path) -> None:
    assert rows(db, "select count(*) from changes where kind = 'closed'") == [(0,)]


# -- the time limit ---------------------------------------------------------------------------


def test_a_cut_crawl_is_partial_and_the_next_runs_fetch_only_what_is_missing_or_changed(
    tmp_path: Path, edition1: Path, edition2: Path
) -> None:
    db = tmp_path / "cut.db"
    # Every topicDetails answer 0.4 s late: the 49 take ~20 s, the limit is 14 s.
    first, server = crawl_faulty(
        db, ["sedia"], slow_details(edition1, 0.4), root=edition1, timeout=14
    )
    result = first["sedia"]
    progress = result.progress
    assert progress is not None
    done, missing = progress["done"], progress["missing"]
    assert not result.ok and result.partial, result.error_text
    assert (progress["due"], progress["failed"], progress["unstored"]) == (TOPICS, 0, 0)
    assert 0 < done < TOPICS and done + missing == TOPICS
    assert sum(progress["missing_groups"].values()) == missing
    assert result.error_text is not None
    assert result.error_text.startswith(
        f"delvis: {done} av {TOPICS} ämnesbeskrivningar hämtade; saknas: {missing} ("
    )
    biggest = next(iter(progress["missing_groups"]))
    assert f"saknas: {missing} ({biggest} {progress['missing_groups'][biggest]}" in (
        result.error_text
    )
    ok, partial, saved, error_text = run_row(db, result.run_id)
    assert (ok, partial, json.loads(saved), error_text) == (0, 1, progress, result.error_text)
    # Every call is stored: the fetched ones with their details, the rest from the search rows.
    calls = stored(db)
    assert len(calls) == CALLS and result.items == CALLS and result.new == CALLS
    fetched = with_details(db)
    assert len(fetched) == done
    asked = details_asked(server.requests)
    assert fetched <= set(asked) and len(asked) <= done + 2  # at most the two in flight
    # A deliberate order: the programmes take turns, each soonest deadline first.
    first_turn = [calls[key]["programme"] for key in asked[:PROGRAMMES]]
    assert len(first_turn) < PROGRAMMES or len(set(first_turn)) == PROGRAMMES
    horizon = [calls[k]["deadline"] for k in asked if calls[k]["programme"] == "Horizon Europe"]
    assert horizon == sorted(horizon)

    # The next run, with time enough: only the missing details, and it is complete.
    second, server = crawl_faulty(db, ["sedia"], root=edition1, timeout=120)
    result = second["sedia"]
    assert result.ok and not result.partial, result.error_text
    assert result.progress is not None and result.progress["reused"] == done
    assert set(details_asked(server.requests)) == set(calls) - fetched - {
        k for k in calls if k.startswith("cascade-")
    }
    assert len(with_details(db)) == TOPICS
    assert (result.new, result.items) == (0, CALLS)

    # Nothing changed: no details asked, nothing written.
    versions = rows(db, "select count(*) from call_versions")
    third, server = crawl_faulty(db, ["sedia"], root=edition1, timeout=120)
    assert third["sedia"].ok and details_asked(server.requests) == []
    assert rows(db, "select count(*) from call_versions") == versions

    # The next edition: details only for the topics whose rows changed, and the new one.
    fourth, server = crawl_faulty(db, ["sedia"], root=edition2, timeout=120)
    assert fourth["sedia"].ok, fourth["sedia"].error_text
    assert sorted(details_asked(server.requests)) == [
        "horizon-cl5-2026-d4-07",  # opening brought forward
        "horizon-miss-2026-clima-02-03",  # corrigendum (latestInfos in the row)
        "life-2026-cet-publicreno",  # new
        "life-2026-sap-env-urbanwater",  # deadline moved
    ]
    assert len(stored(db)) == CALLS + 1
    nothing_closed(db)


# -- stopped from outside -----------------------------------------------------------------


def test_a_run_stopped_from_outside_says_what_it_left(tmp_path: Path, edition1: Path) -> None:
    """The database is busy (another process holds its write lock) while details come in: the
    crawler cannot store and cannot stop in good order; the runner stops it at the limit and
    records from its progress file what it had done and left."""
    db = tmp_path / "busy.db"
    limit = 12.0
    outcome: dict[str, SourceResult] = {}
    started = time.monotonic()

    def crawl() -> None:
        results, _ = crawl_faulty(
            db, ["sedia"], slow_details(edition1, 0.3), root=edition1, timeout=limit
        )
        outcome.update(results)

    worker = threading.Thread(target=crawl)
    worker.start()
    # Once a few topics have their details stored, take the write lock past the limit.
    lock = None
    while lock is None and time.monotonic() - started < limit:
        with contextlib.suppress(sqlite3.Error):
            if db.exists() and len(with_details(db)) >= 3:
                lock = sqlite3.connect(db, timeout=30, isolation_level=None)
                lock.execute("BEGIN IMMEDIATE")
        time.sleep(0.05)
    assert lock is not None, "the crawl never stored details"
    time.sleep(max(0.0, limit + 1.5 - (time.monotonic() - started)))
    lock.execute("ROLLBACK")
    lock.close()
    worker.join(60)
    result = outcome["sedia"]
    progress = result.progress
    assert not result.ok and result.partial and progress is not None, result.error_text
    assert progress["phase"] == "details" and progress["unstored"] > 0
    assert progress["done"] >= 3 and progress["missing"] > 0
    assert result.error_text is not None
    assert result.error_text.startswith(
        f"delvis: {progress['done']} av {TOPICS} ämnesbeskrivningar"
    )
    assert f"{progress['unstored']} utlysningar sparades inte i denna körning" in result.error_text
    assert f"stoppad vid tidsgränsen {limit:g} s" in result.error_text
    kept = stored(db)
    assert 0 < len(kept) < CALLS and result.items == len(kept)
    assert run_row(db, result.run_id)[:2] == (0, 1)
    # The next run stores everything and fetches only what had no details.
    had = with_details(db)
    again, server = crawl_faulty(db, ["sedia"], root=edition1, timeout=120)
    assert again["sedia"].ok, again["sedia"].error_text
    assert not set(details_asked(server.requests)) & had
    assert len(stored(db)) == CALLS and len(with_details(db)) == TOPICS
    nothing_closed(db)


# -- a response that stalls half-way ----------------------------------------------------------


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The crawler gives up on a stalled answer and resets the connection: as planned.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _StallingProxy:
    """A loopback HTTP server in front of the replay server: every request is passed on, but
    the answer for ``stall_path`` stops half-way (headers and half the body, then silence)."""

    def __init__(self, upstream: str, stall_path: str, stall: float) -> None:
        host, port = upstream.removeprefix("http://").split(":")
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                self._pass(b"")

            def do_POST(self) -> None:
                self._pass(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

            def _pass(self, body: bytes) -> None:
                con = http.client.HTTPConnection(host, int(port), timeout=30)
                headers = {"Content-Type": self.headers.get("Content-Type", "")}
                con.request(self.command, self.path, body=body or None, headers=headers)
                answer = con.getresponse()
                data = answer.read()
                con.close()
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.getheader("Content-Type") or "")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.path.split("?")[0] != proxy.stall_path:
                    self.wfile.write(data)
                    return
                proxy.stalled += 1
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                time.sleep(proxy.stall)  # the rest never comes in time

        self.stall_path, self.stall, self.stalled = stall_path, stall, 0
        self.server = _ProxyServer(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @contextlib.contextmanager
    def running(self) -> Iterator[_StallingProxy]:
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()


def test_topic_details_that_stall_half_way_keep_the_earlier_text(
    tmp_path: Path, complete_db: Path, edition2: Path
) -> None:
    db = copy_db(complete_db, tmp_path / "stall.db")
    before = stored(db)
    topic = "horizon-miss-2026-clima-02-03"  # changed in edition 2: a corrigendum
    from crawler.replay import ReplayServer

    with ReplayServer(edition2) as replay:
        proxy = _StallingProxy(replay.source_url("sedia"), f"{DETAILS}{topic}.json", 8)
        with proxy.running():
            env = {**replay.environment(["sedia"]), "EUFUNDS_SEDIA_URL": proxy.url}
            env["EUFUNDS_DOWNLOAD_TIMEOUT"] = "1.5"
            from crawler.runner import crawl_sources

            (result,) = crawl_sources(db, ["sedia"], env={**ENV, **env}, timeout=90)
    assert proxy.stalled == 3  # the first try and two retries, each cut off half-way
    assert not result.ok and not result.partial
    assert result.error_text is not None
    assert f"inget svar från {proxy.url}{DETAILS}{topic}.json i tid" in result.error_text
    after = stored(db)
    assert set(after) == set(before) | {"life-2026-cet-publicreno"}  # nothing lost
    # The stalled topic keeps its earlier full text and is due again; the others got theirs.
    kept = after[topic]
    assert kept["description"] == before[topic]["description"]
    assert (
        kept["description"].startswith("Expected Outcome:")
        and "Update:" not in (kept["description"])
    )
    assert kept["extra"]["details_of"] == before[topic]["extra"]["details_of"]
    assert (
        after["life-2026-sap-env-urbanwater"]["extra"]["details_of"]
        != (before["life-2026-sap-env-urbanwater"]["extra"]["details_of"])
    )
    nothing_closed(db)
    # Next run, the portal answers: only that topic's details, and its corrigendum arrives.
    again, server = crawl_faulty(db, ["sedia"], root=edition2, timeout=120)
    assert again["sedia"].ok, again["sedia"].error_text
    assert details_asked(server.requests) == [topic]
    assert "Update:" in stored(db)[topic]["description"]


# -- what the records say ---------------------------------------------------------------------


def test_programmes_budgets_kinds_and_applicants(complete_db: Path) -> None:
    calls = {
        key: dict(zip(("programme", "budget", "budget_kind", "kind", "types"), values, strict=True))
        for key, *values in rows(
            complete_db,
            "select source_id, programme, budget, budget_kind, kind, applicant_types "
            "from calls where source = 'sedia'",
        )
    }
    assert not [c for c in calls.values() if c["programme"].startswith("EU-program")]
    assert {c["programme"] for c in calls.values()} >= {
        "Horizon Europe",
        "Creative Europe",
        "Connecting Europe Facility (CEF)",
        "EU4Health",
    }
    # 12 M for two grants: 6 M per project; a cascade offer's budget is its own.
    climate = calls["HORIZON-MISS-2026-CLIMA-02-03"]
    assert (climate["budget"], climate["budget_kind"]) == (6_000_000, "per_project")
    assert json.loads(climate["types"]) == ["municipality", "ngo", "region"]
    offer, pilots = calls["cascade-46870215-12904"], calls["cascade-46871102-12911"]
    assert (offer["kind"], offer["budget_kind"]) == ("offer_individuals", "per_project")
    assert pilots["kind"] == "call" and json.loads(pilots["types"]) == ["municipality"]


def _row(programme_id: str, identifier: str = "X-2026-01", **metadata: Any) -> dict[str, Any]:
    meta = {
        "type": ["1"],
        "identifier": [identifier],
        "title": ["A topic"],
        "frameworkProgramme": [programme_id],
        **{k: [v] for k, v in metadata.items()},
    }
    return {"metadata": meta, "url": "", "summary": "A topic"}


def test_an_unknown_programme_id_is_named_by_the_details_or_shown_plainly() -> None:
    call = call_from_row(_row("49999999"), "X-2026-01")
    assert call.programme == "EU-program 49999999"
    framework = {"id": 49999999, "abbreviation": "NEWPROG", "description": "New Programme"}
    assert add_details(call, {"frameworkProgramme": framework}).programme == "New Programme"
    spider = SediaSpider(base_url="http://127.0.0.1:1")
    for _ in range(3):  # logged once per crawl, however many topics carry it
        spider._check_programme(call_from_row(_row("49999999"), "X-2026-01"))
    assert len([n for n in spider.notes if "49999999" in n]) == 1
    assert call_from_row(_row("43298203"), "X").programme == "Union Civil Protection Mechanism"


def test_a_topic_titled_by_its_code_takes_its_calls_title() -> None:
    def title(topic: str, call_title: str | None) -> str:
        extra = {"callTitle": call_title} if call_title is not None else {}
        row = _row("43298664", "AGRIP-SIMPLE-2027-IM", **extra)
        row["metadata"]["title"] = [topic]
        row["summary"] = topic
        return call_from_row(row, "AGRIP-SIMPLE-2027-IM").title

    farm = "Call for simple programmes 2027 – promotion of farm products"
    assert title("AGRIP-SIMPLE-2027-IM", farm) == f"{farm} – AGRIP-SIMPLE-2027-IM"
    assert title("AGRIP-SIMPLE-2027-IM", None) == "AGRIP-SIMPLE-2027-IM"  # nothing better
    assert title("Farm products at home", farm) == "Farm products at home"  # a real title
    # Capitals alone, or an acronym the call's title spells out: the call's title.
    assert title("PROOF OF CONCEPT GRANTS", "Proof of Concept") == "Proof of Concept"
    assert topic_title("PEP", "Call on the people's engagement programme (PEP)") == (
        "Call on the people's engagement programme (PEP)"
    )
    # A call's title in capitals too is no better: the topic keeps its own.
    assert topic_title("TWINNING 2027", "TWINNING 2027 CALL") == "TWINNING 2027"
    assert topic_title("", "Call for twinning") == "Call for twinning"


def test_budget_meaning_from_the_topics_own_actions() -> None:
    def overview(**entry: Any) -> dict[str, Any]:
        own = {"action": "X-01 - RIA", "budgetYearMap": {"2026": "9000000"}, **entry}
        other = {"action": "X-01-two-stage - RIA", "budgetYearMap": {"2026": "1"}}
        return {"budgetTopicActionMap": {"1": [own, other]}}

    def budget(**entry: Any) -> tuple[float | None, str | None, dict[str, Any]]:
        call = Call(source="sedia", source_id="X-01", title="t")
        set_budget(call, topic_funding(overview(**entry), "X-01"))
        return call.budget, call.budget_kind, call.extra

    assert budget()[:2] == (9_000_000, "call_total")
    assert budget(expectedGrants=3)[:2] == (3_000_000, "per_project")
    amount, kind, extra = budget(expectedGrants=3, minContribution=2e6, maxContribution=4e6)
    assert (amount, kind) == (4_000_000, "per_project")
    assert extra == {
        "budget_total": 9_000_000,
        "expected_grants": 3,
        "min_contribution": 2_000_000,
        "max_contribution": 4_000_000,
    }


def test_details_order_soonest_deadline_first_programmes_taking_turns() -> None:
    def topic(key: str, programme: str, *deadlines: str) -> Call:
        return Call("sedia", key, key, programme=programme, deadlines=list(deadlines))

    calls = [
        topic("h-late", "Horizon Europe", "2026-12-01"),
        topic("h-soon", "Horizon Europe", "2026-06-10"),
        topic("h-none", "Horizon Europe"),
        topic("h-past", "Horizon Europe", "2026-01-01"),
        topic("l-mid", "LIFE", "2026-09-01"),
        topic("c-soonest", "CERV", "2026-06-05"),
    ]
    order = [c.source_id for c in details_order(calls, "2026-06-01")]
    assert order == ["c-soonest", "h-soon", "l-mid", "h-late", "h-none", "h-past"]
