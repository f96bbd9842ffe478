"""The scheduler: job wiring, catch-up after downtime with a frozen clock, SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time as clock
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.scheduler import (
    TIMEZONE,
    Facts,
    Schedule,
    Service,
    catch_up,
    next_runs,
    owed_week,
    read_facts,
)
from app.weekly import mark_day_complete
from db import open_db
from notifier.build import build_digests
from tests.notifier_world import NOW, PRIORITIES, REPO, TODAY, WEEK, crawl_run, priorities

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(text: str) -> datetime:
    """A Swedish local time, e.g. '2026-04-06 09:00'."""
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


MONDAY = Schedule()  # Monday 07:00, crawl 05:30


@pytest.mark.parametrize(
    ("now", "last_crawl", "complete", "expected"),
    [
        # Monday 09:00, crawled this morning, digests of week 15 not built: build them.
        ("2026-04-06 09:00", "2026-04-06 05:31", set(), ["digests", "outbox"]),
        # ... already built: nothing but the outbox.
        ("2026-04-06 09:00", "2026-04-06 05:31", {"2026-W15"}, ["outbox"]),
        # Monday 06:00 after a weekend down: crawl, but the digests are not due until 07:00.
        ("2026-04-06 06:00", "2026-04-03 05:30", set(), ["crawl-match", "outbox"]),
        # Down from Friday to Wednesday: crawl first, then this week's digests.
        (
            "2026-04-08 10:00",
            "2026-04-03 05:30",
            {"2026-W14"},
            ["crawl-match", "digests", "outbox"],
        ),
        # Sunday night, week 15 done long ago: nothing to catch up (crawled Sunday morning).
        ("2026-04-12 23:59", "2026-04-12 05:30", {"2026-W15"}, ["outbox"]),
        # Never crawled, first start ever on a Sunday: crawl; last week's digest is not made.
        ("2026-04-05 12:00", None, set(), ["crawl-match", "digests", "outbox"]),
        # After the change to summer time (29 March 2026), local times still hold.
        ("2026-03-30 07:00", "2026-03-30 05:30", set(), ["digests", "outbox"]),
        ("2026-03-30 06:59", "2026-03-30 05:30", set(), ["outbox"]),
    ],
)
def test_catch_up_with_a_frozen_clock(
    now: str, last_crawl: str | None, complete: set[str], expected: list[str]
) -> None:
    # Here every crawl also finished its match (the day is complete when it ends).
    last = at(last_crawl) if last_crawl else None
    facts = Facts(last, frozenset(complete), last)
    assert catch_up(at(now), MONDAY, facts) == expected


SUNDAY = Schedule(digest_weekday=6)  # Sunday 07:00: the last day of its ISO week


@pytest.mark.parametrize(
    ("now", "complete", "expected", "owed"),
    [
        # Sunday 12 April 09:00, week 15's digests not built: build them.
        ("2026-04-12 09:00", {"2026-W14"}, ["digests", "outbox"], "2026-W15"),
        # Sunday before 07:00: week 14's went out last Sunday, nothing is due.
        ("2026-04-12 06:59", {"2026-W14"}, ["outbox"], "2026-W14"),
        # That Sunday's crawl and match failed; Monday (ISO week 16) catches week 15 up.
        ("2026-04-13 09:00", {"2026-W14"}, ["digests", "outbox"], "2026-W15"),
        # ... and still on Saturday, until the next Sunday's time.
        ("2026-04-18 23:00", {"2026-W14"}, ["digests", "outbox"], "2026-W15"),
        # Week 15 sent on its Sunday: the Monday after owes nothing.
        ("2026-04-13 09:00", {"2026-W14", "2026-W15"}, ["outbox"], "2026-W15"),
        # The next Sunday's time: week 16.
        ("2026-04-19 07:00", {"2026-W14", "2026-W15"}, ["digests", "outbox"], "2026-W16"),
    ],
)
def test_a_sunday_send_day_owes_its_own_week_after_the_iso_week_ends(
    now: str, complete: set[str], expected: list[str], owed: str
) -> None:
    # Crawled and matched this morning (Monday's crawl-match succeeded).
    today = at(now).date().isoformat()
    facts = Facts(at(f"{today} 05:30"), frozenset(complete), at(f"{today} 05:40"))
    assert catch_up(at(now), SUNDAY, facts) == expected
    assert owed_week(at(now), SUNDAY) == owed


def test_other_send_days_owe_only_the_running_week() -> None:
    # Unchanged for Monday to Saturday: before this week's time nothing is due, whatever
    # last week missed (the week ends with its ISO week).
    assert owed_week(at("2026-04-06 06:59"), MONDAY) is None
    assert owed_week(at("2026-04-06 07:00"), MONDAY) == "2026-W15"
    assert owed_week(at("2026-04-12 23:59"), MONDAY) == "2026-W15"
    saturday = Schedule(digest_weekday=5, digest_at=time(9, 0))
    assert owed_week(at("2026-04-11 08:59"), saturday) is None
    assert owed_week(at("2026-04-12 20:00"), saturday) == "2026-W15"
    assert owed_week(at("2026-04-13 09:00"), saturday) is None


def test_a_crawl_whose_match_was_cut_short_is_done_again_before_the_digests() -> None:
    # Killed during this morning's match: the crawl started at 05:30, but the last
    # complete day is Friday. The start redoes crawl and match, then builds the digests.
    facts = Facts(at("2026-04-06 05:30"), frozenset(), at("2026-04-03 05:50"))
    assert catch_up(at("2026-04-06 09:00"), MONDAY, facts) == ["crawl-match", "digests", "outbox"]
    # Never a complete day at all (the first start was killed during its match).
    facts = Facts(at("2026-04-06 05:30"), frozenset(), None)
    assert catch_up(at("2026-04-06 09:00"), MONDAY, facts)[0] == "crawl-match"


def test_catch_up_follows_the_priorities_file_day_and_time() -> None:
    wednesday = Schedule(digest_weekday=2, digest_at=time(8, 30))
    facts = Facts(at("2026-04-07 05:30"), frozenset(), at("2026-04-07 05:50"))
    assert catch_up(at("2026-04-07 10:00"), wednesday, facts) == ["outbox"]  # Tuesday
    assert catch_up(at("2026-04-08 08:29"), wednesday, facts)[-2:] != ["digests", "outbox"]
    assert "digests" in catch_up(at("2026-04-08 08:30"), wednesday, facts)


def test_catch_up_is_decided_from_what_the_database_says(db_path: Path) -> None:
    db = open_db(db_path)
    p = priorities()
    crawl_run(db, "sedia", True, "2026-04-06T03:31:00+00:00")  # 05:31 in Stockholm
    facts = read_facts(db, p)
    assert facts.last_crawl_at == at("2026-04-06 05:31")
    assert facts.complete_weeks == frozenset()
    # Crawled, but the match never finished: not a complete day.
    assert facts.complete_at is None
    assert catch_up(at("2026-04-06 09:00"), MONDAY, facts)[0] == "crawl-match"
    mark_day_complete(db_path, TODAY, at("2026-04-06 05:40"))
    facts = read_facts(db, p)
    assert facts.complete_at == at("2026-04-06 05:40")
    assert catch_up(at("2026-04-06 09:00"), MONDAY, facts) == ["digests", "outbox"]
    build_digests(db, p, week=WEEK, today=TODAY, now=NOW)
    facts = read_facts(db, p)
    assert facts.complete_weeks == {WEEK}
    assert catch_up(at("2026-04-06 09:00"), MONDAY, facts) == ["outbox"]
    # A department added to the file later makes the week incomplete again: its digest is
    # built on the next catch-up, the others are left alone (the build is idempotent).
    gone = "(select id from digests where department = 'utbildning')"
    db.execute(f"delete from outbox where digest_id in {gone}")
    db.execute(f"delete from digest_items where digest_id in {gone}")
    db.execute("delete from digests where department = 'utbildning'")
    db.conn.commit()
    assert read_facts(db, p).complete_weeks == frozenset()
    again = build_digests(db, p, week=WEEK, today=TODAY, now=NOW)
    assert [r.department for r in again if r.created] == ["utbildning"]


def test_job_wiring() -> None:
    service = Service(
        Schedule.from_priorities(priorities()),
        {"crawl-match": lambda: None, "digests": lambda: None, "outbox": lambda: None},
        lambda message: None,
    )
    jobs = {job.id: job for job in service.scheduler.get_jobs()}
    assert set(jobs) == {"crawl-match", "digests", "outbox"}
    assert str(jobs["digests"].trigger) == "cron[day_of_week='mon', hour='7', minute='0']"
    assert str(jobs["crawl-match"].trigger) == "cron[hour='5', minute='30']"
    assert str(jobs["outbox"].trigger) == "interval[0:05:00]"
    assert jobs["digests"].misfire_grace_time is None  # however late: the digests go out
    assert all(j.coalesce and j.max_instances == 1 for j in jobs.values())
    assert service.scheduler.timezone == TIMEZONE
    runs = {spec.id: when for spec, when in next_runs(service.schedule, at("2026-04-06 09:00"))}
    assert runs["digests"] == at("2026-04-13 07:00")
    assert runs["crawl-match"] == at("2026-04-07 05:30")


def test_catch_up_runs_in_order_and_a_failed_job_is_logged_with_its_traceback() -> None:
    """Each catch-up action is its own run on the one worker, in order; a job that raises
    is reported through apscheduler's event listener with its traceback, in Swedish, and
    the next job still runs."""
    done: list[str] = []
    log: list[str] = []

    def digests() -> None:
        done.append("digests")
        raise RuntimeError("SMTP-servern svarar inte")

    def outbox() -> None:
        done.append("outbox")
        service.stop()

    service = Service(
        MONDAY,
        {"crawl-match": lambda: done.append("crawl-match"), "digests": digests, "outbox": outbox},
        log.append,
    )
    service.run_catch_up(["crawl-match", "digests", "outbox"])
    safety = threading.Timer(60, service.stop)  # never hang the suite
    safety.start()
    handlers = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    try:
        service.start()  # returns after the outbox job stopped it
    finally:
        safety.cancel()
        signal.signal(signal.SIGTERM, handlers[0])
        signal.signal(signal.SIGINT, handlers[1])
    assert done == ["crawl-match", "digests", "outbox"]
    failed = next(line for line in log if line.startswith("jobb digests: misslyckades"))
    assert "RuntimeError: SMTP-servern svarar inte" in failed
    assert "Traceback (most recent call last)" in failed and "in digests" in failed
    assert "jobb crawl-match: klart" in log and log[-1] == "stoppad"
    service.stopping.set()  # after SIGTERM nothing new starts
    service._guarded("outbox")
    assert done == ["crawl-match", "digests", "outbox"]


def test_sigterm_stops_serve_cleanly(db_path: Path, tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    env = {
        **os.environ,
        "EUFUNDS_DB": str(db_path),
        "EUFUNDS_PRIORITIES": str(PRIORITIES),
        "EUFUNDS_OUTBOX_DIR": str(tmp_path / "outbox"),
    }
    env.pop("EUFUNDS_SMTP_HOST", None)
    with log.open("wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "-c", "from app.cli import main; main()", "serve", "--no-catch-up"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=handle,
        )
        try:
            for _ in range(1800):  # up to 3 minutes on a loaded machine
                if b"eufunds serve: databas" in log.read_bytes() or process.poll() is not None:
                    break
                clock.sleep(0.1)
            process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
    output = log.read_text(encoding="utf-8")
    assert code == 0, output
    assert "stoppad" in output and "Traceback" not in output
