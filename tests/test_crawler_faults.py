"""Faults and bad input, each against real recordings served on loopback: the failing source
is recorded with a readable reason, the other sources finish, no call is deleted or closed,
and ``eufunds crawl`` exits 5."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from crawler.replay import RECORDINGS, Fault, ReplayServer
from crawler.runner import SourceResult
from tests.crawler_support import (
    ENV,
    EXPECTED,
    calls_state,
    copy_db,
    crawl_faulty,
    replayed_db,
    rows,
)
from tests.tls import self_signed

__all__ = ["replayed_db"]

SEARCH = "sedia:/search-api/prod/rest/search"
DETAILS = "sedia:/info/funding-tenders/opportunities/data/topicDetails/"
VINNOVA = "vinnova:/api/ansokningsomgangar/2025-06-01"  # a year before the frozen today
ESF_LISTING = "esf:/utlysningar/"
TVV_LISTING = "tillvaxtverket:/tillvaxtverket/sokfinansiering/utlysningar.html"
INTERREG = "interreg:/1/indexes/*/queries"


@pytest.fixture
def db(replayed_db: tuple[Path, list[SourceResult]], tmp_path: Path) -> Path:
    """A copy of the database after a good crawl of every source."""
    return copy_db(replayed_db[0], tmp_path / "eufunds.db")


def assert_failed_safely(db: Path, result: SourceResult, reason: str, before: dict) -> None:
    """Failed with ``reason`` in crawl_runs; the source's calls neither deleted nor closed."""
    assert not result.ok
    assert result.error_text is not None and reason in result.error_text, result.error_text
    ok, error_text, finished = rows(
        db, "select ok, error_text, finished_at from crawl_runs where id = ?", (result.run_id,)
    )[0]
    assert (ok, error_text) == (0, result.error_text) and finished
    assert calls_state(db, result.source) == before
    closed = rows(
        db,
        "select count(*) from changes where kind = 'closed' and crawl_run_id = ?",
        (result.run_id,),
    )[0][0]
    assert closed == 0


def test_http_500_then_success_is_retried(db: Path) -> None:
    results, server = crawl_faulty(db, ["sedia"], {SEARCH: [Fault(status=500)]})
    assert results["sedia"].ok, results["sedia"].error_text
    assert results["sedia"].items == EXPECTED["sedia"]
    assert server.requests.count(SEARCH) == 2  # the 500, then the retry


def test_timeout_fails_the_source_and_the_others_finish(db: Path) -> None:
    before = calls_state(db, "vinnova")
    results, _ = crawl_faulty(
        db,
        ["vinnova", "interreg_bsr"],
        {VINNOVA: [Fault(delay=4)] * 3},
        env={"EUFUNDS_DOWNLOAD_TIMEOUT": "1"},
    )
    assert_failed_safely(db, results["vinnova"], "no answer from", before)
    assert results["interreg_bsr"].ok


def test_time_limit_stops_a_hanging_source(db: Path) -> None:
    before = calls_state(db, "vinnova")
    results, _ = crawl_faulty(
        db, ["vinnova", "interreg_bsr"], {VINNOVA: [Fault(delay=30)]}, timeout=5
    )
    assert_failed_safely(db, results["vinnova"], "timed out after 5 s", before)
    assert results["interreg_bsr"].ok


def test_missing_topic_details_keep_the_search_text(db: Path) -> None:
    before = calls_state(db, "sedia")
    path = DETAILS + "horizon-cl5-2026-09-d4-03.json"
    results, _ = crawl_faulty(db, ["sedia"], {path: [Fault(status=404, body=b"{}")]})
    assert_failed_safely(db, results["sedia"], "HTTP 404 from", before)
    assert "horizon-cl5-2026-09-d4-03.json" in (results["sedia"].error_text or "")
    assert results["sedia"].items == EXPECTED["sedia"]  # every call still stored


def test_malformed_json(db: Path) -> None:
    before = calls_state(db, "vinnova")
    body = b'[{"Diarienummer": "2023-01699", "Titel": "Gemensamma AI-f'
    results, _ = crawl_faulty(db, ["vinnova"], {VINNOVA: [Fault(body=body)]})
    assert_failed_safely(db, results["vinnova"], "malformed JSON from", before)


def test_empty_page(db: Path) -> None:
    before = calls_state(db, "esf")
    results, _ = crawl_faulty(db, ["esf"], {ESF_LISTING: [Fault(body=b"")]})
    assert_failed_safely(db, results["esf"], "no links to call pages found", before)


def test_changed_html_layout_yields_no_items_and_fails(db: Path) -> None:
    before = calls_state(db, "tillvaxtverket")
    page = (
        "<html><body><div class='sv-layout'><a href='/tillvaxtverket/sokfinansiering/"
        "utlysningar/utlysningar/x.6480.html'>Utveckla färdigheter</a></div></body></html>"
    ).encode()
    planned = TVV_LISTING.replace(
        "utlysningar.html",
        "planeradeutlysningar/planeradfinansieringiostramellansverige.1692.html",
    )
    results, _ = crawl_faulty(
        db, ["tillvaxtverket"], {TVV_LISTING: [Fault(body=page)], planned: [Fault(body=page)]}
    )
    assert_failed_safely(db, results["tillvaxtverket"], "layout may have changed", before)
    assert results["tillvaxtverket"].items == 0


def test_response_over_the_size_cap(db: Path) -> None:
    before = calls_state(db, "interreg")
    results, _ = crawl_faulty(
        db, ["interreg", "feeds"], env={"EUFUNDS_MAX_BYTES": "20000"}
    )  # the recorded Algolia answer is 65 kB, the feed 8 kB
    assert_failed_safely(db, results["interreg"], "larger than the size cap", before)
    assert results["feeds"].ok


def test_redirect_to_another_domain_is_not_followed(db: Path) -> None:
    before = calls_state(db, "interreg")
    server = ReplayServer()
    with server:
        port = server.source_url("interreg").rsplit(":", 1)[1]
        # Same machine, another host name: offsite for a spider allowed on 127.0.0.1.
        server.faults[INTERREG] = [Fault(redirect=f"http://localhost:{port}/elsewhere")]
        from crawler.runner import crawl_sources

        env = {**ENV, **server.environment(["interreg"])}
        (result,) = crawl_sources(db, ["interreg"], env=env, timeout=60)
    assert_failed_safely(db, result, "leads to another site", before)
    assert "interreg:/elsewhere" not in server.requests


def test_javascript_and_relative_links(tmp_path: Path, db: Path) -> None:
    root = tmp_path / "recordings"
    shutil.copytree(RECORDINGS, root)
    atom = root / "feeds" / "european-urban-initiative.atom"
    text = atom.read_text(encoding="utf-8")
    first = (
        'href="https://www.fundingprogrammesportal.gov.cy/en/programs/european-urban-initiative/"'
    )
    second = 'href="https://www.haptic.ro/call-for-proposals-under-the-european-urban-initiative/"'
    assert first in text and second in text
    text = text.replace(first, 'href="javascript:alert(document.cookie)"')
    text = text.replace(second, 'href="/calls/eui-third-call"')
    atom.write_text(text, encoding="utf-8")
    results, server = crawl_faulty(db, ["feeds", "tillvaxtverket"], root=root)
    assert results["feeds"].ok and results["tillvaxtverket"].ok
    urls = dict(rows(db, "select title, url from calls where source = 'feeds'"))
    first_call = next(t for t in urls if t.startswith("EUI - Innovative Actions - First"))
    third_call = next(t for t in urls if t.startswith("EUI Innovative Actions third"))
    assert urls[first_call] is None  # a javascript: link is never stored
    assert urls[third_call].startswith("http://127.0.0.1:")
    assert urls[third_call].endswith("/calls/eui-third-call")
    # The listing's javascript: print link was not followed; its relative links were.
    assert not any("javascript" in r for r in server.requests)
    assert any(r.endswith(".6480.html") for r in server.requests)


def test_cli_exits_5_when_a_source_fails_and_sources_shows_it(db: Path) -> None:
    runner = CliRunner()
    with ReplayServer(faults={VINNOVA: [Fault(status=503)] * 3}) as server:
        env = {**ENV, **server.environment(["vinnova", "interreg_bsr"]), "EUFUNDS_DB": str(db)}
        result = runner.invoke(cli, ["crawl", "vinnova", "interreg_bsr", "--json"], env=env)
    assert result.exit_code == 5, result.output
    data = json.loads(result.stdout)
    assert [(r["source"], r["ok"]) for r in data] == [("vinnova", False), ("interreg_bsr", True)]
    assert "HTTP 503" in data[0]["error_text"]
    listed = runner.invoke(cli, ["sources", "--json"], env={"EUFUNDS_DB": str(db)})
    assert listed.exit_code == 0
    vinnova = next(r for r in json.loads(listed.stdout) if r["source"] == "vinnova")
    assert vinnova["last_failure"] and "HTTP 503" in vinnova["last_error"]
    assert vinnova["last_success"] and vinnova["calls"] == EXPECTED["vinnova"]


def test_cli_rejects_an_unknown_source(db: Path) -> None:
    result = CliRunner().invoke(cli, ["crawl", "sedai"], env={"EUFUNDS_DB": str(db)})
    assert result.exit_code == 2
    assert "unknown source sedai; choose from: esf, feeds" in result.output


def test_cli_replay_uses_its_own_database_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    result = CliRunner().invoke(
        cli, ["crawl", "feeds", "--replay", "--db", str(target)], env=dict(ENV)
    )
    assert result.exit_code == 0, result.output
    assert f"replay: crawling the bundled recordings on 127.0.0.1 into {target}" in result.stderr
    assert rows(target, "select count(*) from calls")[0][0] == EXPECTED["feeds"]


def test_untrusted_certificate_is_refused(db: Path, tmp_path: Path) -> None:
    import ssl

    before = calls_state(db, "vinnova")
    cert_file, key_file = self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    # The same recordings behind TLS, with a certificate no authority vouches for.
    results, _ = crawl_faulty(db, ["vinnova"], tls=context)
    result = results["vinnova"]
    assert_failed_safely(db, result, "certificate", before)
