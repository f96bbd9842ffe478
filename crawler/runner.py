"""Crawl sources, each in its own subprocess with a time limit, one crawl_runs row each.

A failing, hanging or crashing source never stops the others and never deletes or closes a
call: its row in ``crawl_runs`` says what went wrong. A source cut by its time limit after
part of its work (the portal's topic details) is **partial**: ``partial`` 1 and ``progress``
(JSON) in its row, and a sentence such as "delvis: 412 av 700 ämnesbeskrivningar hämtade;
saknas: 288 (Horizon Europe 190, …)". The subprocess knows the limit (``--deadline``) and
writes its progress to a status file as it goes, so a run stopped from outside still says
what it left.

The reasons the runner records are Swedish, for the coordinator who reads them in
``eufunds sources``; the result words (``ok``, ``partial``, ``failed``) stay English.
"""

from __future__ import annotations

import contextlib
import json
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
from crawler.store import write_transaction
from db import open_db
from db.calls import source_call_count
from db.crawl_runs import (
    finish_run,
    last_failure,
    last_run_result,
    last_success,
    record_crawl,
    run_counts,
    start_run,
)

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
    partial: bool = False  # cut by the time limit after part of its work (ok is False)
    progress: dict[str, Any] | None = None  # what a partial run did and left

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
    status: Path


def check_sources(sources: list[str] | None) -> list[str]:
    """The sources to crawl (all when None/empty); ValueError naming unknown ones."""
    if not sources:
        return list(SOURCES)
    unknown = [s for s in sources if s not in SOURCES]
    if unknown:
        raise ValueError(
            f"{'okända källor' if len(unknown) > 1 else 'okänd källa'} {', '.join(unknown)}; "
            f"välj bland: {', '.join(SOURCES)}"
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
    recorded as failed, keeping the calls it had already stored, or as partial when it says
    what it had done (its status file). ``env`` adds environment
    variables for the crawler processes (e.g. ``EUFUNDS_TODAY`` or a source's
    ``EUFUNDS_<SOURCE>_URL``).

    A crawl that ends (failed sources included) is noted in the day's state
    (:func:`db.crawl_runs.record_crawl`): the crawl half of a complete day.
    """
    names = check_sources(sources)
    db_path = Path(db_path).absolute()
    crawl_date = _crawl_date(env)
    # Before open_db: whether the database exists decides the demo edition.
    replay_server = _replay_server(db_path, crawl_date) if replay else contextlib.nullcontext()
    db = open_db(db_path)  # create and migrate once, before the subprocesses
    child_env = dict(os.environ)
    status_dir = tempfile.TemporaryDirectory(prefix="eufunds-crawl-")
    with replay_server as server, status_dir as status_root:
        if server is not None:
            child_env.update(server.environment(names))
        child_env.update(env or {})
        run_ids = {source: start_run(db, source) for source in names}
        jobs = _Plan(run_ids, db_path, child_env, timeout, Path(status_root))
        for _ in _run_all(names, jobs, max(1, parallel), db):
            pass
    results = [_result(db, source, run_ids[source]) for source in names]
    # The crawl half of a complete day (app.weekly.day_state): for the day the crawl is for.
    with write_transaction(db):
        record_crawl(
            db,
            crawl_date,
            every_source=set(names) == set(SOURCES),
            stored=sum(r.new + r.changed for r in results),
        )
    db.conn.close()
    return results


def _crawl_date(env: Mapping[str, str] | None) -> date:
    """The day a crawl is for: ``EUFUNDS_TODAY`` in ``env`` when given, else today."""
    frozen = (env or {}).get("EUFUNDS_TODAY")
    return date.fromisoformat(frozen) if frozen else config.today()


def _replay_server(db_path: Path, today: date) -> Any:
    """The loopback server of the demo recordings written for this database."""
    from crawler.demo import recordings_for_database
    from crawler.replay import ReplayServer

    return ReplayServer(recordings_for_database(db_path, today))


@dataclass
class _Plan:
    run_ids: dict[str, int]
    db_path: Path
    env: dict[str, str]
    timeout: float
    status_root: Path


def _run_all(names: list[str], plan: _Plan, parallel: int, db: Any) -> Iterator[str]:
    waiting = list(names)
    running: list[_Job] = []
    try:
        yield from _supervise(waiting, running, plan, parallel, db)
    finally:
        # Interrupted (Ctrl-C): the children run in their own sessions, stop them too.
        for job in running:
            if job.process.poll() is None:
                _stop(job.process)
                _finish_unfinished(db, job.run_id, "avbröts innan insamlingen var klar")
        for source in waiting:
            _finish_unfinished(db, plan.run_ids[source], "startade inte: insamlingen avbröts")


def _supervise(
    waiting: list[str], running: list[_Job], plan: _Plan, parallel: int, db: Any
) -> Iterator[str]:
    timeout = plan.timeout
    while waiting or running:
        while waiting and len(running) < parallel:
            source = waiting.pop(0)
            running.append(_start(source, plan))
        time.sleep(0.05)
        for job in list(running):
            code = job.process.poll()
            if code is None and time.monotonic() < job.deadline:
                continue
            if code is None:
                _stop(job.process)
                progress = read_progress(job.status)
                stopped = f"stoppad vid tidsgränsen {timeout:g} s"
                if is_partial(progress):
                    assert progress is not None
                    _finish_unfinished(
                        db,
                        job.run_id,
                        f"{describe_progress(progress)}; {stopped} (utlysningarna som sparats "
                        "dittills finns kvar; resten hämtas först vid nästa körning)",
                        progress=progress,
                    )
                else:
                    _finish_unfinished(
                        db,
                        job.run_id,
                        f"tidsgränsen {timeout:g} s gick ut och källan stoppades (utlysningarna "
                        "som hittats dittills finns kvar); höj --timeout eller kontrollera "
                        "webbplatsen",
                    )
            else:
                job.stderr.seek(0)
                tail = job.stderr.read().decode("utf-8", "replace").strip().splitlines()[-3:]
                reason = " | ".join(line.strip() for line in tail if line.strip())
                _finish_unfinished(
                    db, job.run_id, f"insamlingsprocessen slutade med slutkod {code}: {reason}"
                )
            job.stderr.close()
            running.remove(job)
            yield job.source


def _start(source: str, plan: _Plan) -> _Job:
    stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the job ends)
    run_id = plan.run_ids[source]
    status = plan.status_root / f"{source}-{run_id}.json"
    # The child learns the limit as a moment in time, so that it can stop in good order
    # before it (the clock starts now, before its interpreter does).
    deadline = time.time() + plan.timeout
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crawler.run_one",
            source,
            "--db",
            str(plan.db_path),
            "--run-id",
            str(run_id),
            "--deadline",
            f"{deadline:.3f}",
            "--status",
            str(status),
        ],
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        env=plan.env,
        start_new_session=True,
    )
    return _Job(source, run_id, process, stderr, time.monotonic() + plan.timeout, status)


def _stop(process: subprocess.Popen[bytes]) -> None:
    # No graceful shutdown past the time limit: every stored call is already committed in
    # its own transaction, so killing loses nothing and the outcome does not depend on timing.
    process.kill()
    process.wait()


def _finish_unfinished(
    db: Any, run_id: int, reason: str, *, progress: dict[str, Any] | None = None
) -> None:
    """Complete a run the subprocess could not complete itself (time limit, crash); with the
    ``progress`` it had written, as partial."""
    # Read and write under the write lock: another crawler process may be writing, and a
    # read snapshot taken before would make the update fail at once ("database is locked").
    with write_transaction(db):
        row = db["crawl_runs"].get(run_id)
        if row["finished_at"]:
            return
        # Every call the run stored, unchanged ones included, was seen since it started.
        new, changed, seen = run_counts(db, run_id, row["source"], row["started_at"])
        finish_run(
            db,
            run_id,
            ok=False,
            items=max(seen, new + changed),
            new=new,
            changed=changed,
            errors=1,
            error_text=reason,
            partial=progress is not None,
            progress=progress,
        )


def read_progress(path: Path) -> dict[str, Any] | None:
    """The progress a crawler process wrote to its status file, if any."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_partial(progress: dict[str, Any] | None) -> bool:
    """Whether ``progress`` shows a crawl that got past its listing and left work undone (a
    run stopped while still reading the listing is failed, not partial)."""
    if not progress or progress.get("phase") not in ("details", "done"):
        return False
    return int(progress.get("missing") or 0) > 0


# What a crawl's progress counts (its stored "what") in the words of describe_progress.
WHAT_SV = {"topic details": "ämnesbeskrivningar", "items": "poster"}


def describe_progress(progress: dict[str, Any], max_groups: int = 5) -> str:
    """ "delvis: 412 av 700 ämnesbeskrivningar hämtade; saknas: 288 (Horizon Europe 190,
    LIFE 40, …)", with the calls not stored in this run and the unchanged topics that needed
    none."""
    what = str(progress.get("what") or "items")
    done, due = int(progress.get("done") or 0), int(progress.get("due") or 0)
    text = f"delvis: {done} av {due} {WHAT_SV.get(what, what)} hämtade"
    reused = int(progress.get("reused") or 0)
    if reused:
        text += f" ({reused} oförändrade behövde inte hämtas)"
    missing = int(progress.get("missing") or 0)
    groups = progress.get("missing_groups") or {}
    named = [f"{name} {count}" for name, count in list(groups.items())[:max_groups]]
    if len(groups) > max_groups:
        named.append(f"{len(groups) - max_groups} program till")
    text += f"; saknas: {missing}" + (f" ({', '.join(named)})" if named else "")
    failed = int(progress.get("failed") or 0)
    if failed:
        text += f"; {failed} misslyckades"
    unstored = int(progress.get("unstored") or 0)
    if unstored:
        text += (
            f"; {unstored} utlysningar sparades inte i denna körning "
            "(deras tidigare versioner finns kvar)"
        )
    return text


def _result(db: Any, source: str, run_id: int) -> SourceResult:
    row = db["crawl_runs"].get(run_id)
    progress = read_json(row.get("progress"))
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
        partial=bool(row.get("partial")),
        progress=progress,
    )


def read_json(value: str | None) -> dict[str, Any] | None:
    """A JSON object from a column, or None."""
    try:
        data = json.loads(value) if value else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def source_overview(db: Any) -> list[dict[str, Any]]:
    """Per source: the last run's result (ok, partial, failed or running), last success,
    last failure or partial run (with its reason), and calls stored."""
    rows = []
    for source in SOURCES:
        last = last_run_result(db, source)
        last_ok = last_success(db, source)
        last_failed = last_failure(db, source)
        calls = source_call_count(db, source)
        if last is None:
            result = None
        elif not last[2]:
            result = "running"
        else:
            result = "ok" if last[0] else ("partial" if last[1] else "failed")
        rows.append(
            {
                "source": source,
                "last_result": result,
                "last_success": last_ok[0] if last_ok else None,
                "last_items": last_ok[1] if last_ok else None,
                "last_failure": last_failed[0] if last_failed else None,
                "last_error": last_failed[1] if last_failed else None,
                "calls": calls,
            }
        )
    return rows
