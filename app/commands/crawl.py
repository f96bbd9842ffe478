"""``eufunds crawl`` and ``eufunds sources``: a thin layer over :mod:`crawler.runner`."""

from __future__ import annotations

import os
from pathlib import Path

import click

from app import exitcodes
from app.output import info, print_json, print_table
from crawler.runner import SourceResult, check_sources, crawl_sources, source_overview
from db import open_db
from db.connection import default_db_path

REPLAY_DB = Path("data") / "replay.db"


@click.command(name="crawl")
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option(
    "--replay",
    is_flag=True,
    help="Crawl generated demo recordings (invented calls), served on 127.0.0.1, into "
    "data/replay.db (unless --db or EUFUNDS_DB says otherwise); a second replay into the "
    "same database crawls their next edition, with changes.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=600,
    show_default=True,
    help="Time limit per source in seconds.",
)
@click.option(
    "--db",
    "db_option",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Database file (default EUFUNDS_DB or data/eufunds.db).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one result per source as JSON.")
def crawl(
    sources: tuple[str, ...], replay: bool, timeout: float, db_option: Path | None, as_json: bool
) -> None:
    """Crawl SOURCE... (all sources when none is given) and store new and changed calls.

    Each source runs in its own process with a time limit. A failing source never stops the
    others and never deletes or closes calls; it is recorded and the exit code is 5. A source
    cut by the time limit after part of its work (the EU portal's topic details) is PARTIAL:
    what it fetched is stored, what it left is named and fetched first next run (exit 5 too).
    Sources: see `eufunds sources`.
    """
    try:
        names = check_sources(list(sources))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    if db_option is not None:
        db_path = db_option
    elif replay and not os.environ.get("EUFUNDS_DB"):
        db_path = REPLAY_DB
    else:
        db_path = default_db_path()
    if replay:
        info(
            "replay: crawling generated demo recordings (invented calls) on 127.0.0.1 "
            f"into {db_path}"
        )
    info(f"crawling {', '.join(names)} (time limit {timeout:g} s per source)")
    results = crawl_sources(db_path, names, replay=replay, timeout=timeout)
    if as_json:
        print_json([r.as_dict() for r in results])
    else:
        print_table(
            None,
            ["source", "result", "items", "new", "changed", "error"],
            ([r.source, _result_word(r), r.items, r.new, r.changed, r.error_text] for r in results),
        )
    partial = [r.source for r in results if r.partial]
    failed = [r.source for r in results if not r.ok and not r.partial]
    if partial:
        info(f"partial: {', '.join(partial)} (the rest is fetched first next run)")
    if failed:
        info(f"failed: {', '.join(failed)} (details: eufunds sources)")
    if partial or failed:
        raise SystemExit(exitcodes.CRAWL_FAILED)


def _result_word(result: SourceResult) -> str:
    if result.ok:
        return "ok"
    return "PARTIAL" if result.partial else "FAILED"


@click.command(name="sources")
@click.option("--json", "as_json", is_flag=True, help="Print the sources as JSON.")
def sources_command(as_json: bool) -> None:
    """List the sources with their last run (ok, partial, failed), last success, last failure
    or partial run with its reason, and number of calls."""
    db = open_db()
    rows = source_overview(db)
    if as_json:
        print_json(rows)
        return
    print_table(
        None,
        ["source", "last run", "last success", "items", "last failure", "reason", "calls"],
        (
            [
                r["source"],
                _last_run_word(r["last_result"]),
                r["last_success"] or "never",
                r["last_items"],
                r["last_failure"] or "",
                r["last_error"] or "",
                r["calls"],
            ]
            for r in rows
        ),
    )


def _last_run_word(result: str | None) -> str:
    if result is None:
        return "never"
    return result if result in ("ok", "running") else result.upper()


COMMANDS = [crawl, sources_command]
