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
the end (the rule: :func:`app.weekly.day_state`; the service's own crawl and match are
recorded by :func:`app.weekly.crawl_and_match` for the catch-up); a crawl or match cut short
(a crash, SIGKILL) is done again on the next start. One service per database: it holds an
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
from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
    JobExecutionEvent,
)
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from db.crawl_runs import last_crawl_started
from db.digests import departments_by_week
from db.errors import EufundsError
from notifier.build import audiences
from notifier.weeks import iso_week

TIMEZONE = ZoneInfo("Europe/Stockholm")
CRAWL_AT = time(5, 30)  # before the working day, after the sources' nightly updates
FLUSH_EVERY = timedelta(minutes=5)
CRON_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
SUNDAY = 6


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
            "samla in från alla källor, matcha sedan nya och ändrade utlysningar",
            CronTrigger(
                hour=schedule.crawl_at.hour, minute=schedule.crawl_at.minute, timezone=TIMEZONE
            ),
            f"varje dag {schedule.crawl_at:%H:%M}",
        ),
        JobSpec(
            "digests",
            "bygg veckans veckobrev och skicka dem",
            CronTrigger(
                day_of_week=CRON_DAYS[schedule.digest_weekday],
                hour=schedule.digest_at.hour,
                minute=schedule.digest_at.minute,
                timezone=TIMEZONE,
            ),
            f"varje vecka, {DAY_NAMES[schedule.digest_weekday]} {schedule.digest_at:%H:%M}",
        ),
        JobSpec(
            "outbox",
            "skicka det som står på tur i utkorgen (nya försök med växande väntan)",
            IntervalTrigger(seconds=int(schedule.flush_every.total_seconds()), timezone=TIMEZONE),
            f"var {int(schedule.flush_every.total_seconds() // 60)}:e minut",
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


def owed_week(now: datetime, schedule: Schedule) -> str | None:
    """The ISO week whose digests are due at ``now``, or None when none is.

    The week owed is the ISO week of the scheduled send time, not of the day the digests
    are built: the week of the latest send time, while that is in the running ISO week (on
    a Monday before a Monday send time, nothing is due yet). A Sunday send time is the last
    day of its ISO week, so its week stays owed until the next Sunday's send time: when
    Sunday's crawl or match fails, the catch-up on Monday still builds and sends the week
    of that Sunday, labelled as such.
    """
    slot = last_slot(now, schedule.digest_at, schedule.digest_weekday)
    week = iso_week(slot.date())
    running = iso_week(now.astimezone(TIMEZONE).date())
    if week == running or schedule.digest_weekday == SUNDAY:
        return week
    return None


def catch_up(now: datetime, schedule: Schedule, facts: Facts) -> list[str]:
    """What to run on start, in order: ``crawl-match`` and/or ``digests``, then ``outbox``.

    - ``crawl-match`` when no crawl *and* match finished since the last daily crawl time (a
      crawl that started but whose match was cut short counts as not done);
    - ``digests`` when a week is owed (:func:`owed_week`: its digest time has passed) and a
      digest of that week is missing (the build is idempotent: departments already served
      are left alone);
    - ``outbox`` always (it only sends what is due).
    """
    actions = []
    if facts.complete_at is None or facts.complete_at < last_slot(now, schedule.crawl_at):
        actions.append("crawl-match")
    week = owed_week(now, schedule)
    if week is not None and week not in facts.complete_weeks:
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


class AlreadyRunning(EufundsError):
    """Another ``eufunds serve`` holds the database (exit 1); the message names it."""


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
            f"en annan `eufunds serve` (pid {holder}) kör redan på {db_path}; en tjänst per "
            "databas: stoppa den först, eller peka EUFUNDS_DB på en annan databas"
        ) from exc
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle


class Service:
    """The scheduler around the job functions; ``jobs`` maps a job id to its function.

    A job that raises is reported with its traceback through apscheduler's event listener
    (:meth:`_on_event`) and the service goes on; a missed run is reported the same way.
    """

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
        self.idle = threading.Event()  # no job running
        self.idle.set()
        self.exit_code = 0
        # Called after each job: a message when the service must stop (its database is gone).
        self.check: Callable[[], str | None] = lambda: None
        self._actions: dict[str, str] = {}  # apscheduler job id -> the job it runs
        # One worker: jobs never overlap (they share the SQLite file and the outbox). The
        # scheduler runs in its own thread; the main thread waits in start() and does the
        # stopping, so a signal only sets a flag, whenever it comes.
        self.scheduler = BackgroundScheduler(
            timezone=TIMEZONE,
            executors={"default": ThreadPoolExecutor(max_workers=1)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        )
        self.scheduler.add_listener(
            self._on_event, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED
        )
        for spec in job_specs(schedule):
            self._actions[spec.id] = spec.id
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
        self.idle.clear()
        self.log(f"jobb {job_id}: startar")
        try:
            self.jobs[job_id]()  # a failure reaches _on_event with its traceback
        finally:
            problem = self.check()
            if problem:
                self.log(f"fel: {problem}; stoppar")
                self.exit_code = 1
                self.stop()
            self.idle.set()

    def _on_event(self, event: JobExecutionEvent) -> None:
        """Report each job's end: done, failed (with its traceback) or missed."""
        job = self._actions.get(event.job_id, event.job_id)
        if event.code == EVENT_JOB_EXECUTED:
            self.log(f"jobb {job}: klart")
        elif event.code == EVENT_JOB_ERROR:
            exc = event.exception
            trace = (event.traceback or "").rstrip()
            self.log(
                f"jobb {job}: misslyckades: {type(exc).__name__}: {exc}"
                + (f"\nTraceback (most recent call last):\n{trace}" if trace else "")
            )
        elif event.code == EVENT_JOB_MISSED:
            self.log(f"jobb {job}: missad körning {event.scheduled_run_time}; körs vid nästa tid")

    def run_catch_up(self, actions: list[str]) -> None:
        """Queue the catch-up actions to run now, in order, on the job worker (each its own
        run, so that one failing does not keep the others from running)."""
        for number, action in enumerate(actions, start=1):
            job_id = f"ikapp-{number}-{action}"
            self._actions[job_id] = action
            self.scheduler.add_job(
                self._guarded,
                args=[action],
                id=job_id,
                name=f"hämta ikapp: {action}",
                misfire_grace_time=None,
            )

    def stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        """Stop after the running job (if any); the SIGTERM/SIGINT handler.

        Only sets a flag, so it is safe at any moment: before the scheduler runs (the signal
        may come while the service is still starting), inside a job, from another thread.
        :meth:`start` sees it and stops the scheduler on the main thread.
        """
        self.stopping.set()

    def handle_signals(self) -> None:
        """Make SIGTERM and SIGINT stop the service between jobs (call before announcing it)."""
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)

    def start(self) -> None:
        """Run until SIGTERM or SIGINT (or :meth:`stop`); returns after the running job
        finished."""
        self.handle_signals()
        if not self.stopping.is_set():  # a signal before this point: never start
            self.scheduler.start()  # the jobs run on the scheduler's worker thread
            while not self.stopping.wait(timeout=1):
                pass
        self.log("stoppar: väntar på att jobbet som körs blir klart")
        if self.scheduler.running:
            # No job is handed to the worker any more; one already handed over sees
            # ``stopping`` and does nothing. Then wait for the running job.
            self.scheduler.remove_all_jobs()
            self.scheduler.shutdown(wait=True)
        self.idle.wait()
        self.log("stoppad")
