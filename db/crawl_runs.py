"""Reading the crawl runs: the last run per source, the one question ``status``, the web
view's overview and the digests' source note all ask."""

from __future__ import annotations

from typing import Any

import sqlite_utils


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
