"""``eufunds reply``: a department's reply to its digest ("2 är intressant") as marks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
import sqlite_utils

from app import exitcodes
from app.choices import check_department
from app.commands.triage import current_user
from app.output import info, print_json
from app.params import WEEK
from app.replies import ReplyProblem, Understood, read_answers, save_answers
from db import open_db
from db.calls import shown_id
from db.language import MARK_SV
from notifier.replies import ReplyMail, parse_mail


def _read(file: str) -> ReplyMail:
    """The saved reply ("-" reads standard input); a usage error when it cannot be read."""
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise click.BadParameter(
            f"kan inte läsa {file}: {exc.strerror}", param_hint="'FIL'"
        ) from exc
    try:
        return parse_mail(data)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'FIL'") from exc


@click.command(name="reply")
@click.argument("files", metavar="FIL...", nargs=-1, required=True)
@click.option("--department", metavar="ID", help="Förvaltningen som svarar (standard: ur svaret).")
@click.option(
    "--week", type=WEEK, help="Veckobrevet som besvaras (standard: ur svaret, annars det senaste)."
)
@click.option("--save", is_flag=True, help="Spara markeringarna (utan: visa bara tolkningen).")
@click.option("--by", "marked_by", metavar="NAMN", help="Vem som svarar (standard: avsändaren).")
@click.option(
    "--json", "as_json", is_flag=True, help="Skriv tolkningen som JSON (en lista för flera FIL)."
)
def reply(
    files: tuple[str, ...],
    department: str | None,
    week: str | None,
    save: bool,
    marked_by: str | None,
    as_json: bool,
) -> None:
    """Läs en förvaltnings svar på veckobrevet ("2 och 5 är intressanta, 3 är inte
    relevant") som markeringar.

    FIL är svaret sparat som mejl (.eml) eller som text ("-" läser standard in); flera filer
    läses var för sig. Förvaltningen och veckan tas ur svaret (mejlet det svarar på,
    ämnesraden eller avsändaren). Ett nummer räknas bara där orden direkt efter det säger vad
    det är (intressant, inte relevant, vi söker, ansökt, beviljad, avslag); meningar med
    nummer som inte går att tolka listas för att läsas av en människa, och numrens
    utlysningar visas. Utan --save sparas inget; med --save får varje utlysning en markering
    för förvaltningen, med svarets ord som motivering. Det citerade veckobrevet under svaret
    läses inte.
    """
    db = open_db()
    department = check_department(db, department)
    results, failed = [], []
    for file in files:
        try:
            results.append(_one(db, file, department, week, save, marked_by, as_json))
        except click.UsageError as exc:
            if len(files) == 1:
                raise
            failed.append(file)  # the other replies are still read
            info(f"{file}: {exc.format_message()}")
    if as_json:
        print_json(results[0] if len(files) == 1 else results)
    if failed:
        info(f"{len(failed)} av {len(files)} svar kunde inte läsas: {', '.join(failed)}")
        raise SystemExit(exitcodes.USAGE)


# What the command line asks for when a reply names no digest (app.replies.ReplyProblem).
_ASK = {
    "department": "ange --department",
    "week": "ange --week för veckobrevet som besvaras, eller markera med eufunds mark ID",
}


def _one(
    db: sqlite_utils.Database,
    file: str,
    department: str | None,
    week: str | None,
    save: bool,
    marked_by: str | None,
    as_json: bool,
) -> dict[str, Any]:
    """Read one saved reply, print what it says (unless ``as_json``) and store its marks with
    ``save``; its reading as :func:`_as_json` gives it. A usage error when it names no digest
    or, in words, no answer."""
    mail = _read(file)
    try:
        reading = read_answers(db, mail, department, week)
    except ReplyProblem as exc:
        raise click.UsageError(f"{exc}; {_ASK[exc.needs]}") from exc
    department, week = reading.department, reading.week
    understood, unclear = reading.understood, reading.unclear
    who = (marked_by or "").strip() or mail.sender or current_user()
    saved = save_answers(db, understood, department, who) if save and understood else []
    result = _as_json(understood, unclear, department, week, who, save, saved)
    if as_json:
        return result
    _say(understood, unclear, department, week, who)
    if save and understood:
        repeated = len(understood) - len(saved)
        info(
            f"{len(saved)} markeringar sparade för {department}"
            + (f" ({repeated} fanns redan med samma svar)" if repeated else "")
            + "."
        )
    elif understood:
        info(f"Inget sparat: kör igen med --save för att spara {len(understood)} markeringar.")
    if not understood:
        raise click.UsageError(
            "svaret innehåller inget nummer med ett svar som går att tolka; markera med "
            "eufunds mark NR --department " + department
        )
    return result


def _say(
    understood: list[Understood], unclear: list[str], department: str, week: str, who: str
) -> None:
    click.echo(f"Svar från {who} på veckobrevet {week} till {department}:")
    for u in understood:
        click.echo(f"  nr {u.number}: {MARK_SV[u.mark]} – {u.row['title']} ({shown_id(u.row)})")
        click.echo(f"         ”{u.said}”")
    if unclear:
        click.echo("Tolkades inte (läs och markera med eufunds mark NR --department …):")
        for sentence in unclear:
            click.echo(f"  {sentence}")


def _as_json(
    understood: list[Understood],
    unclear: list[str],
    department: str,
    week: str,
    who: str,
    save: bool,
    saved: list[int],
) -> dict[str, Any]:
    return {
        "department": department,
        "week": week,
        "by": who,
        "saved": save,
        "marks": [
            {
                "number": u.number,
                "call": u.row["id"],
                "short_id": shown_id(u.row),
                "title": u.row["title"],
                "mark": u.mark,
                "said": u.said,
                "stored": u.number in saved,
            }
            for u in understood
        ],
        "unclear": unclear,
    }


COMMANDS = [reply]
