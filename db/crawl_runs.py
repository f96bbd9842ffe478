"""Reading the crawl runs: the last run per source, the one question ``status``, the web
view's overview and the digests' source note all ask."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from typing import Any

import sqlite_utils

from db.clock import utc_now
from db.state import read_state, write_state

# The row of matcher_state that says which day the last crawl of every source was for, and
# when that day's calls last changed by a crawl: the crawl half of a complete day
# (app.weekly.day_state, docs/digests.md).
CRAWL_DAY = "crawl_day"


def last_runs(
    db: sqlite_utils.Database, *, since: str | None = None, until: str | None = None
) -> list[dict[str, Any]]:
    """The latest run of each source, by source name.

    With ``since``/``until`` (ISO times) only runs started in (since, until] count. Each row
    has the run's columns (``source``, ``started_at``, ``finished_at``, ``ok``, ``partial``,
    ``items``, ``new``, ``changed``, ``error_text``), ``last_ok`` (when the source last
    succeeded) and ``calls`` (how many calls of the source are stored).
    """
    if "crawl_runs" not in db.table_names():
        return []
    where, args = "1 = 1", []
    if since is not None:
        where += " and started_at > ?"
        args.append(since)
    if until is not None:
        where += " and started_at <= ?"
        args.append(until)
    return list(
        db.query(
            f"""
            select r.source, r.started_at, r.finished_at, r.ok, r.partial, r.items, r.new,
                   r.changed, r.error_text,
                   (select max(o.started_at) from crawl_runs o
                     where o.source = r.source and o.ok = 1) as last_ok,
                   (select count(*) from calls c where c.source = r.source) as calls
            from crawl_runs r
            join (select source, max(id) as id from crawl_runs where {where} group by source)
              last on last.id = r.id
            order by r.source
            """,
            args,
        )
    )


def last_crawl_started(db: sqlite_utils.Database) -> str | None:
    """When the latest crawl of any source started (ISO), or None before the first."""
    row = db.execute("select max(started_at) from crawl_runs").fetchone()
    return row[0] if row else None


def run_counts(
    db: sqlite_utils.Database, run_id: int, source: str, started_at: str
) -> tuple[int, int, int]:
    """(new, changed, seen) of a run: the calls it found new, the calls it stored a later
    version of (not those whose same words were only read anew: db.records.read_anew), and
    the calls of ``source`` seen since it started (unchanged ones included)."""
    new = db.execute(
        "select count(*) from changes where crawl_run_id = ? and kind = 'new'", [run_id]
    ).fetchone()[0]
    changed = db.execute(
        "select count(*) from call_versions v where crawl_run_id = ? and version > 1 "
        "and not exists (select 1 from changes c where c.call_id = v.call_id "
        "and c.crawl_run_id = v.crawl_run_id and c.kind = 'reread')",
        [run_id],
    ).fetchone()[0]
    seen = db.execute(
        "select count(*) from calls where source = ? and last_seen_at >= ?", [source, started_at]
    ).fetchone()[0]
    return new, changed, seen


def last_run_result(db: sqlite_utils.Database, source: str) -> tuple[Any, Any, Any] | None:
    """(ok, partial, finished_at) of the latest run of ``source``, or None before the first."""
    return db.execute(
        "select ok, partial, finished_at from crawl_runs where source = ? order by id desc limit 1",
        [source],
    ).fetchone()


def last_success(db: sqlite_utils.Database, source: str) -> tuple[Any, Any] | None:
    """(finished_at, items) of the latest successful run of ``source``, or None."""
    return db.execute(
        "select finished_at, items from crawl_runs where source = ? and ok = 1 "
        "order by id desc limit 1",
        [source],
    ).fetchone()


def last_failure(db: sqlite_utils.Database, source: str) -> tuple[Any, Any] | None:
    """(finished_at, error_text) of the latest finished run of ``source`` that did not
    succeed (failed or partial), or None."""
    return db.execute(
        "select finished_at, error_text from crawl_runs where source = ? and ok = 0 "
        "and finished_at is not null order by id desc limit 1",
        [source],
    ).fetchone()


def last_progress(db: sqlite_utils.Database | sqlite3.Connection, source: str) -> str | None:
    """The progress (JSON text) of the latest run of ``source`` that wrote one, or None."""
    row = db.execute(
        "select progress from crawl_runs where source = ? and progress is not null "
        "order by id desc limit 1",
        [source],
    ).fetchone()
    return row[0] if row else None


def start_run(db: sqlite_utils.Database, source: str) -> int:
    """Record that a crawl of ``source`` starts now; returns the run's id."""
    with db.atomic():
        table = db["crawl_runs"].insert(  # type: ignore[union-attr]
            {"source": source, "started_at": utc_now(), "ok": 0}
        )
    return int(table.last_pk or 0)


def finish_run(
    db: sqlite_utils.Database,
    run_id: int,
    *,
    ok: bool,
    items: int,
    new: int,
    changed: int,
    errors: int,
    error_text: str | None,
    partial: bool,
    progress: dict[str, Any] | None,
) -> None:
    """Complete the run ``run_id`` now with its counts, failures and progress (JSON); run it
    inside the caller's write transaction."""
    db["crawl_runs"].update(  # type: ignore[union-attr]
        run_id,
        {
            "finished_at": utc_now(),
            "ok": 1 if ok else 0,
            "items": items,
            "new": new,
            "changed": changed,
            "errors": errors,
            "error_text": error_text,
            "partial": 1 if partial else 0,
            "progress": json.dumps(progress, ensure_ascii=False) if progress else None,
        },
    )


def record_crawl(
    db: sqlite_utils.Database,
    day: date,
    *,
    every_source: bool,
    stored: int,
    now: str | None = None,
) -> None:
    """Note in the day's state that a crawl for ``day`` finished (``now``, ISO UTC; default
    the real time), having stored ``stored`` new or changed calls; run it inside the caller's
    write transaction.

    A crawl of every source makes ``day``'s crawl; a crawl of some sources only counts when
    ``day``'s crawl was already made. A later crawl of the same day that stored nothing new or
    changed leaves the record as it was: a match after the earlier crawl is still current.
    """
    value = read_state(db, CRAWL_DAY)
    same_day = isinstance(value, dict) and value.get("day") == day.isoformat()
    if (not same_day and not every_source) or (same_day and not stored):
        return
    now = now or utc_now()
    write_state(db, CRAWL_DAY, {"day": day.isoformat(), "finished_at": now}, now)


def crawl_day(db: sqlite_utils.Database) -> tuple[date, str] | None:
    """(the day of the last crawl of every source, when that day's calls last changed by a
    crawl, ISO UTC), or None before the first."""
    value = read_state(db, CRAWL_DAY)
    try:
        return date.fromisoformat(value["day"]), str(value["finished_at"])
    except (ValueError, KeyError, TypeError):
        return None


def unfinished_runs(db: sqlite_utils.Database, since: str | None = None) -> list[dict[str, Any]]:
    """The runs started after ``since`` (ISO; all without it) that never finished: cut short
    (a killed process) or still running; ``source`` and ``started_at``, oldest first."""
    if "crawl_runs" not in db.table_names():
        return []
    return list(
        db.query(
            "select source, started_at from crawl_runs where finished_at is null "
            "and started_at > ? order by id",
            [since or ""],
        )
    )
