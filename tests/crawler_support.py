"""Shared pieces of the crawler tests: one replay crawl per test session, copied per test."""

from __future__ import annotations

import shutil
import sqlite3
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.replay import Fault, ReplayServer
from crawler.runner import SourceResult, crawl_sources

TODAY = "2026-06-01"
ENV = {"EUFUNDS_TODAY": TODAY}
# Calls per source in the bundled recordings (see crawler/recordings/README.md).
EXPECTED = {
    "esf": 4,
    "feeds": 4,
    "interreg": 3,
    "interreg_bsr": 2,
    "sedia": 15,
    "tillvaxtverket": 5,
    "vinnova": 16,
}


@pytest.fixture(scope="session")
def replayed_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[SourceResult]]:
    """A database filled by one replay crawl of every source (do not write to it: copy it)."""
    path = tmp_path_factory.mktemp("replayed") / "replay.db"
    results = crawl_sources(path, replay=True, timeout=120, env=ENV)
    return path, results


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
    root: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    tls: ssl.SSLContext | None = None,
) -> tuple[dict[str, SourceResult], ReplayServer]:
    """Crawl ``sources`` from a replay server with ``faults``; results by source."""
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
