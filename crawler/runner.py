"""Crawl sources, each in its own subprocess with a time limit, one crawl_runs row each.

A failing, hanging or crashing source never stops the others and never deletes or closes a
call: its row in ``crawl_runs`` says what went wrong.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from crawler import config
from crawler.spiders import source_names
from db import open_db
from db.calls import utc_now

SOURCES: tuple[str, ...] = tuple(source_names())
"""Every source key (= spider name = module name under crawler/spiders)."""

PARALLEL = 2  # subprocesses at a time; each source is polite on its own


@dataclass
class SourceResult:
    """What one source's crawl did, as stored in its ``crawl_runs`` row."""

    source: str
    ok: bool
    items: int = 0
    new: int = 0
    changed: int = 0
    errors: int = 0
    error_text: str | None = None
    run_id: int | None = None
    started_at: str | None = None
    finished_at: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The result as a plain dict (for JSON output)."""
        return asdict(self)


@dataclass
class _Job:
    source: str
    run_id: int
    process: subprocess.Popen[bytes]
    stderr: Any
    deadline: float


def check_sources(sources: list[str] | None) -> list[str]:
    """The sources to crawl (all when None/empty); ValueError naming unknown ones."""
    if not sources:
        return list(SOURCES)
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise ValueError(
            f"unknown source{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; "
            f"choose from: {', '.join(SOURCES)}"
        )
    return list(dict.fromkeys(sources))


def crawl_sources(
    db_path: Path,
    sources: list[str] | None = None,
    *,
    replay: bool = False,
    timeout: float = 600,
    parallel: int = PARALLEL,
    env: Mapping[str, str] | None = None,
) -> list[SourceResult]:
    """Crawl ``sources`` (all by default) into ``db_path``; one result per source, in order.

    ``replay`` crawls generated demo recordings (invented calls) served on loopback
    (:class:`crawler.replay.ReplayServer`) instead of the live sources: they are written into
    ``<db dir>/<db stem>-recordings/`` first. The first replay into a database that does not
    exist yet writes edition 1 anchored at today (``EUFUNDS_TODAY`` in ``env`` or the
    environment freezes it); every later replay into the same database writes edition 2 with
    the anchor kept (``demo-state.json`` in that folder), so a second run shows new and
    changed calls. See :func:`crawler.demo.recordings_for_database`.

    ``timeout`` is the time limit per source in seconds; a source past it is stopped and
    recorded as failed, keeping the calls it had already stored. ``env`` adds environment
    variables for the crawler processes (e.g. ``EUFUNDS_TODAY`` or a source's
    ``EUFUNDS_<SOURCE>_URL``).
    """
    names = check_sources(sources)
    db_path = Path(db_path).absolute()
    replay_server: contextlib.AbstractContextManager[Any] = contextlib.nullcontext()
    if replay:
        from crawler.demo import recordings_for_database
        from crawler.replay import ReplayServer

        frozen = (env or {}).get("EUFUNDS_TODAY")
        today = date.fromisoformat(frozen) if frozen else config.today()
        # Before open_db: whether the database exists decides the edition.
        replay_server = ReplayServer(recordings_for_database(db_path, today))
    db = open_db(db_path)  # create and migrate once, before the subprocesses
    child_env = dict(os.environ)
    with replay_server as server:
        if server is not None:
            child_env.update(server.environment(names))
        child_env.update(env or {})
        run_ids: dict[str, int] = {}
        for source in names:
            with db.atomic():
                table = db["crawl_runs"].insert(  # type: ignore[union-attr]
                    {"source": source, "started_at": utc_now(), "ok": 0}
                )
                run_ids[source] = int(table.last_pk or 0)
        for _ in _run_all(names, run_ids, db_path, child_env, timeout, max(1, parallel), db):
            pass
    results = [_result(db, source, run_ids[source]) for source in names]
    db.conn.close()
    return results


def _run_all(
    names: list[str],
    run_ids: dict[str, int],
    db_path: Path,
    env: dict[str, str],
    timeout: float,
    parallel: int,
    db: Any,
) -> Iterator[str]:
    waiting = list(names)
    running: list[_Job] = []
    try:
        yield from _supervise(waiting, running, run_ids, db_path, env, timeout, parallel, db)
    finally:
        # Interrupted (Ctrl-C): the children run in their own sessions, stop them too.
        for job in running:
            if job.process.poll() is None:
                _stop(job.process)
                _finish_unfinished(db, job.run_id, "interrupted before the crawl finished")
        for source in waiting:
            _finish_unfinished(db, run_ids[source], "not started: the crawl was interrupted")


def _supervise(
    waiting: list[str],
    running: list[_Job],
    run_ids: dict[str, int],
    db_path: Path,
    env: dict[str, str],
    timeout: float,
    parallel: int,
    db: Any,
) -> Iterator[str]:
    while waiting or running:
        while waiting and len(running) < parallel:
            source = waiting.pop(0)
            running.append(_start(source, run_ids[source], db_path, env, timeout))
        time.sleep(0.05)
        for job in list(running):
            code = job.process.poll()
            if code is None and time.monotonic() < job.deadline:
                continue
            if code is None:
                _stop(job.process)
                _finish_unfinished(
                    db,
                    job.run_id,
                    f"timed out after {timeout:g} s and was stopped "
                    "(calls found until then were kept); raise --timeout or check the site",
                )
            else:
                job.stderr.seek(0)
                tail = job.stderr.read().decode("utf-8", "replace").strip().splitlines()[-3:]
                reason = " | ".join(line.strip() for line in tail if line.strip())
                _finish_unfinished(
                    db, job.run_id, f"the crawler process stopped with exit code {code}: {reason}"
                )
            job.stderr.close()
            running.remove(job)
            yield job.source


def _start(source: str, run_id: int, db_path: Path, env: dict[str, str], timeout: float) -> _Job:
    stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the job ends)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crawler.run_one",
            source,
            "--db",
            str(db_path),
            "--run-id",
            str(run_id),
        ],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        env=env,
        start_new_session=True,
    )
    return _Job(source, run_id, process, stderr, time.monotonic() + timeout)


def _stop(process: subprocess.Popen[bytes]) -> None:
    # No graceful shutdown past the time limit: every stored call is already committed in
    # its own transaction, so killing loses nothing and the outcome does not depend on timing.
    process.kill()
    process.wait()


def _finish_unfinished(db: Any, run_id: int, reason: str) -> None:
    """Complete a run the subprocess could not complete itself (timeout, crash)."""
    row = db["crawl_runs"].get(run_id)
    if row["finished_at"]:
        return
    new = db.execute(
        "select count(*) from changes where crawl_run_id = ? and kind = 'new'", [run_id]
    ).fetchone()[0]
    changed = db.execute(
        "select count(*) from call_versions where crawl_run_id = ? and version > 1", [run_id]
    ).fetchone()[0]
    with db.atomic():
        db["crawl_runs"].update(
            run_id,
            {
                "finished_at": utc_now(),
                "ok": 0,
                "new": new,
                "changed": changed,
                "items": new + changed,
                "errors": 1,
                "error_text": reason,
            },
        )


def _result(db: Any, source: str, run_id: int) -> SourceResult:
    row = db["crawl_runs"].get(run_id)
    return SourceResult(
        source=source,
        ok=bool(row["ok"]),
        items=row["items"] or 0,
        new=row["new"] or 0,
        changed=row["changed"] or 0,
        errors=row["errors"] or 0,
        error_text=row["error_text"],
        run_id=run_id,
        started_at=row["started_at"],
        finished_at=row["finished_at"],
    )


def source_overview(db: Any) -> list[dict[str, Any]]:
    """Per source: last success, last failure (with its reason), runs and calls stored."""
    rows = []
    for source in SOURCES:
        last_ok = db.execute(
            "select finished_at, items from crawl_runs where source = ? and ok = 1 "
            "order by id desc limit 1",
            [source],
        ).fetchone()
        last_failed = db.execute(
            "select finished_at, error_text from crawl_runs where source = ? and ok = 0 "
            "and finished_at is not null order by id desc limit 1",
            [source],
        ).fetchone()
        calls = db.execute("select count(*) from calls where source = ?", [source]).fetchone()[0]
        rows.append(
            {
                "source": source,
                "last_success": last_ok[0] if last_ok else None,
                "last_items": last_ok[1] if last_ok else None,
                "last_failure": last_failed[0] if last_failed else None,
                "last_error": last_failed[1] if last_failed else None,
                "calls": calls,
            }
        )
    return rows
