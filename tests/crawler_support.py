"""Shared pieces of the crawler tests: one replay crawl of the generated demo recordings per
test session (copied per test), the expected counts and changes of the generated set."""

from __future__ import annotations

import shutil
import sqlite3
import ssl
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawler.replay import Fault, ReplayServer
from crawler.runner import SourceResult, crawl_sources

TODAY = "2026-06-01"
ANCHOR = date.fromisoformat(TODAY)
ENV = {"EUFUNDS_TODAY": TODAY}
# Calls per source that a crawl of the generated recordings stores (see crawler/demo/
# catalogue.py): edition 1, and edition 2 (one new call in sedia, vinnova, esf and feeds).
# esf counts its two planned calls, tillvaxtverket its rolling call and programme page, feeds
# its news item (stored as kind "news").
EXPECTED = {
    "esf": 6,
    "feeds": 3,
    "interreg": 5,
    "interreg_bsr": 2,
    "sedia": 11,
    "tillvaxtverket": 7,
    "vinnova": 6,
}
EXPECTED_2 = {**EXPECTED, "esf": 7, "feeds": 4, "sedia": 12, "vinnova": 7}
# The typed changes a crawl of edition 2 records after one of edition 1 (same anchor).
FEED_ID = "feeds:Urban Futures Initiative:tag:urbanfutures-initiative.example,2026:"
EXPECTED_CHANGES = sorted(
    [
        ("esf:26-031", "deadline_changed"),  # deadline extended
        ("esf:26-031", "text_changed"),  # ... and its "Stänger:" line with it
        ("esf:26-040", "new"),
        (FEED_ID + "ufi-capacity-small-towns", "new"),
        ("interreg:callForProjectsPage_4410", "deadline_changed"),  # the BSR call, extended
        ("interreg_bsr:https://interreg-baltic.eu/?p=24702", "deadline_changed"),  # its text
        ("interreg_bsr:https://interreg-baltic.eu/?p=24702", "text_changed"),  # same call
        ("sedia:HORIZON-CL5-2026-D4-07", "opened"),  # opening brought forward
        ("sedia:HORIZON-MISS-2026-CLIMA-02-03", "text_changed"),  # corrigendum
        ("sedia:LIFE-2026-CET-PUBLICRENO", "new"),
        ("sedia:LIFE-2026-SAP-ENV-URBANWATER", "deadline_changed"),
        ("tillvaxtverket:6954", "deadline_changed"),
        ("tillvaxtverket:6954", "reopened"),
        ("tillvaxtverket:6954", "text_changed"),
        ("tillvaxtverket:7112", "closed"),  # closed early
        ("tillvaxtverket:7112", "deadline_changed"),
        ("tillvaxtverket:7112", "text_changed"),
        ("vinnova:2026-01105", "deadline_changed"),  # announced round got its dates
        ("vinnova:2026-01105", "opened"),
        ("vinnova:2026-01230", "new"),
    ]
)

# The session fixture is imported into several test modules, which pytest treats as separate
# fixtures: one crawl per session serves them all.
_SESSION: dict[str, tuple[Path, list[SourceResult]]] = {}


@pytest.fixture(scope="session")
def replayed_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[SourceResult]]:
    """A database filled by one replay crawl of every source (do not write to it: copy it).

    The runner generated edition 1 of the demo recordings, anchored at ``TODAY``, next to it.
    """
    key = str(tmp_path_factory.getbasetemp())
    if key not in _SESSION:
        path = tmp_path_factory.mktemp("replayed") / "replay.db"
        _SESSION[key] = (path, crawl_sources(path, replay=True, timeout=120, env=ENV))
    return _SESSION[key]


@pytest.fixture(scope="session")
def recordings(replayed_db: tuple[Path, list[SourceResult]]) -> Path:
    """The edition 1 recordings the session's crawl served (do not modify: copy them)."""
    return replayed_db[0].with_name("replay-recordings")


def copy_db(source: Path, target: Path) -> Path:
    """A copy of a closed SQLite database (with its WAL, if any)."""
    con = sqlite3.connect(source)
    con.execute("pragma wal_checkpoint(truncate)")
    con.close()
    shutil.copyfile(source, target)
    return target


def rows(db: Path, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Query a database file."""
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def crawl_faulty(
    db: Path,
    sources: list[str],
    faults: dict[str, list[Fault]] | None = None,
    *,
    root: Path,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    tls: ssl.SSLContext | None = None,
) -> tuple[dict[str, SourceResult], ReplayServer]:
    """Crawl ``sources`` from a replay server of ``root`` with ``faults``; results by source."""
    server = ReplayServer(root, faults, tls)
    with server:
        child_env = {**ENV, **server.environment(sources), **(env or {})}
        results = crawl_sources(db, sources, env=child_env, timeout=timeout)
    return {r.source: r for r in results}, server


def calls_state(db: Path, source: str) -> dict[str, str]:
    """id -> stored status of every call of ``source``."""
    return dict(rows(db, "select id, status from calls where source = ?", (source,)))


def iter_recordings(root: Path) -> Iterator[Path]:
    """Every recorded file under ``root``."""
    return (p for p in root.rglob("*") if p.is_file())
