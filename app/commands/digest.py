"""``eufunds digest`` (preview, build, send) and ``eufunds outbox`` (list, retry)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from app import exitcodes, settings
from app.output import info, print_json, print_table
from app.params import WEEK, SwedishChoice
from app.weekly import build_step, day_state, load_state, require_complete_day
from db import default_db_path, open_db
from db.calls import utc_now
from db.clock import local_time
from db.digests import digest_exists, get_digest
from notifier.delivery import transport_from_env
from notifier.digest import COORDINATOR, collect_digest
from notifier.outbox import flush_outbox, list_outbox, problems, retry
from notifier.render import render
from notifier.weeks import iso_week, week_monday

# The outbox states in Swedish (stored in English; the English words are accepted too).
OUTBOX_SV = {
    "pending": "väntar",
    "sending": "skickas",
    "unconfirmed": "obekräftad",
    "sent": "skickad",
    "failed": "misslyckad",
}
OUTBOX_COLUMNS = [
    "Meddelande",
    "Vecka",
    "Förvaltning",
    "Mottagare",
    "Status",
    "Försök",
    "Nästa försök",
    "Fel",
]
OUTBOX_STATUS = SwedishChoice({sv: en for en, sv in OUTBOX_SV.items()})


def _exit_on_problems(db: Any) -> None:
    stuck = problems(db)
    if stuck:
        info(
            f"{len(stuck)} meddelande(n) misslyckades eller väntar på ett nytt försök: se "
            "`eufunds outbox list --status misslyckad`, rätta orsaken, `eufunds outbox retry ID`"
        )
        raise SystemExit(exitcodes.OUTBOX_FAILED)


@click.group(name="digest")
def digest_group() -> None:
    """Veckobreven: förhandsvisa, bygga och skicka."""


@digest_group.command(name="preview")
@click.option(
    "--department",
    "-d",
    required=True,
    metavar="ID",
    help="Förvaltningens id (se `eufunds priorities show`).",
)
@click.option("--week", type=WEEK, help="ISO-vecka, t.ex. 2026-W48 (standard: denna vecka).")
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Skriv också HTML-delen till denna fil (öppna den i en webbläsare).",
)
def preview(department: str, week: str | None, html_file: Path | None) -> None:
    """Visa en förvaltnings veckobrev (som text) utan att skicka något.

    Ett redan byggt veckobrev visas som det byggdes; annars sätts det ihop nu och sparas
    inte. `samordnare` visar EU-samordnarens veckobrev.
    """
    db = open_db()
    state = load_state(db)
    priorities = state.priorities
    ids = [d.id for d in priorities.departments]
    if department in ("samordnare", COORDINATOR) and department not in ids:
        department = COORDINATOR
    elif department not in ids:
        raise click.UsageError(
            f"okänd förvaltning {department!r}; välj en av: {', '.join(ids)} (eller samordnare)"
        )
    today = settings.today()
    week = week or iso_week(today)
    stored = digest_exists(db, department, week)
    if stored is not None:
        row = get_digest(db, stored) or {}
        subject, text, html = row["subject"], row["text"], row["html"]
        info(f"veckobrevet för vecka {week} som det byggdes {local_time(row['built_at'])}")
    else:
        # A week other than this one is previewed as it would look on its Monday.
        day = today if week == iso_week(today) else week_monday(week)
        digest = collect_digest(
            db,
            priorities,
            department,
            week,
            day,
            now=utc_now(),
            warning=state.warning if state.fallback else None,
            priorities_version=state.version_hash,
        )
        rendered = render(digest)
        subject, text, html = rendered.subject, rendered.text, rendered.html
        info(f"förhandsvisning av vecka {week}: inte byggt än, inget sparat eller skickat")
    if html_file is not None:
        html_file.parent.mkdir(parents=True, exist_ok=True)
        html_file.write_text(html, encoding="utf-8")
        info(f"HTML skriven till {html_file}")
    click.echo(f"Ämne: {subject}\n")
    click.echo(text, nl=False)


@digest_group.command(name="build")
@click.option("--week", type=WEEK, help="ISO-vecka (standard: denna vecka).")
@click.option(
    "--ändå",
    "--anda",
    "--force",
    "anyway",
    is_flag=True,
    help="Bygg även om dagens insamling eller matchning saknas eller avbröts.",
)
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
def build(week: str | None, anyway: bool, as_json: bool) -> None:
    """Bygg veckans veckobrev och lägg dem i utkorgen (en gång per förvaltning och vecka).

    Veckobreven byggs bara av en komplett dag, som i veckojobbet: dagens insamling från
    alla källor och matchningen efter den ska båda ha blivit klara. Annars avbryts bygget
    (slutkod 1) med besked om vad som saknas; kör `eufunds crawl` och `eufunds match`, eller
    bygg ändå med --ändå. En ny körning ändrar ingenting; `eufunds digest send` skickar det
    som ligger i kö.
    """
    transport_from_env()  # the sender address goes into the Message-IDs: check it first
    db_path = default_db_path()
    today = settings.today()
    db = open_db(db_path)
    load_state(db)  # no usable priorities file (exit 3) comes first: nothing can be built
    if anyway:
        day = day_state(db, today)
        if not day.complete:
            info(f"varning: bygger ändå, fast {today} inte är komplett: {day.missing()}")
    else:
        require_complete_day(db, today)  # the weekly job's rule (app.weekly.day_state)
    results, state = build_step(db_path, today=today, week=week, now=utc_now())
    if state.fallback and state.warning:
        info(f"varning: {state.warning}")
    rows = [
        {
            "department": r.department,
            "name": r.name,
            "week": r.iso_week,
            "digest_id": r.digest_id,
            "built_now": r.created,
            "recipients": r.recipients,
            "new": r.new,
            "note": r.note,
        }
        for r in results
    ]
    if as_json:
        print_json(rows)
        return
    print_table(
        None,
        ["Förvaltning", "Vecka", "Resultat", "Mottagare", "Nya", "Anteckning"],
        (
            [
                r["department"],
                r["week"],
                "byggt" if r["built_now"] else ("fanns" if r["digest_id"] else "hoppades över"),
                r["recipients"],
                r["new"],
                r["note"] or "",
            ]
            for r in rows
        ),
    )


@digest_group.command(name="send")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
def send(as_json: bool) -> None:
    """Skicka det som står på tur i utkorgen: med SMTP, eller som .eml-filer utan SMTP.

    Ett meddelande räknas som skickat först när servern tagit emot det; tillfälliga fel
    försöks igen senare med växande väntan. Slutkod 4 så länge meddelanden är misslyckade
    eller väntar på ett nytt försök.
    """
    db = open_db()
    transport = transport_from_env()
    result = flush_outbox(db, transport)
    data = {
        "sent": result.sent,
        "retrying": result.retrying,
        "failed": result.failed,
        "delivered_to": transport.description,
        "errors": result.errors,
    }
    if as_json:
        print_json(data)
    else:
        click.echo(
            f"{result.sent} skickade, {result.retrying} försöks igen, {result.failed} "
            f"misslyckades ({transport.description})"
        )
        for error in result.errors:
            info(f"  {error}")
    _exit_on_problems(db)


@click.group(name="outbox")
def outbox_group() -> None:
    """Meddelanden som väntar, är skickade eller misslyckades (slutkod 4 så länge något
    misslyckats eller fastnat)."""


@outbox_group.command(name="list")
@click.option("--status", type=OUTBOX_STATUS, help="Bara denna status.")
@click.option("--week", type=WEEK, help="Bara denna ISO-vecka.")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
def outbox_list(status: str | None, week: str | None, as_json: bool) -> None:
    """Lista meddelandena i utkorgen, senaste veckan först (tider i svensk tid)."""
    db = open_db()
    rows = list_outbox(db, status=status, week=week)
    if as_json:
        print_json(rows)
    else:
        print_table(
            None,
            OUTBOX_COLUMNS,
            (
                [
                    r["id"],
                    r["week"],
                    r["department"],
                    r["recipient"],
                    OUTBOX_SV.get(r["status"], r["status"]),
                    r["attempts"],
                    local_time(r["next_attempt_at"]) if r["status"] == "pending" else "",
                    escape(r["last_error"] or ""),  # server text: never rich markup
                ]
                for r in rows
            ),
        )
    _exit_on_problems(db)


@outbox_group.command(name="retry")
@click.argument("outbox_id", metavar="ID", type=int)
def outbox_retry(outbox_id: int) -> None:
    """Skicka meddelande ID nu (ett misslyckat, eller ett som väntar på nästa försök).

    Ett meddelande som redan är skickat skickas aldrig igen.
    """
    db = open_db()
    retry(db, outbox_id)
    transport = transport_from_env()
    result = flush_outbox(db, transport, only_id=outbox_id)
    if result.sent:
        click.echo(f"meddelande {outbox_id} skickat ({transport.description})")
    else:
        click.echo(
            f"meddelande {outbox_id} inte skickat: {'; '.join(result.errors) or 'inte på tur'}"
        )
    _exit_on_problems(db)


COMMANDS = [digest_group, outbox_group]
