"""Faults of the service, replayed with real processes: kill -9 during matching, two `serve`
on one database, SIGTERM against a mail server that never answers, a database deleted
under a running match, a full disk, concurrent imports, a database busy for too long.

Each test states what must hold afterwards: nothing lost, nothing sent empty or twice, one
line instead of a traceback. The clock is frozen on Monday 2026-04-06 09:00 (ISO week 15,
after the digest time), every source points at a closed port on loopback.
"""

from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from app.scheduler import Schedule, Service
from app.weekly import mark_day_complete
from db import open_db
from db.crawl_runs import record_crawl
from db.state import write_state_text
from matcher.pipeline import LAST_SCORING
from notifier.build import build_digests
from tests.notifier_world import (
    CALLS,
    ENERGY_PREMISES,
    PRIORITIES,
    REPO,
    TODAY,
    WEEK,
    add_match,
    fixture_calls,
    priorities,
    store,
)
from tests.notifier_world import NOW as BUILT_AT
from tests.smtp_server import SmtpServer
from tests.test_faults_support import (
    NOW,
    StallingHandler,
    eufunds,
    one_line_error,
    service_env,
    start_serve,
    wait_until,
)

RECIPIENTS = sorted(
    [
        "eu.miljo@linkoping.example",
        "eu.samordnare@linkoping.example",
        "eu.utbildning@linkoping.example",
        "miljochef@linkoping.example",
    ]
)


def rows(db_file: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db_file)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_serve_killed_during_matching_redoes_the_match_and_sends_each_digest_once_full(
    tmp_path: Path,
) -> None:
    server = SmtpServer().start()
    try:
        env = service_env(tmp_path, **server.env())
        db_file = Path(env["EUFUNDS_DB"])
        assert eufunds(env, "import-calls", str(CALLS), "--source", "corpus").returncode == 0

        first = start_serve(env, tmp_path / "serve-1.log")
        try:
            first.wait_for("matchar utlysningarna mot prioriteringarna")
            first.process.send_signal(signal.SIGKILL)  # kill -9 in the middle of matching
            first.process.wait(timeout=30)
        finally:
            first.kill()
        # Crawled, never matched: no digest may exist yet, and the day is not complete.
        assert rows(db_file, "select count(*) from digests") == [(0,)]
        assert rows(db_file, "select count(*) from outbox") == [(0,)]
        assert rows(db_file, "select count(*) from crawl_runs")[0][0] > 0
        assert not rows(db_file, "select 1 from matcher_state where name = 'complete_day'")

        second = start_serve(env, tmp_path / "serve-2.log")
        try:
            log = second.wait_for("jobb outbox: klart", timeout=180)
            assert second.terminate() == 0, second.text()
        finally:
            second.kill()
        # "jobb outbox: klart" is the catch-up's last job: crawl-match (which builds and
        # sends the week still owed once the day is complete), then digests, then outbox.
        # The interval's own outbox run comes five minutes after the start at the earliest.
        # A failure below shows the service's log: it says which job failed and why.
        assert "hämtar ikapp: crawl-match, digests, outbox" in log, log
        assert "Traceback" not in log, log

        digests = rows(db_file, "select department, new_count from digests order by department")
        assert [d for d, _ in digests] == ["_samordnare", "miljo", "utbildning"], log
        assert all(new > 0 for _, new in digests), digests  # never "inga nya" after a crash
        assert rows(db_file, "select distinct status from outbox") == [("sent",)]
        received = sorted(r.rcpt_tos[0] for r in server.received)
        assert received == RECIPIENTS  # each digest once, to each recipient once
        ids = [r.message["Message-ID"] for r in server.received]
        assert len(set(ids)) == len(ids)
    finally:
        server.stop()


def test_a_sunday_week_whose_crawl_failed_is_sent_on_the_monday_after(tmp_path: Path) -> None:
    """Digests go out on Sundays at 07:00. Sunday 12 April's crawl and match failed; Monday
    13 April's (ISO week 16) completed. A start that Monday still builds and sends week 15,
    the week of the Sunday it was due, not week 16."""
    sunday = tmp_path / "prioriteringar.yaml"
    text = PRIORITIES.read_text(encoding="utf-8")
    assert "veckodag: måndag" in text
    sunday.write_text(text.replace("veckodag: måndag", "veckodag: söndag"), encoding="utf-8")
    env = service_env(
        tmp_path,
        EUFUNDS_PRIORITIES=str(sunday),
        EUFUNDS_TODAY="2026-04-13",
        EUFUNDS_NOW="2026-04-13T09:00:00+02:00",
    )
    db_file = Path(env["EUFUNDS_DB"])
    db = open_db(db_file)
    call = fixture_calls([ENERGY_PREMISES])[ENERGY_PREMISES]
    store(db, [call])
    add_match(db, call, score=0.9)
    # Week 14 went out on its Sunday, 5 April.
    build_digests(db, priorities(), week="2026-W14", today=date(2026, 4, 5), now=BUILT_AT)
    db.execute("update outbox set status = 'sent'")
    # Monday's crawl of every source and the match after it: a complete day.
    with db.atomic():
        record_crawl(
            db, date(2026, 4, 13), every_source=True, stored=1, now="2026-04-13T03:30:00+00:00"
        )
        write_state_text(db, LAST_SCORING, "scored", "2026-04-13T03:40:00+00:00")
    db.conn.close()
    mark_day_complete(db_file, date(2026, 4, 13), datetime.fromisoformat("2026-04-13T05:40+02:00"))

    serve = start_serve(env, tmp_path / "serve.log")
    try:
        log = serve.wait_for("jobb outbox: klart", timeout=120)
        assert serve.terminate() == 0, serve.text()
    finally:
        serve.kill()
    assert "hämtar ikapp: digests, outbox" in log, log
    assert "veckobrev byggda för vecka 2026-W15: 3" in log, log
    built = rows(db_file, "select distinct iso_week from digests order by iso_week")
    assert built == [("2026-W14",), ("2026-W15",)]
    sent = sorted(p.name for p in (tmp_path / "outbox" / "2026-W15").glob("*.eml"))
    assert len(sent) == len(RECIPIENTS), sent
    assert not (tmp_path / "outbox" / "2026-W16").exists()


def test_a_second_serve_refuses_and_the_lock_dies_with_its_holder(tmp_path: Path) -> None:
    env = service_env(tmp_path)
    first = start_serve(env, tmp_path / "serve-1.log", "--no-catch-up")
    try:
        first.wait_for("eufunds serve: databas")
        twin = eufunds(env, "serve", "--no-web", "--no-catch-up", timeout=60)
        assert twin.returncode == 1
        assert one_line_error(twin.stderr), twin.stderr
        assert "kör redan" in twin.stderr and f"pid {first.process.pid}" in twin.stderr
        assert "eufunds serve: database" not in twin.stderr  # it never started its jobs
        first.process.send_signal(signal.SIGKILL)  # the holder dies without cleaning up
        first.process.wait(timeout=30)
    finally:
        first.kill()
    again = start_serve(env, tmp_path / "serve-2.log", "--no-catch-up")
    try:
        again.wait_for("eufunds serve: databas")  # the operating system freed the lock
        assert again.terminate() == 0
    finally:
        again.kill()


def _queue_four_digests(db_file: Path) -> None:
    db = open_db(db_file)
    call = fixture_calls([ENERGY_PREMISES])[ENERGY_PREMISES]
    store(db, [call])
    add_match(db, call, score=0.9)
    build_digests(db, priorities(), week=WEEK, today=TODAY, now=BUILT_AT)
    assert db["outbox"].count == 4
    db.conn.close()
    mark_day_complete(db_file, TODAY, datetime.fromisoformat(NOW))  # no crawl on start


def test_sigterm_against_a_stalled_mail_server_stops_serve_within_seconds(
    tmp_path: Path,
) -> None:
    server = SmtpServer()
    handler = StallingHandler(stall=60)
    server.handler = handler
    server.start()
    try:
        env = service_env(tmp_path, **server.env())
        db_file = Path(env["EUFUNDS_DB"])
        _queue_four_digests(db_file)
        serve = start_serve(env, tmp_path / "serve.log")
        try:
            serve.wait_for("hämtar ikapp: outbox")
            wait_until(lambda: handler.data_seen == 1, timeout=60)
            started = time.monotonic()
            code = serve.terminate(timeout=60)
            took = time.monotonic() - started
        finally:
            serve.kill()
        log = serve.text()
        assert code == 0 and "Traceback" not in log, log
        assert took < 15, f"SIGTERM took {took:.1f} s"  # was ~30 s per queued message
        assert handler.data_seen == 1  # nothing else was tried while stopping
        states = rows(db_file, "select status, attempts from outbox order by id")
        assert states[0] == ("unconfirmed", 1)  # it may have arrived: not resent blindly
        assert states[1:] == [("pending", 0)] * 3  # untouched, sent by the next run
    finally:
        server.stop()


def test_sigterm_while_serve_is_still_starting_stops_it_cleanly() -> None:
    """SIGTERM can come before the scheduler runs: `serve` says it is up, then starts its
    web view and only then the scheduler. The handler only asks to stop: no traceback
    (it used to stop a scheduler not yet running), nothing starts, start() returns."""
    ran: list[str] = []
    service = Service(
        Schedule(),
        {job: (lambda job=job: ran.append(job)) for job in ("crawl-match", "digests", "outbox")},
        lambda message: None,
    )
    service.run_catch_up(["crawl-match", "digests", "outbox"])
    handlers = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    try:
        service.handle_signals()
        signal.raise_signal(signal.SIGTERM)  # the handler runs here, before start()
        started = time.monotonic()
        service.start()
        took = time.monotonic() - started
    finally:
        signal.signal(signal.SIGTERM, handlers[0])
        signal.signal(signal.SIGINT, handlers[1])
    assert ran == []  # asked to stop before anything ran: nothing runs
    assert took < 10 and not service.scheduler.running


def _holds_open(pid: int, db_file: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(link.resolve() == db_file.resolve() for link in fds.iterdir())
    except OSError:
        return False


def test_database_deleted_during_match_is_an_error_not_a_silent_success(tmp_path: Path) -> None:
    env = service_env(tmp_path)
    db_file = Path(env["EUFUNDS_DB"])
    few = tmp_path / "few.jsonl"  # a short match: the model loads, three calls are embedded
    few.write_text("\n".join(CALLS.read_text(encoding="utf-8").splitlines()[:3]) + "\n")
    assert eufunds(env, "import-calls", str(few), "--source", "corpus").returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-c", "from app.cli import main; main()", "match"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: _holds_open(process.pid, db_file), timeout=60)
        for suffix in ("", "-wal", "-shm"):
            Path(str(db_file) + suffix).unlink(missing_ok=True)
        _out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 1, err
    assert one_line_error(err) and "togs bort eller byttes ut" in err, err


def _limit_file_size(size: int) -> Callable[[], None]:
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.mark.parametrize(
    ("command", "room"),
    [
        # Room for the shared-memory file (32 kB) and a few pages of the write-ahead log:
        # the disk fills half-way through the import or the build.
        (["import-calls", "{more}", "--source", "more"], 40_000),
        (["digest", "build", "--ändå"], 40_000),  # imported, never crawled: anyway
        # Too little room even to open the database for writing.
        (["mark", "corpus:" + ENERGY_PREMISES, "--as", "interested", "--by", "test"], 16_000),
    ],
    ids=["import", "build", "mark"],
)
def test_a_full_disk_is_one_line_and_loses_nothing(
    tmp_path: Path, command: list[str], room: int
) -> None:
    env = service_env(tmp_path)
    db_file = Path(env["EUFUNDS_DB"])
    assert eufunds(env, "import-calls", str(CALLS), "--source", "corpus").returncode == 0
    more = tmp_path / "more.jsonl"
    more.write_text(CALLS.read_text(encoding="utf-8") * 20, encoding="utf-8")
    args = [str(more) if a == "{more}" else a for a in command]
    before = rows(db_file, "select id, content_hash from calls order by id")
    full = eufunds(env, *args, preexec_fn=_limit_file_size(room))
    assert full.returncode == 1, full.stderr
    assert one_line_error(full.stderr), full.stderr
    assert "disk" in full.stderr or "full" in full.stderr, full.stderr
    assert rows(db_file, "select id, content_hash from calls order by id") == before
    assert rows(db_file, "pragma integrity_check") == [("ok",)]
    again = eufunds(env, *args)  # space again: the same command simply works
    assert again.returncode == 0, again.stderr


def test_three_imports_at_once_all_succeed(tmp_path: Path) -> None:
    env = service_env(tmp_path)
    db_file = Path(env["EUFUNDS_DB"])
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from app.cli import main; main()",
                "import-calls",
                str(CALLS),
                "--source",
                source,
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for source in ("a", "b", "a")
    ]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in runs]
    for p in runs:
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()
    assert [code for code, _ in results] == [0, 0, 0], results
    assert not any("locked" in err for _, err in results)
    count = len(CALLS.read_text(encoding="utf-8").splitlines())
    assert rows(db_file, "select count(*) from calls") == [(2 * count,)]


def test_a_database_busy_too_long_is_a_message_after_a_bounded_wait(tmp_path: Path) -> None:
    env = service_env(tmp_path, EUFUNDS_DB_BUSY_TIMEOUT="1")
    db_file = Path(env["EUFUNDS_DB"])
    assert eufunds(env, "import-calls", str(CALLS), "--source", "corpus").returncode == 0
    holder = sqlite3.connect(db_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer that does not let go
    try:
        started = time.monotonic()
        busy = eufunds(env, "import-calls", str(CALLS), "--source", "other")
        took = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert busy.returncode == 1 and one_line_error(busy.stderr), busy.stderr
    assert "upptagen i 1 s" in busy.stderr
    assert took < 20
    assert eufunds(env, "import-calls", str(CALLS), "--source", "other").returncode == 0
