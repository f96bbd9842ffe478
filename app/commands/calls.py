"""``eufunds import-calls`` and ``eufunds status``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from app import exitcodes, settings
from app.active_priorities import priorities_status
from app.output import info, print_json, print_table
from app.params import DATE
from crawler.facts import complete
from db import InvalidRecord, open_db, write_transaction
from db.calls import programme_counts, status_counts, store_call, utc_now
from db.clock import local_time
from db.connection import explain_os_error
from db.crawl_runs import last_runs
from db.jsonl import read_calls


@click.command(name="import-calls")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), metavar="FIL")
@click.option(
    "--source",
    default="import",
    show_default=True,
    help="Källans namn i utlysningarnas nycklar (källa:id).",
)
@click.option("--today", type=DATE, help="Dagen statusen gäller (standard: i dag).")
@click.option("--json", "as_json", is_flag=True, help="Skriv antalen som JSON.")
def import_calls(file: Path, source: str, today: date | None, as_json: bool) -> None:
    """Läs in utlysningar från en JSON Lines-FIL (korpusformatet), uppdatera på id.

    Samma fil en gång till ändrar ingenting. En felaktig rad (inte JSON, inte UTF-8 eller en
    utlysning som inte klarar kontrollen) rapporteras med sitt radnummer och hoppas över;
    resten läses in i en transaktion. Slutkod 1 om någon rad misslyckades. En annan import
    som pågår samtidigt väntas in (EUFUNDS_DB_BUSY_TIMEOUT, 30 s som standard). Id:n som de
    står i filen fungerar sedan i alla kommandon, liksom de korta id:n listorna visar.
    """
    if not file.exists():
        raise click.ClickException(f"{file}: filen finns inte; ange sökvägen till en .jsonl-fil")
    if not file.is_file():
        raise click.ClickException(f"{file} är ingen fil; ange sökvägen till en .jsonl-fil")
    today = today or settings.today()
    if len(source) > 64 or not source.strip() or not source.isprintable() or ":" in source:
        raise click.BadParameter(
            "ett källnamn är skrivbar text på högst 64 tecken utan ':'",
            param_hint="'--source'",
        )
    db = open_db()
    counts = {"lines": 0, "new": 0, "changed": 0, "reread": 0, "unchanged": 0, "failed": 0}
    now = utc_now()
    try:
        with write_transaction(db):
            for result in read_calls(file, source):
                counts["lines"] += 1
                if result.call is None:
                    counts["failed"] += 1
                    info(f"{file}:{result.line_no}: hoppades över: {result.error}")
                    continue
                try:
                    # The same facts as a crawled call: kind, applicant types, text dates.
                    call = complete(result.call)
                    outcome = store_call(db, call, today=today, now=now, touch=False)
                except InvalidRecord as exc:
                    counts["failed"] += 1
                    info(f"{file}:{result.line_no}: hoppades över: {exc}")
                    continue
                counts[outcome.outcome] += 1
    except OSError as exc:
        if explain_os_error(exc) is not None:
            raise  # a full disk: the command line says so in one line
        raise click.ClickException(
            f"kan inte läsa {file}: {exc.strerror}. Inget lästes in."
        ) from exc
    if as_json:
        print_json(counts)
    else:
        # A call whose same words this release read differently is no change of the source.
        reread = f" ({counts['reread']} med samma text omläst)" if counts["reread"] else ""
        click.echo(
            f"{file}: {counts['new']} nya, {counts['changed']} ändrade, "
            f"{counts['unchanged'] + counts['reread']} oförändrade{reread}, "
            f"{counts['failed']} misslyckade"
        )
    if counts["failed"]:
        raise SystemExit(exitcodes.FAILED)


_RUN_FIELDS = (
    "source",
    "started_at",
    "finished_at",
    "ok",
    "items",
    "new",
    "changed",
    "error_text",
)


def collect_status(db: Any, today: date) -> dict[str, Any]:
    """The numbers ``eufunds status`` prints."""
    total = db["calls"].count
    by_programme = {
        programme or "(okänt program)": n for programme, n in programme_counts(db).items()
    }
    return {
        "database": None,
        "today": today.isoformat(),
        "total": total,
        "by_status": status_counts(db, today),
        "by_programme": by_programme,
        "last_crawls": [{k: r[k] for k in _RUN_FIELDS} for r in last_runs(db)],
    }


@click.command(name="status")
@click.option("--today", type=DATE, help="Dagen statusen gäller (standard: i dag).")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
def status(today: date | None, as_json: bool) -> None:
    """Hur många utlysningar det finns, per status och program, och senaste insamlingen per
    källa."""
    from db import default_db_path

    today = today or settings.today()
    db = open_db()
    data = collect_status(db, today)
    data["database"] = str(default_db_path())
    data["priorities"] = priorities_status(db)
    if as_json:
        print_json(data)
        return
    click.echo(f"Databas: {data['database']}   (status per {data['today']})")
    prio = data["priorities"]
    if prio["warning"]:
        click.echo(f"VARNING: {prio['warning']}")
    else:
        click.echo(f"Prioriteringar: {prio['path']} (version {prio['version_hash'][:12]})")
    click.echo(f"Utlysningar totalt: {data['total']}")
    labels = {"open": "öppna", "forthcoming": "kommande", "closed": "stängda", "unknown": "okänd"}
    click.echo("  " + ", ".join(f"{labels[k]} {v}" for k, v in data["by_status"].items()))
    print_table("Per program", ["Program", "Antal"], list(data["by_programme"].items())[:25])
    if len(data["by_programme"]) > 25:
        click.echo(f"  … och {len(data['by_programme']) - 25} program till (--json visar alla)")
    if data["last_crawls"]:
        print_table(
            "Senaste insamling per källa",
            ["Källa", "Start", "Resultat", "Poster", "Nya", "Ändrade", "Fel"],
            [
                (
                    r["source"],
                    local_time(r["started_at"]),
                    "ok" if r["ok"] else "MISSLYCKADES",
                    r["items"],
                    r["new"],
                    r["changed"],
                    r["error_text"] or "",
                )
                for r in data["last_crawls"]
            ],
        )
    else:
        click.echo("Ingen insamling har körts ännu (eufunds crawl).")


COMMANDS = [import_calls, status]
