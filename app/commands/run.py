"""``eufunds run`` (the weekly job once), ``eufunds serve`` and ``eufunds schedule``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from app import settings
from app.commands.web import address_options, start_web
from app.output import info, print_json, print_table
from app.params import REPLAY_OPTION
from app.scheduler import (
    Schedule,
    Service,
    catch_up,
    next_runs,
    owed_week,
    read_facts,
    serve_lock,
)
from app.weekly import (
    build_step,
    crawl_and_match,
    day_state,
    job_db_path,
    load_state,
    run_weekly,
    send_step,
)
from db import default_db_path, open_db, vanished_databases
from db.clock import local_time
from db.errors import EufundsError, NoPriorities
from notifier.delivery import transport_from_env
from notifier.weeks import iso_week, next_week

if TYPE_CHECKING:
    from app.web.server import WebServer


def already_built_note(week: str, db_path: Path) -> str:
    """What ``run`` says when every department's digest of the week was built by an earlier
    run: nothing is sent twice, so what this run found waits for next week's digests. The
    command it names reads the job's database (a replay's is not the default one)."""
    database = "" if db_path == default_db_path() else f"EUFUNDS_DB={db_path} "
    return (
        f"veckobreven för vecka {week} byggdes redan av en tidigare körning (ett per "
        "förvaltning och vecka); det som är nytt sedan dess kommer med nästa veckas brev. "
        f"Förhandsvisa dem nu: {database}eufunds digest preview -d samordnare --week "
        f"{next_week(week)} (eller -d och en förvaltnings id)"
    )


def _check_delivery_settings() -> None:
    transport_from_env()  # a bad SMTP setting stops here, before any work (exit 2)


@click.command(name="run")
@REPLAY_OPTION
@click.option("--json", "as_json", is_flag=True, help="Skriv rapporten som JSON.")
def run(replay: bool, as_json: bool) -> None:
    """Kör hela veckojobbet en gång: insamling -> matchning -> veckobrev -> utskick.

    Veckobreven byggs en gång per förvaltning och ISO-vecka, så en ny körning skickar
    inget två gånger. Utan SMTP-inställningar skrivs veckobreven som .eml-filer i
    EUFUNDS_OUTBOX_DIR (standard data/outbox/). Slutkod 4 när meddelanden misslyckades, 5
    när en källa misslyckades (jobbet körs ändå klart), 3 när det inte finns någon giltig
    prioriteringsfil.
    """
    _check_delivery_settings()
    today = settings.today()  # a bad EUFUNDS_TODAY stops here, before any work
    db_path = job_db_path(replay)
    if replay:
        info(f"replay: genererade demoinspelningar (påhittade utlysningar), databas {db_path}")
    report = run_weekly(db_path, replay=replay, today=today, progress=info, clock=settings.now)
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
            f"{len(report.crawl)} källor insamlade ({len(report.failed_sources)} misslyckades), "
            f"{built} veckobrev byggda, {data['sent']} meddelanden levererade"
        )
        week = report.builds[0].iso_week if report.builds else ""
        if report.delivered_to.startswith("smtp://"):
            click.echo(f"veckobreven skickades via {report.delivered_to}")
        else:
            folder = Path(report.delivered_to) / week
            click.echo(f"veckobreven för vecka {week} som .eml-filer i: {folder}/")
        if report.builds and not built:
            click.echo(already_built_note(week, db_path))
    if report.warning:
        info(f"varning: {report.warning}")
    if report.failed_sources:
        info(f"misslyckade källor: {', '.join(report.failed_sources)} (detaljer: eufunds sources)")
    if report.exit_code:
        raise SystemExit(report.exit_code)


def _schedule(db: Any) -> tuple[Schedule, Any]:
    try:
        state = load_state(db)
    except NoPriorities as exc:
        info(f"varning: {exc}; visar standardschemat")
        return Schedule(), None
    return Schedule.from_priorities(state.priorities), state


@click.command(name="schedule")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
def schedule_command(as_json: bool) -> None:
    """Visa jobben i `eufunds serve`, när de körs nästa gång (svensk tid) och vad en start
    nu skulle hämta ikapp."""
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
        "Jobb (svensk tid)",
        ["Jobb", "Vad", "När", "Nästa körning"],
        ([j["id"], j["what"], j["when"], local_time(j["next_run"])] for j in jobs),
    )
    if actions:
        click.echo(f"en start nu skulle hämta ikapp: {', '.join(actions)}")


@click.command(name="serve")
@REPLAY_OPTION
@click.option("--no-catch-up", is_flag=True, help="Hämta inte ikapp missade jobb vid start.")
@address_options
@click.option("--no-web", is_flag=True, help="Kör bara jobben, utan webbvyn.")
def serve(replay: bool, no_catch_up: bool, host: str, port: int, no_web: bool) -> None:
    """Kör jobben enligt schema tills tjänsten stoppas (SIGTERM stoppar mellan jobben).

    Insamling och matchning varje morgon, veckobreven på prioriteringsfilens dag och tid
    (måndag 07:00 som standard), utkorgen var femte minut. Vid start hämtas det ikapp som
    missades medan tjänsten var nere, utan att något görs två gånger. Veckobrev byggs bara
    från en hel dag (dagens insamling och matchning klara; annars körs de först). En tjänst
    per databas: en andra säger det och slutar med slutkod 1. Webbvyn (eufunds web) körs
    bredvid jobben om inte --no-web. Loggen (stderr) är på svenska med svensk tid; ett jobb
    som misslyckas loggas med sin traceback.
    """
    _check_delivery_settings()
    settings.today(), settings.now()  # a bad EUFUNDS_TODAY or EUFUNDS_NOW stops here
    db_path: Path = job_db_path(replay)
    db = open_db(db_path)
    lock = serve_lock(db_path)  # held until the process ends; a second serve stops here
    schedule, state = _schedule(db)
    web = None if no_web else _start_web(db_path, host, port)
    jobs = _ServeJobs(db_path, replay, schedule)
    service = Service(schedule, jobs.table(), info)
    jobs.stopping = service.stopping
    service.check = _database_gone
    if not no_catch_up and state is not None:
        actions = catch_up(settings.now(), schedule, read_facts(db, state.priorities))
        info(f"hämtar ikapp: {', '.join(actions)}")
        service.run_catch_up(actions)
    db.conn.close()
    service.handle_signals()  # before the line that says the service is up
    info(f"eufunds serve: databas {db_path}; jobb: crawl-match, digests, outbox")
    if web is not None:
        web.start()
        info(f"eufunds serve: webbvyn på {web.url}/")
    service.start()
    if web is not None:
        web.stop()
    lock.close()
    if service.exit_code:
        raise SystemExit(service.exit_code)


def _start_web(db_path: Path, host: str, port: int) -> WebServer | None:
    """The web view to run beside the jobs, or None (with a warning) when it cannot start."""
    try:
        return start_web(db_path, host, port)
    except (click.UsageError, EufundsError) as exc:  # the jobs matter more: go on
        info(f"varning: webbvyn körs inte: {getattr(exc, 'message', exc)}")
        return None


def _database_gone() -> str | None:
    gone = vanished_databases()
    return f"databasen {gone[0]} togs bort eller byttes ut" if gone else None


class _ServeJobs:
    """The jobs ``eufunds serve`` runs on its schedule, each opening the database itself."""

    def __init__(self, db_path: Path, replay: bool, schedule: Schedule) -> None:
        self.db_path = db_path
        self.replay = replay
        self.schedule = schedule
        self.stopping = threading.Event()  # the service's, once it exists

    def table(self) -> dict[str, Callable[[], None]]:
        """Job id -> job function."""
        return {"crawl-match": self.crawl_match, "digests": self.digests, "outbox": self.outbox}

    def crawl_and_match_now(self) -> None:
        results, _stats, _state = crawl_and_match(
            self.db_path,
            today=settings.today(),
            now=settings.now,
            replay=self.replay,
            progress=info,
        )
        failed = [r.source for r in results if not r.ok]
        if failed:
            info(f"misslyckade källor: {', '.join(failed)}")
        info(f"insamling och matchning för {settings.today()} klara")

    def digests_owed(self) -> bool:
        job_db = open_db(self.db_path)
        try:
            priorities = load_state(job_db).priorities
            facts = read_facts(job_db, priorities)
            return "digests" in catch_up(settings.now(), self.schedule, facts)
        finally:
            job_db.conn.close()

    def crawl_match(self) -> None:
        self.crawl_and_match_now()
        # The week's digests that could not be built before (the day was incomplete).
        if self.digests_owed():
            self.digests()

    def digests(self) -> None:
        today = settings.today()
        job_db = open_db(self.db_path)
        try:
            day = day_state(job_db, today)  # the rule `eufunds digest build` checks too
        finally:
            job_db.conn.close()
        if not day.complete:
            info(f"veckobrev: {today} är inte komplett ({day.missing()}); samlar in och matchar")
            self.crawl_and_match_now()
        # The week of the scheduled send time: a Sunday's week caught up on Monday keeps it.
        week = owed_week(settings.now(), self.schedule) or iso_week(today)
        results, _state = build_step(self.db_path, today=today, week=week)
        info(f"veckobrev byggda för vecka {week}: {sum(1 for r in results if r.created)}")
        self.outbox()

    def outbox(self) -> None:
        result, where, stuck = send_step(self.db_path, stop=self.stopping)
        if result.sent or result.retrying or result.failed:
            info(
                f"utkorgen: {result.sent} skickade, {result.retrying} försöks igen, "
                f"{result.failed} misslyckades ({where})"
            )
        if stuck:
            info(f"utkorgen: {stuck} meddelande(n) misslyckade eller väntar (eufunds outbox list)")


COMMANDS = [run, serve, schedule_command]
