"""``eufunds reply``: a department's reply to its digest ("2 är intressant") as marks."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import sqlite_utils

from app import exitcodes
from app.choices import check_department, department_of_address
from app.commands.triage import current_user
from app.output import info, print_json
from app.params import WEEK
from db import open_db
from db.calls import get_call, shown_id, utc_now
from db.digests import digest_replied_to, numbered_calls, week_numbered
from db.language import MARK_SV
from db.marks import add_mark, department_mark
from notifier.replies import ReplyMail, digest_subject, parse_mail, read_reply, week_number


@dataclass(frozen=True)
class _Understood:
    """One number of the reply, the call the digest gave it, and the answer."""

    number: int
    row: dict[str, Any]
    mark: str
    said: str


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


def _which_digest(
    db: sqlite_utils.Database, mail: ReplyMail, department: str | None, week: str | None
) -> tuple[str, str, list[str]]:
    """(department, week, the calls in the order numbered) of the digest the reply answers:
    as given, else the digest the mail replies to (its Message-ID, or its subject), else the
    sender's department and the week its subject names (or its latest digest)."""
    replied = digest_replied_to(db, mail.in_reply_to, digest_subject(mail.subject))
    if department is None and replied is not None:
        department = replied[0]
    department = department or department_of_address(db, mail.sender)
    if department is None:
        raise click.UsageError(
            "kan inte avgöra vilken förvaltning som svarar (svaret nämner inget veckobrev och "
            f"avsändaren {mail.sender or '(okänd)'} är ingen förvaltnings kontakt): ange "
            "--department"
        )
    if week is None and replied is not None and replied[0] == department:
        week = replied[1]
    if week is None and (number := week_number(mail.subject)) is not None:
        week = week_numbered(db, department, number)
    found = numbered_calls(db, department, week)
    if found is None:
        which = f"för vecka {week}" if week else "ännu"
        raise click.UsageError(
            f"{department} har inget veckobrev {which}; ange --week för veckobrevet som "
            "besvaras, eller markera med eufunds mark ID"
        )
    return department, found[0], found[1]


def _understood(
    db: sqlite_utils.Database, week: str, call_ids: list[str], text: str
) -> tuple[list[_Understood], list[str]]:
    """The reply's answers with the calls their numbers mean, and what a person must read:
    sentences not read whole, numbers the digest did not give, numbers answered twice
    differently."""
    read = read_reply(text)
    unclear = list(read.unclear)
    by_number: dict[int, tuple[str, str]] = {}
    twice: set[int] = set()
    for answer in read.answers:
        for number in answer.numbers:
            earlier = by_number.setdefault(number, (answer.mark, answer.said))
            if earlier[0] != answer.mark:
                twice.add(number)
    understood = []
    for number, (mark, said) in sorted(by_number.items()):
        if number in twice:
            unclear.append(f"nr {number} har fått olika svar i svaret")
            continue
        row = get_call(db, call_ids[number - 1]) if 1 <= number <= len(call_ids) else None
        if row is None:
            held = f"nr 1–{len(call_ids)}" if call_ids else "inga nummer"
            unclear.append(f"nr {number}: veckobrevet {week} har {held} (”{said}”)")
            continue
        understood.append(_Understood(number, row, mark, said))
    return understood, unclear


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
    department, week, call_ids = _which_digest(db, mail, department, week)
    understood, unclear = _understood(db, week, call_ids, mail.text)
    who = (marked_by or "").strip() or mail.sender or current_user()
    saved = _save(db, understood, department, who) if save and understood else []
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


def _save(
    db: sqlite_utils.Database, understood: list[_Understood], department: str, who: str
) -> list[int]:
    """Store each answer as the department's mark, all in one transaction; an answer the
    department's latest mark already says (a reply read twice) is not stored again."""
    when = utc_now()
    stored = []
    with db.atomic():
        for u in understood:
            latest = department_mark(db, u.row["id"], department)
            if latest is not None and (latest.mark, latest.reason) == (u.mark, u.said):
                continue
            add_mark(
                db,
                u.row["id"],
                u.mark,
                marked_by=who,
                marked_at=when,
                department=department,
                reason=u.said,
            )
            stored.append(u.number)
    return stored


def _say(
    understood: list[_Understood], unclear: list[str], department: str, week: str, who: str
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
    understood: list[_Understood],
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
