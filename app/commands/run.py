"""``eufunds run`` (the weekly job once), ``eufunds serve`` and ``eufunds schedule``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from app import exitcodes, settings
from app.commands.web import start_web
from app.output import info, print_json, print_table
from app.scheduler import (
    AlreadyRunning,
    Schedule,
    Service,
    catch_up,
    next_runs,
    read_facts,
    serve_lock,
)
from app.weekly import (
    NoPriorities,
    build_step,
    completed_day,
    crawl_and_match,
    job_db_path,
    load_state,
    run_weekly,
    send_step,
)
from db import open_db, vanished_databases
from notifier.delivery import SettingsError, transport_from_env


def _check_delivery_settings() -> None:
    try:
        transport_from_env()
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc


@click.command(name="run")
@click.option(
    "--replay",
    is_flag=True,
    help="Crawl generated demo recordings (invented calls, served on 127.0.0.1) instead of "
    "the live sources, into data/replay.db unless EUFUNDS_DB says otherwise.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def run(replay: bool, as_json: bool) -> None:
    """Run the whole weekly job once: crawl -> match -> build digests -> send.

    Digests are built once per department and ISO week, so running it again sends nothing
    twice. Without SMTP settings the digests are written as .eml files into
    EUFUNDS_OUTBOX_DIR (default data/outbox/). Exit code 4 when messages failed, 5 when a
    source failed (the job still finishes), 3 when there is no valid priorities file.
    """
    _check_delivery_settings()
    today = settings.today()  # a bad EUFUNDS_TODAY stops here, before any work
    db_path = job_db_path(replay)
    if replay:
        info(f"replay: generated demo recordings (invented calls), database {db_path}")
    try:
        report = run_weekly(db_path, replay=replay, today=today, progress=info, clock=settings.now)
    except NoPriorities as exc:
        click.echo(f"eufunds: error: {exc}", err=True)
        raise SystemExit(exitcodes.PRIORITIES_INVALID) from exc
    flush = report.flush
    data = {
        "database": str(db_path),
        "sources": [{"source": r.source, "ok": r.ok, "new": r.new} for r in report.crawl],
        "failed_sources": report.failed_sources,
        "digests": [
            {"department": b.department, "week": b.iso_week, "built_now": b.created, "new": b.new}
            for b in report.builds
        ],
        "sent": flush.sent if flush else 0,
        "retrying": flush.retrying if flush else 0,
        "failed": flush.failed if flush else 0,
        "delivered_to": report.delivered_to,
        "week": report.builds[0].iso_week if report.builds else None,
        "priorities_warning": report.warning,
    }
    if as_json:
        print_json(data)
    else:
        built = sum(1 for b in report.builds if b.created)
        click.echo(
            f"{len(report.crawl)} sources crawled ({len(report.failed_sources)} failed), "
            f"{built} digests built, {data['sent']} messages delivered"
        )
        if report.delivered_to.startswith("smtp://"):
            click.echo(f"digests sent by {report.delivered_to}")
        else:
            week = report.builds[0].iso_week if report.builds else ""
            folder = Path(report.delivered_to) / week
            click.echo(f"digests of week {week} as .eml files in: {folder}/")
    if report.warning:
        info(f"warning: {report.warning}")
    if report.failed_sources:
        info(f"failed sources: {', '.join(report.failed_sources)} (details: eufunds sources)")
    if report.exit_code:
        raise SystemExit(report.exit_code)


def _schedule(db: Any) -> tuple[Schedule, Any]:
    try:
        state = load_state(db)
    except NoPriorities as exc:
        info(f"warning: {exc}; showing the default schedule")
        return Schedule(), None
    return Schedule.from_priorities(state.priorities), state


@click.command(name="schedule")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def schedule_command(as_json: bool) -> None:
    """Show the jobs of `eufunds serve`, their next run times and what it would catch up now."""
    db = open_db()
    schedule, state = _schedule(db)
    now = settings.now()
    jobs = [
        {
            "id": spec.id,
            "what": spec.name,
            "when": spec.when,
            "trigger": str(spec.trigger),
            "next_run": nxt.replace(microsecond=0).isoformat() if nxt else None,
        }
        for spec, nxt in next_runs(schedule, now)
    ]
    actions = catch_up(now, schedule, read_facts(db, state.priorities)) if state else []
    if as_json:
        print_json({"timezone": "Europe/Stockholm", "jobs": jobs, "catch_up_on_start": actions})
        return
    print_table(
        "Jobs (Europe/Stockholm)",
        ["job", "what", "when", "next run"],
        (
            [j["id"], j["what"], j["when"], (j["next_run"] or "")[:16].replace("T", " ")]
            for j in jobs
        ),
    )
    if actions:
        click.echo(f"on start now it would catch up: {', '.join(actions)}")


@click.command(name="serve")
@click.option(
    "--replay",
    is_flag=True,
    help="Crawl generated demo recordings (invented calls) instead of the live sources "
    "(for demonstrations).",
)
@click.option("--no-catch-up", is_flag=True, help="Do not catch up missed jobs on start.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address the web view listens on (see eufunds web).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8080,
    show_default=True,
    help="Port of the web view.",
)
@click.option("--no-web", is_flag=True, help="Run the jobs only, without the web view.")
def serve(replay: bool, no_catch_up: bool, host: str, port: int, no_web: bool) -> None:
    """Run the jobs on a schedule until stopped (SIGTERM stops it between jobs).

    Daily crawl + match early in the morning, the digests weekly on the priorities file's
    day and time (Monday 07:00 by default), the outbox every five minutes. On start it
    catches up what it missed while it was down, never doing anything twice. Digests are
    built only from a complete day (today's crawl and match finished; else they run first).
    One service per database: a second one says so and exits with code 1. The web view
    (eufunds web) runs beside the jobs unless --no-web.
    """
    _check_delivery_settings()
    settings.today(), settings.now()  # a bad EUFUNDS_TODAY or EUFUNDS_NOW stops here
    db_path: Path = job_db_path(replay)
    db = open_db(db_path)
    try:
        lock = serve_lock(db_path)  # held until the process ends
    except AlreadyRunning as exc:
        click.echo(f"eufunds: error: {exc}", err=True)
        raise SystemExit(exitcodes.FAILED) from exc
    schedule, state = _schedule(db)
    web = None
    if not no_web:
        try:
            web = start_web(db_path, host, port)
        except click.UsageError as exc:  # the jobs matter more than the web view: go on
            info(f"warning: the web view is not running: {exc.message}")

    def crawl_and_match_now() -> None:
        results, _stats, _state = crawl_and_match(
            db_path, today=settings.today(), now=settings.now, replay=replay, progress=info
        )
        failed = [r.source for r in results if not r.ok]
        if failed:
            info(f"failed sources: {', '.join(failed)}")
        info(f"crawl and match of {settings.today()} complete")

    def digests_owed() -> bool:
        job_db = open_db(db_path)
        try:
            priorities = load_state(job_db).priorities
            return "digests" in catch_up(settings.now(), schedule, read_facts(job_db, priorities))
        finally:
            job_db.conn.close()

    def crawl_match() -> None:
        crawl_and_match_now()
        # The week's digests that could not be built before (the day was incomplete).
        if digests_owed():
            digests()

    def digests() -> None:
        today = settings.today()
        job_db = open_db(db_path)
        day, _finished = completed_day(job_db)
        job_db.conn.close()
        if day != today:
            info(f"digests: the crawl and match of {today} have not finished; running them first")
            crawl_and_match_now()
        results, _state = build_step(db_path, today=today)
        info(f"digests built: {sum(1 for r in results if r.created)}")
        outbox()

    def outbox() -> None:
        result, where, stuck = send_step(db_path, stop=service.stopping)
        if result.sent or result.retrying or result.failed:
            info(
                f"outbox: {result.sent} sent, {result.retrying} to retry, "
                f"{result.failed} failed ({where})"
            )
        if stuck:
            info(f"outbox: {stuck} message(s) failed or waiting (eufunds outbox list)")

    service = Service(
        schedule, {"crawl-match": crawl_match, "digests": digests, "outbox": outbox}, info
    )

    def database_gone() -> str | None:
        gone = vanished_databases()
        return f"the database {gone[0]} was deleted or replaced" if gone else None

    service.check = database_gone
    if not no_catch_up and state is not None:
        actions = catch_up(settings.now(), schedule, read_facts(db, state.priorities))
        info(f"catching up: {', '.join(actions)}")
        service.run_catch_up(actions)
    db.conn.close()
    service.handle_signals()  # before the line that says the service is up
    info(f"eufunds serve: database {db_path}; jobs: crawl-match, digests, outbox")
    if web is not None:
        web.start()
        info(f"eufunds serve: web view on {web.url}/")
    service.start()
    if web is not None:
        web.stop()
    lock.close()
    if service.exit_code:
        raise SystemExit(service.exit_code)


COMMANDS = [run, serve, schedule_command]
