"""``eufunds serve``: the jobs on a clock (apscheduler 3.11, Europe/Stockholm).

- crawl + match every day early in the morning;
- build + send the digests weekly at the priorities file's ``utskick`` day and time
  (Monday 07:00 by default);
- flush the outbox every few minutes.

Jobs live in memory (no job store): on start the service looks at the database and catches
up what it missed while it was down (:func:`catch_up`, a pure function of the time and what
the database says). Every job is idempotent, so catching up never does anything twice.
One job runs at a time; SIGTERM lets the running job finish and starts no other.

A digest is built only from a complete day: the crawl and the match of the day both ran to
the end (recorded by :func:`app.weekly.crawl_and_match`); a crawl or match cut short (a
crash, SIGKILL) is done again on the next start. One service per database: it holds an
advisory lock (:func:`serve_lock`) that the operating system releases when it dies.
"""

from __future__ import annotations

import fcntl
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from types import FrameType
from typing import IO, Any
from zoneinfo import ZoneInfo

import sqlite_utils
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from db.crawl_runs import last_crawl_started
from db.digests import departments_by_week
from notifier.build import audiences
from notifier.weeks import iso_week, week_monday

TIMEZONE = ZoneInfo("Europe/Stockholm")
CRAWL_AT = time(5, 30)  # before the working day, after the sources' nightly updates
FLUSH_EVERY = timedelta(minutes=5)
CRON_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Schedule:
    """When the jobs run, in Swedish local time."""

    digest_weekday: int = 0  # 0 Monday … 6 Sunday
    digest_at: time = time(7, 0)
    crawl_at: time = CRAWL_AT
    flush_every: timedelta = FLUSH_EVERY

    @classmethod
    def from_priorities(cls, priorities: Any) -> Schedule:
        """The digest day and time from the priorities file's ``utskick`` section."""
        digest = priorities.digest
        return cls(digest_weekday=digest.weekday_index, digest_at=time(digest.hour, digest.minute))


@dataclass(frozen=True)
class Facts:
    """What the database says, as far as catching up is concerned."""

    last_crawl_at: datetime | None  # start of the latest crawl (any source), aware
    complete_weeks: frozenset[str]  # ISO weeks whose digests are all built
    complete_at: datetime | None = None  # when the latest crawl + match both finished


@dataclass(frozen=True)
class JobSpec:
    """One scheduled job: its id, what it does and when."""

    id: str
    name: str
    trigger: BaseTrigger
    when: str  # the trigger for people: "måndag 07:00"


def job_specs(schedule: Schedule) -> list[JobSpec]:
    """The three recurring jobs with their triggers."""
    return [
        JobSpec(
            "crawl-match",
            "crawl every source, then match new and changed calls",
            CronTrigger(
                hour=schedule.crawl_at.hour, minute=schedule.crawl_at.minute, timezone=TIMEZONE
            ),
            f"daily {schedule.crawl_at:%H:%M}",
        ),
        JobSpec(
            "digests",
            "build this week's digests and send them",
            CronTrigger(
                day_of_week=CRON_DAYS[schedule.digest_weekday],
                hour=schedule.digest_at.hour,
                minute=schedule.digest_at.minute,
                timezone=TIMEZONE,
            ),
            f"weekly, {DAY_NAMES[schedule.digest_weekday]} {schedule.digest_at:%H:%M}",
        ),
        JobSpec(
            "outbox",
            "send what is due in the outbox (retries with back-off)",
            IntervalTrigger(seconds=int(schedule.flush_every.total_seconds()), timezone=TIMEZONE),
            f"every {int(schedule.flush_every.total_seconds() // 60)} minutes",
        ),
    ]


def next_runs(schedule: Schedule, now: datetime) -> list[tuple[JobSpec, datetime | None]]:
    """Each job with its next run time after ``now`` (aware)."""
    result: list[tuple[JobSpec, datetime | None]] = []
    for spec in job_specs(schedule):
        if isinstance(spec.trigger, IntervalTrigger):
            # An interval counts from the start of the service.
            result.append((spec, now.astimezone(TIMEZONE) + schedule.flush_every))
        else:
            result.append((spec, spec.trigger.get_next_fire_time(None, now)))
    return result


def last_slot(now: datetime, at: time, weekday: int | None = None) -> datetime:
    """The latest moment ≤ ``now`` at local time ``at`` (on ``weekday`` if given)."""
    local = now.astimezone(TIMEZONE)
    day = local.date()
    for _ in range(8):
        candidate = datetime.combine(day, at, tzinfo=TIMEZONE)
        if candidate <= local and (weekday is None or day.weekday() == weekday):
            return candidate
        day -= timedelta(days=1)
    raise AssertionError("a slot always exists within a week")


def catch_up(now: datetime, schedule: Schedule, facts: Facts) -> list[str]:
    """What to run on start, in order: ``crawl-match`` and/or ``digests``, then ``outbox``.

    - ``crawl-match`` when no crawl *and* match finished since the last daily crawl time (a
      crawl that started but whose match was cut short counts as not done);
    - ``digests`` when this week's digest time has passed and a digest of this week is
      missing (the build is idempotent: departments already served are left alone);
    - ``outbox`` always (it only sends what is due).
    """
    actions = []
    if facts.complete_at is None or facts.complete_at < last_slot(now, schedule.crawl_at):
        actions.append("crawl-match")
    local = now.astimezone(TIMEZONE)
    week = iso_week(local.date())
    monday = week_monday(week)
    digest_time = datetime.combine(
        monday + timedelta(days=schedule.digest_weekday), schedule.digest_at, tzinfo=TIMEZONE
    )
    if local >= digest_time and week not in facts.complete_weeks:
        actions.append("digests")
    actions.append("outbox")
    return actions


def read_facts(db: sqlite_utils.Database, priorities: Any) -> Facts:
    """The :class:`Facts` for :func:`catch_up` from the database."""
    started = last_crawl_started(db)
    last = datetime.fromisoformat(started) if started else None
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=ZoneInfo("UTC"))
    wanted = {d for d, _name, recipients in audiences(priorities) if recipients}
    built = departments_by_week(db)
    complete = frozenset(w for w, departments in built.items() if wanted <= departments)
    from app.weekly import completed_day

    return Facts(last, complete, completed_day(db)[1])


class AlreadyRunning(Exception):
    """Another ``eufunds serve`` holds the database; the message names it."""


def serve_lock(db_path: Path) -> IO[str]:
    """Take the one-service lock of ``db_path`` (``<db>.serve.lock`` next to it) or raise
    :class:`AlreadyRunning`. Keep the returned file open while serving: the operating
    system releases the lock when the process ends, however it ends (even SIGKILL)."""
    lock_path = db_path.with_name(db_path.name + ".serve.lock")
    handle = lock_path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.seek(0)
        holder = handle.read().strip() or "?"
        handle.close()
        raise AlreadyRunning(
            f"another `eufunds serve` (pid {holder}) is already running on {db_path}; "
            "one service per database: stop it first, or point EUFUNDS_DB elsewhere"
        ) from exc
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle


class Service:
    """The scheduler around the job functions; ``jobs`` maps a job id to its function."""

    def __init__(
        self,
        schedule: Schedule,
        jobs: dict[str, Callable[[], Any]],
        log: Callable[[str], None],
    ) -> None:
        self.schedule = schedule
        self.jobs = jobs
        self.log = log
        self.stopping = threading.Event()
        self.exit_code = 0
        # Called after each job: a message when the service must stop (its database is gone).
        self.check: Callable[[], str | None] = lambda: None
        # One worker: jobs never overlap (they share the SQLite file and the outbox).
        self.scheduler = BlockingScheduler(
            timezone=TIMEZONE,
            executors={"default": ThreadPoolExecutor(max_workers=1)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        )
        for spec in job_specs(schedule):
            self.scheduler.add_job(
                self._guarded,
                spec.trigger,
                args=[spec.id],
                id=spec.id,
                name=spec.name,
                replace_existing=True,
                coalesce=True,  # after downtime, one run instead of a backlog
                max_instances=1,
                # The digests must go out however late the service wakes up.
                misfire_grace_time=None if spec.id == "digests" else 3600,
            )

    def _guarded(self, job_id: str) -> None:
        if self.stopping.is_set():
            return  # asked to stop: start nothing new
        self.log(f"job {job_id}: start")
        try:
            self.jobs[job_id]()
        except Exception as exc:  # a failed job must not stop the service
            self.log(f"job {job_id}: failed: {type(exc).__name__}: {exc}")
        else:
            self.log(f"job {job_id}: done")
        problem = self.check()
        if problem:
            self.log(f"error: {problem}; stopping")
            self.exit_code = 1
            self.stop()

    def run_catch_up(self, actions: list[str]) -> None:
        """Queue the catch-up actions to run now, in order, on the job worker."""
        if actions:
            self.scheduler.add_job(
                self._catch_up, args=[actions], id="catch-up", name="catch up after downtime"
            )

    def _catch_up(self, actions: list[str]) -> None:
        for action in actions:
            self._guarded(action)

    def stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        """Stop after the running job (if any); used as the SIGTERM/SIGINT handler."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        self.log("stopping: waiting for the running job to finish")
        self.scheduler.shutdown(wait=False)

    def handle_signals(self) -> None:
        """Make SIGTERM and SIGINT stop the service between jobs (call before announcing it)."""
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)

    def start(self) -> None:
        """Run until SIGTERM or SIGINT; returns after the running job finished."""
        self.handle_signals()
        self.scheduler.start()  # blocks until shutdown
        # Wait for a job still running (the worker finishes it; nothing new starts).
        executor = self.scheduler._executors.get("default")
        pool = getattr(executor, "_pool", None)
        if pool is not None:
            pool.shutdown(wait=True)
        self.log("stopped")
