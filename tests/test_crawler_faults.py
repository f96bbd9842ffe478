"""Faults and bad input, each against the generated demo recordings served on loopback: the
failing source is recorded with a readable reason, the other sources finish, no call is
deleted or closed, and ``eufunds crawl`` exits 5."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from crawler.demo import read_state
from crawler.replay import Fault, ReplayServer
from crawler.runner import SourceResult
from tests.crawler_support import (
    ENV,
    EXPECTED,
    calls_state,
    copy_db,
    crawl_faulty,
    recordings,
    replayed_db,
    rows,
)
from tests.tls import self_signed

__all__ = ["recordings", "replayed_db"]

SEARCH = "sedia:/search-api/prod/rest/search"
DETAILS = "sedia:/info/funding-tenders/opportunities/data/topicDetails/"
VINNOVA = "vinnova:/api/ansokningsomgangar/2025-06-01"  # a year before the frozen today
ESF_LISTING = "esf:/utlysningar/"
TVV_LISTING = "tillvaxtverket:/tillvaxtverket/sokfinansiering/utlysningar.1139.html"
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


def test_http_500_then_success_is_retried(db: Path, recordings: Path) -> None:
    results, server = crawl_faulty(db, ["sedia"], {SEARCH: [Fault(status=500)]}, root=recordings)
    assert results["sedia"].ok, results["sedia"].error_text
    assert results["sedia"].items == EXPECTED["sedia"]
    assert server.requests.count(SEARCH) == 2  # the 500, then the retry


def test_timeout_fails_the_source_and_the_others_finish(db: Path, recordings: Path) -> None:
    before = calls_state(db, "vinnova")
    results, _ = crawl_faulty(
        db,
        ["vinnova", "interreg_bsr"],
        {VINNOVA: [Fault(delay=4)] * 3},
        root=recordings,
        env={"EUFUNDS_DOWNLOAD_TIMEOUT": "1"},
    )
    assert_failed_safely(db, results["vinnova"], "inget svar från", before)
    assert results["interreg_bsr"].ok


def test_time_limit_stops_a_hanging_source(db: Path, recordings: Path) -> None:
    before = calls_state(db, "vinnova")
    results, _ = crawl_faulty(
        db, ["vinnova", "interreg_bsr"], {VINNOVA: [Fault(delay=30)]}, root=recordings, timeout=5
    )
    assert_failed_safely(db, results["vinnova"], "tidsgränsen 5 s gick ut", before)
    assert results["interreg_bsr"].ok


def test_missing_topic_details_keep_the_search_text(db: Path, recordings: Path) -> None:
    before = calls_state(db, "sedia")
    path = DETAILS + "horizon-miss-2026-clima-02-03.json"
    # Details are asked for only when due: stored for an older state of the topic's row.
    with contextlib.closing(sqlite3.connect(db)) as con, con:
        con.execute(
            "update calls set extra = json_set(extra, '$.details_of', 'older') where id = ?",
            ("sedia:HORIZON-MISS-2026-CLIMA-02-03",),
        )
    results, _ = crawl_faulty(
        db, ["sedia"], {path: [Fault(status=404, body=b"{}")]}, root=recordings
    )
    assert_failed_safely(db, results["sedia"], "HTTP 404 från", before)
    assert "horizon-miss-2026-clima-02-03.json" in (results["sedia"].error_text or "")
    assert results["sedia"].items == EXPECTED["sedia"]  # every call still stored


def test_malformed_json(db: Path, recordings: Path) -> None:
    before = calls_state(db, "vinnova")
    body = b'[{"Diarienummer": "2026-00812", "Titel": "Utmaningsdriven innovation f'
    results, _ = crawl_faulty(db, ["vinnova"], {VINNOVA: [Fault(body=body)]}, root=recordings)
    assert_failed_safely(db, results["vinnova"], "felaktig JSON från", before)


def test_answers_with_content_but_nothing_usable_fail(db: Path, recordings: Path) -> None:
    # Well-formed answers whose records lack every field a call needs: the format changed.
    before = {s: calls_state(db, s) for s in ("sedia", "vinnova", "interreg")}
    faults = {
        SEARCH: [Fault(body=b'{"results": [{"metadata": {"type": ["1"]}}]}')],
        VINNOVA: [Fault(body=b'[{"Publik": 1, "Oppningsdatum": "2026-05-11T00:00:00"}]')],
        INTERREG: [Fault(body=b'{"results": [{"hits": [{"callStatus": "Open"}]}]}')],
    }
    results, _ = crawl_faulty(db, ["sedia", "vinnova", "interreg"], faults, root=recordings)
    for source, what in (
        ("sedia", "inga sökrader med ämnes-id"),
        ("vinnova", "inga ansökningsomgångar med nummer och titel"),
        ("interreg", "inga utlysningar med objectID och titel"),
    ):
        assert_failed_safely(db, results[source], what, before[source])
        assert results[source].items == 0


def test_empty_page(db: Path, recordings: Path) -> None:
    before = calls_state(db, "esf")
    results, _ = crawl_faulty(db, ["esf"], {ESF_LISTING: [Fault(body=b"")]}, root=recordings)
    assert_failed_safely(db, results["esf"], "inga länkar till utlysningssidor hittades", before)


def test_changed_html_layout_yields_no_items_and_fails(db: Path, recordings: Path) -> None:
    before = calls_state(db, "tillvaxtverket")
    page = (
        "<html><body><div class='sv-layout'><a href='/tillvaxtverket/sokfinansiering/"
        "utlysningar/utlysningar/x.7112.html'>Klimatsmart omställning</a></div></body></html>"
    ).encode()
    results, _ = crawl_faulty(
        db, ["tillvaxtverket"], {TVV_LISTING: [Fault(body=page)]}, root=recordings
    )
    assert_failed_safely(db, results["tillvaxtverket"], "sidans uppbyggnad kan ha ändrats", before)
    assert results["tillvaxtverket"].items == 0


def test_response_over_the_size_cap(db: Path, recordings: Path) -> None:
    before = calls_state(db, "interreg")
    algolia = (recordings / "interreg/1/indexes/*/queries.json").stat().st_size
    feed = (recordings / "feeds/urban-futures-initiative.atom").stat().st_size
    assert feed * 2 < algolia
    cap = str((feed + algolia) // 2)  # the Algolia answer is over it, the feed under
    results, _ = crawl_faulty(
        db, ["interreg", "feeds"], root=recordings, env={"EUFUNDS_MAX_BYTES": cap}
    )
    assert_failed_safely(db, results["interreg"], "större än storleksgränsen", before)
    assert results["feeds"].ok


def test_redirect_to_another_domain_is_not_followed(db: Path, recordings: Path) -> None:
    before = calls_state(db, "interreg")
    server = ReplayServer(recordings)
    with server:
        port = server.source_url("interreg").rsplit(":", 1)[1]
        # Same machine, another host name: offsite for a spider allowed on 127.0.0.1.
        server.faults[INTERREG] = [Fault(redirect=f"http://localhost:{port}/elsewhere")]
        from crawler.runner import crawl_sources

        env = {**ENV, **server.environment(["interreg"])}
        (result,) = crawl_sources(db, ["interreg"], env=env, timeout=60)
    assert_failed_safely(db, result, "leder till en annan webbplats", before)
    assert "interreg:/elsewhere" not in server.requests


def test_javascript_and_relative_links(tmp_path: Path, db: Path, recordings: Path) -> None:
    root = tmp_path / "recordings"
    shutil.copytree(recordings, root)
    atom = root / "feeds" / "urban-futures-initiative.atom"
    text = atom.read_text(encoding="utf-8")
    site = "https://www.urbanfutures-initiative.example/calls/"
    first = f'href="{site}fourth-call-innovative-actions-greening-cities"'
    second = f'href="{site}city-to-city-exchanges-participatory-budgeting"'
    assert first in text and second in text
    text = text.replace(first, 'href="javascript:alert(document.cookie)"')
    text = text.replace(second, 'href="/calls/exchanges"')
    atom.write_text(text, encoding="utf-8")
    results, server = crawl_faulty(db, ["feeds", "tillvaxtverket"], root=root)
    assert results["feeds"].ok and results["tillvaxtverket"].ok
    urls = dict(rows(db, "select title, url from calls where source = 'feeds'"))
    assert urls["Fourth call for innovative actions: greening cities"] is None  # never stored
    relative = urls["City-to-city exchanges on participatory budgeting: applications open"]
    assert relative.startswith("http://127.0.0.1:") and relative.endswith("/calls/exchanges")
    # The listing's javascript: print link was not followed; its relative links were, but
    # not its filter links back to the listing itself.
    assert not any("javascript" in r for r in server.requests)
    assert any(r.endswith(".7112.html") for r in server.requests)
    # Requests are recorded without their query: the filter links would count here.
    assert server.requests.count(TVV_LISTING) == 1


def test_cli_exits_5_when_a_source_fails_and_sources_shows_it(db: Path, recordings: Path) -> None:
    runner = CliRunner()
    with ReplayServer(recordings, faults={VINNOVA: [Fault(status=503)] * 3}) as server:
        env = {**ENV, **server.environment(["vinnova", "interreg_bsr"]), "EUFUNDS_DB": str(db)}
        result = runner.invoke(cli, ["crawl", "vinnova", "interreg_bsr", "--json"], env=env)
        vinnova_url = server.source_url("vinnova")
    assert result.exit_code == 5, result.output
    data = json.loads(result.stdout)
    assert [(r["source"], r["ok"]) for r in data] == [("vinnova", False), ("interreg_bsr", True)]
    # Our words Swedish, the address as it is (docs/cli.md, Språket).
    assert data[0]["error_text"].startswith(f"HTTP 503 från {vinnova_url}/api/")
    assert data[0]["error_text"].endswith("(efter nya försök)")
    listed = runner.invoke(cli, ["sources", "--json"], env={"EUFUNDS_DB": str(db)})
    assert listed.exit_code == 0
    vinnova = next(r for r in json.loads(listed.stdout) if r["source"] == "vinnova")
    assert vinnova["last_failure"] and "HTTP 503" in vinnova["last_error"]
    assert vinnova["last_success"] and vinnova["calls"] == EXPECTED["vinnova"]
    assert vinnova["last_result"] == "failed"  # --json keeps the stored word
    # What a person reads is Swedish: the crawl's summary line and the sources table.
    assert "misslyckades: vinnova (detaljer: eufunds sources)" in result.stderr
    table = runner.invoke(cli, ["sources"], env={"EUFUNDS_DB": str(db)})
    assert table.exit_code == 0, table.output
    assert "Senaste körning" in table.stdout and "Utlysningar" in table.stdout
    vinnova_line = next(line for line in table.stdout.splitlines() if "vinnova" in line)
    assert "MISSLYCKADES" in vinnova_line and "FAILED" not in table.stdout
    assert "HTTP 503 från" in vinnova_line and " from " not in table.stdout
    assert "after retries" not in table.stdout


def test_cli_rejects_an_unknown_source(db: Path) -> None:
    result = CliRunner().invoke(cli, ["crawl", "sedai"], env={"EUFUNDS_DB": str(db)})
    assert result.exit_code == 2
    assert "okänd källa sedai; välj bland: esf, feeds" in result.output


def test_cli_replay_uses_its_own_database_and_says_so(tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    result = CliRunner().invoke(
        cli, ["crawl", "feeds", "--replay", "--db", str(target)], env=dict(ENV)
    )
    assert result.exit_code == 0, result.output
    assert (
        "replay: samlar in genererade demoinspelningar (påhittade utlysningar) på 127.0.0.1 "
        f"till {target}"
    ) in result.stderr
    assert rows(target, "select count(*) from calls")[0][0] == EXPECTED["feeds"]
    state = read_state(tmp_path / "demo-recordings")
    assert state is not None and (state["edition"], state["anchor"]) == (1, ENV["EUFUNDS_TODAY"])


def test_untrusted_certificate_is_refused(db: Path, tmp_path: Path, recordings: Path) -> None:
    import ssl

    before = calls_state(db, "vinnova")
    cert_file, key_file = self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    # The same recordings behind TLS, with a certificate no authority vouches for.
    results, _ = crawl_faulty(db, ["vinnova"], root=recordings, tls=context)
    result = results["vinnova"]
    assert_failed_safely(db, result, "certificate", before)
