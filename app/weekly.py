"""The weekly job, step by step: crawl -> match -> build digests -> send.

Each step is its own function so the scheduler can run them at different times (crawl and
match daily, build and send weekly, flush every few minutes); ``run_weekly`` runs them all
once. Every step is idempotent: a second run builds no second digest and sends nothing twice.
The crawler and the matcher are imported only when used (they load scrapy and torch).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from app import exitcodes
from app.active_priorities import ActivePriorities, active_priorities
from db import default_db_path, open_db, write_transaction
from db.calls import utc_now
from db.clock import local_time
from db.clock import now as clock_now
from db.crawl_runs import crawl_day, unfinished_runs
from db.errors import EufundsError, NoPriorities
from db.state import read_state, state_written_at, write_state
from db.twins import link_twins
from notifier.build import BuildResult, build_digests
from notifier.delivery import transport_from_env
from notifier.outbox import FlushResult, flush_outbox, problems
from notifier.weeks import iso_week
from priorities import PrioritiesInvalid

REPLAY_DB = Path("data") / "replay.db"
# The row of matcher_state that says which day the job's own crawl and match last finished,
# and when: the service's catch-up reads it. Whether a day is complete, for building digests,
# is decided by day_state (docs/digests.md).
COMPLETE_DAY = "complete_day"

Progress = Callable[[str], None]


@dataclass
class WeeklyReport:
    """What one run of the job did, step by step."""

    db_path: Path
    crawl: list[Any] = field(default_factory=list)  # crawler.runner.SourceResult
    match: Any = None  # matcher.pipeline stats
    builds: list[BuildResult] = field(default_factory=list)
    flush: FlushResult | None = None
    delivered_to: str = ""
    warning: str | None = None
    problems: int = 0

    @property
    def failed_sources(self) -> list[str]:
        """Sources whose crawl failed in this run."""
        return [r.source for r in self.crawl if not r.ok]

    @property
    def exit_code(self) -> int:
        """4 when messages are failed or stuck, else 5 when a source failed, else 0."""
        if self.problems:
            return exitcodes.OUTBOX_FAILED
        if self.failed_sources:
            return exitcodes.CRAWL_FAILED
        return exitcodes.OK


def job_db_path(replay: bool = False) -> Path:
    """The database of the job: ``EUFUNDS_DB``, or ``data/replay.db`` for a replay."""
    if replay and not os.environ.get("EUFUNDS_DB"):
        return REPLAY_DB
    return default_db_path()


def load_state(db: Any) -> ActivePriorities:
    """The priorities in force (the file, or its last valid version when it is invalid).

    Raises :class:`NoPriorities` when the file is invalid and no valid version was stored.
    """
    try:
        return active_priorities(db)
    except PrioritiesInvalid as exc:
        first = exc.issues[0] if exc.issues else exc
        raise NoPriorities(
            f"prioriteringsfilen kan inte användas och ingen tidigare giltig version är sparad "
            f"({first}); rätta den och kontrollera med `eufunds priorities check`"
        ) from exc


def crawl_step(
    db_path: Path, *, replay: bool = False, progress: Progress | None = None
) -> list[Any]:
    """Crawl every source (generated demo recordings with ``replay``) into ``db_path``."""
    from crawler.runner import crawl_sources

    if progress:
        progress(
            "samlar in "
            + (
                "genererade demoinspelningar (påhittade utlysningar)"
                if replay
                else "från alla källor"
            )
        )
    return list(crawl_sources(db_path, replay=replay))


def match_step(
    db_path: Path, *, today: date, progress: Progress | None = None
) -> tuple[Any, ActivePriorities]:
    """Score new and changed calls against the priorities in force; (stats, state)."""
    from matcher.pipeline import match_all

    db = open_db(db_path)
    link_twins(db)  # the same call from two sources is matched once, as its primary record
    state = load_state(db)
    if progress:
        progress("matchar utlysningarna mot prioriteringarna")
    stats = match_all(db, state.priorities, state.version_hash, today=today)
    if progress:
        for warning in stats.warnings:  # a department without priorities, thin terms, marks
            progress(f"varning: {warning}")
    return stats, state


def mark_day_complete(db_path: Path, today: date, finished_at: datetime) -> None:
    """Record that the crawl and the match of ``today`` finished (at ``finished_at``)."""
    db = open_db(db_path)
    value = {"day": today.isoformat(), "finished_at": finished_at.astimezone(UTC).isoformat()}
    with write_transaction(db):
        write_state(db, COMPLETE_DAY, value, utc_now())
    db.conn.close()


def completed_day(db: Any) -> tuple[date | None, datetime | None]:
    """The last day whose crawl and match both finished, and when they finished."""
    value = read_state(db, COMPLETE_DAY)
    if not value:
        return None, None
    try:
        return date.fromisoformat(value["day"]), datetime.fromisoformat(value["finished_at"])
    except (ValueError, KeyError, TypeError):
        return None, None


class DayIncomplete(EufundsError):
    """Today's crawl or match is missing or was cut short: no digest is built (exit 1)."""


@dataclass(frozen=True)
class DayState:
    """Whether ``day``'s crawl and match both ran to the end, and what is missing if not."""

    day: date
    crawl: str | None = None  # what is missing of the crawl, in Swedish; None when done
    match: str | None = None  # what is missing of the match, in Swedish; None when done

    @property
    def complete(self) -> bool:
        """Both the crawl and the match of the day ran to the end."""
        return self.crawl is None and self.match is None

    def missing(self) -> str:
        """What keeps the day from being complete, in one Swedish sentence part."""
        return "; ".join(part for part in (self.crawl, self.match) if part)

    def how_to_go_on(self) -> str:
        """The commands that complete the day."""
        if self.crawl is not None:
            return "kör `eufunds crawl` och sedan `eufunds match`"
        return "kör `eufunds match`"


def day_state(db: Any, today: date) -> DayState:
    """The rule digests are built by (docs/digests.md, one home): ``today`` is complete when
    a crawl of every source for ``today`` ended (:func:`db.crawl_runs.record_crawl`, written
    by every crawl, `eufunds crawl` and the jobs alike) and a match finished after the last
    crawl of the day that stored new or changed calls (the matcher's last scoring; a match
    with nothing to do leaves it as it was, which is then current).
    """
    from matcher.pipeline import LAST_SCORING  # the name of the matcher's own record

    crawled = crawl_day(db)
    # Runs begun after the day's crawl and never finished: killed, or running now.
    cut = unfinished_runs(db, since=crawled[1] if crawled else None)
    if cut:
        sources = ", ".join(dict.fromkeys(r["source"] for r in cut))
        crawl = (
            f"insamlingen som startade {local_time(cut[0]['started_at'])} blev inte klar "
            f"({sources}: avbruten eller pågår fortfarande)"
        )
        return DayState(today, crawl=crawl, match="ingen matchning efter den")
    if crawled is None or crawled[0] != today:
        last = f" (den senaste gällde {crawled[0].isoformat()})" if crawled else ""
        crawl = f"ingen insamling från alla källor för {today.isoformat()}{last}"
        return DayState(today, crawl=crawl, match="ingen matchning efter den")
    scored = state_written_at(db, LAST_SCORING)
    if scored is None or _moment(scored) < _moment(crawled[1]):
        return DayState(
            today,
            match=(
                "ingen matchning har blivit klar efter dagens insamling (som sparade nya eller "
                f"ändrade utlysningar {local_time(crawled[1])})"
            ),
        )
    return DayState(today)


def _moment(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def require_complete_day(db: Any, today: date) -> DayState:
    """``today``'s :func:`day_state` when it is complete; :class:`DayIncomplete` saying
    what is missing and how to go on otherwise."""
    state = day_state(db, today)
    if not state.complete:
        raise DayIncomplete(
            f"veckobreven byggs bara av en komplett dag, och {today.isoformat()} är inte "
            f"komplett: {state.missing()}; {state.how_to_go_on()}, eller bygg ändå med "
            "`eufunds digest build --ändå`"
        )
    return state


def crawl_and_match(
    db_path: Path,
    *,
    today: date,
    now: Callable[[], datetime],
    replay: bool = False,
    progress: Progress | None = None,
) -> tuple[list[Any], Any, ActivePriorities]:
    """Crawl, then match, then record the day as complete; (crawl results, stats, state).

    Only a crawl and a match that both ran to the end make a complete day: a process killed
    in between leaves the day incomplete, and the next start does both again.
    """
    results = crawl_step(db_path, replay=replay, progress=progress)
    stats, state = match_step(db_path, today=today, progress=progress)
    mark_day_complete(db_path, today, now())
    return results, stats, state


def build_step(
    db_path: Path, *, today: date, week: str | None = None, now: str | None = None
) -> tuple[list[BuildResult], ActivePriorities]:
    """Build this week's digests (once per department and week) and queue them."""
    db = open_db(db_path)
    state = load_state(db)
    results = build_digests(
        db,
        state.priorities,
        week=week or iso_week(today),
        today=today,
        now=now or utc_now(),
        warning=state.warning if state.fallback else None,
        priorities_version=state.version_hash,
    )
    return results, state


def send_step(
    db_path: Path, *, stop: threading.Event | None = None
) -> tuple[FlushResult, str, int]:
    """Deliver what is due in the outbox; (result, where it went, problem rows left).

    ``stop`` (the service's SIGTERM) ends the flush within seconds: nothing more is claimed
    and a delivery in progress is cut short.
    """
    db = open_db(db_path)
    transport = transport_from_env()
    result = flush_outbox(db, transport, stop=stop)
    return result, transport.description, len(problems(db))


def run_weekly(
    db_path: Path,
    *,
    replay: bool = False,
    today: date,
    progress: Progress | None = None,
    clock: Callable[[], datetime] | None = None,
) -> WeeklyReport:
    """The whole job once: crawl -> match -> build digests -> send.

    A failing source does not stop the job (its failure is in the digests' health note);
    an invalid priorities file with an earlier valid version goes on with that version.
    """
    report = WeeklyReport(db_path=db_path)
    # The digests come only after the day's crawl and match both finished (an exception
    # in either stops the job before any digest is built).
    report.crawl, report.match, state = crawl_and_match(
        db_path,
        today=today,
        now=clock or clock_now,
        replay=replay,
        progress=progress,
    )
    report.warning = state.warning if state.fallback else None
    if progress:
        progress(f"bygger veckobreven för vecka {iso_week(today)}")
    report.builds, _ = build_step(db_path, today=today)
    if progress:
        progress("skickar veckobreven")
    report.flush, report.delivered_to, report.problems = send_step(db_path)
    return report
