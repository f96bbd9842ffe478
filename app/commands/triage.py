"""``eufunds mark`` (triage a call) and ``eufunds deadlines`` (what is due soon)."""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

import click
import sqlite_utils

from app import settings
from app.choices import check_department
from app.listing import emit, output_options, resolve_call, resolve_numbered
from app.output import info, print_json
from app.params import DATE, WEEK, SwedishChoice, whole_number_option
from db import open_db
from db.calls import get_call, shown_id, utc_now
from db.clock import local_time
from db.language import MARK_SV, MARK_WORDS
from db.marks import Mark, add_mark
from db.records import MARKS
from db.selection import CallFilter, select_calls


def current_user() -> str:
    """Who is marking: $USER, else the login name, else \"okänd\"."""
    # $USER first: it is what the coordinator sees in the shell; getpass covers cron and sudo.
    user = os.environ.get("USER") or os.environ.get("USERNAME")
    if user:
        return user
    try:
        return getpass.getuser()
    except Exception:  # no user name in a minimal container
        return "okänd"


_NUMBER = re.compile(r"(?:nr\.?\s*)?(\d{1,3})", re.IGNORECASE)


def _digest_number(ident: str) -> int | None:
    """The number of a digest's item ("2", "nr 2"), or None for an id."""
    found = _NUMBER.fullmatch(ident.strip())
    return int(found.group(1)) if found else None


def _marked_call(
    db: sqlite_utils.Database, ident: str, department: str | None, week: str | None
) -> tuple[dict[str, Any], str | None]:
    """The call row ID means, and the week of the digest whose number it was (None for an
    id); a usage error (exit 2) otherwise."""
    numbered = _digest_number(ident)
    if week is not None and numbered is None:
        raise click.BadParameter(
            "--week gäller bara ett nummer ur ett veckobrev som ID", param_hint="'--week'"
        )
    if numbered is not None and department is not None:
        return resolve_numbered(db, numbered, department, week)
    if numbered is not None and get_call(db, ident.strip()) is None:
        raise click.BadParameter(
            f"{ident.strip()} ser ut som ett nummer ur ett veckobrev: ange förvaltningen med "
            "--department (numret gäller dess veckobrev), eller utlysningens id",
            param_hint="'ID'",
        )
    return resolve_call(db, ident), None


def _marked_calls(
    db: sqlite_utils.Database, idents: tuple[str, ...], department: str | None, week: str | None
) -> dict[str, tuple[str, dict[str, Any], str | None]]:
    """Call key -> (the ID as given, the call row, the digest's week for a number) of every
    ID, each call once, all resolved before anything is stored: one wrong number marks
    nothing (a usage error, exit 2)."""
    chosen: dict[str, tuple[str, dict[str, Any], str | None]] = {}
    for ident in idents:
        row, shown_in = _marked_call(db, ident, department, week)
        chosen.setdefault(row["id"], (ident, row, shown_in))
    return chosen


def _say_marked(
    chosen: list[tuple[str, dict[str, Any], str | None]],
    stored: list[Mark],
    department: str | None,
) -> None:
    """One line per stored mark; for a digest's number first which call it meant, so a slip
    is seen at once."""
    scope = f"för {department}" if department else "för alla förvaltningar"
    for (ident, row, shown_in), saved in zip(chosen, stored, strict=True):
        if shown_in is not None:
            click.echo(f"nr {_digest_number(ident)} i veckobrevet {shown_in}: {row['title']}")
        click.echo(
            f"{shown_id(row)}: {MARK_SV[saved.mark]} {scope} "
            f"({saved.marked_by}, {local_time(saved.marked_at)})"
        )


@click.command(name="mark")
@click.argument("idents", metavar="ID...", nargs=-1, required=True)
@click.option(
    "--as",
    "mark",
    required=True,
    type=SwedishChoice(MARK_WORDS),
    help="Beslutet (de engelska orden går också: " + "|".join(MARKS) + ").",
)
@click.option(
    "--department",
    metavar="ID",
    help="Bara för denna förvaltning (standard: för alla förvaltningar).",
)
@click.option(
    "--week",
    type=WEEK,
    help="Med ett nummer som ID: veckobrevet den veckan (standard: förvaltningens senaste).",
)
@click.option("--reason", metavar="TEXT", help="Varför: visas i `eufunds show` och i rapporten.")
@click.option("--by", "marked_by", metavar="NAMN", help="Vem som beslutar (standard: $USER).")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Skriv den sparade markeringen som JSON (en lista för flera ID).",
)
def mark(
    idents: tuple[str, ...],
    mark: str,
    department: str | None,
    week: str | None,
    reason: str | None,
    marked_by: str | None,
    as_json: bool,
) -> None:
    """Markera utlysningen ID (eller flera: ID ID …): intressant, inte-relevant, söker,
    ansökt, beviljad eller avslag.

    Varje markering sparas med vem som gjorde den och när; den senaste gäller. inte-relevant
    tar bort utlysningen ur förvaltningens veckobrev och listor (utan --department: ur
    alla förvaltningars).

    Svarar en förvaltning på veckobrevet med numren ("2 är intressant"), går numret som ID
    tillsammans med --department: utlysningen som förvaltningens senaste veckobrev gav nr 2
    (--week för ett äldre; numren går vidare från Nya utlysningar till Bevaka och Stänger
    inom 30 dagar). Flera nummer eller id ("2, 5 och 7 är intressanta": mark 2 5 7) får
    samma markering; är något av dem fel markeras inget.
    """
    db = open_db()
    department = check_department(db, department)
    if reason is not None and not reason.strip():
        raise click.BadParameter(
            "motiveringen är tom; skriv en eller utelämna --reason", None, param_hint="'--reason'"
        )
    chosen = _marked_calls(db, idents, department, week)
    who, when = (marked_by or "").strip() or current_user(), utc_now()
    with db.atomic():
        stored = [
            add_mark(
                db,
                row["id"],
                mark,
                marked_by=who,
                marked_at=when,
                department=department,
                reason=reason.strip() if reason else None,
            )
            for _, row, _ in chosen.values()
        ]
    if as_json:
        print_json(asdict(stored[0]) if len(stored) == 1 else [asdict(s) for s in stored])
        return
    _say_marked(list(chosen.values()), stored, department)
    if mark == "not-relevant":
        info(
            ("Utlysningen syns" if len(stored) == 1 else "Utlysningarna syns")
            + " inte längre i veckobreven och listorna för "
            + (department if department else "någon förvaltning")
            + "."
        )


def _deadline_row(call: Any, day: str, today: date) -> dict[str, Any]:
    """One line of `deadlines`: a call and one of its deadlines."""
    return {
        "deadline": day,
        "days_left": (date.fromisoformat(day) - today).days,
        "id": call.id,
        "short_id": call.short_id or call.id,
        "title": call.title,
        "programme": call.programme,
        "priorities": call.priorities,
        "departments": call.departments,
        "mark": call.mark,
        "mark_sv": MARK_SV.get(call.mark or "", call.mark),
        "preliminary": call.preliminary,
        "preliminary_sv": "ja" if call.preliminary else "",
        "url": call.url,
    }


@click.command(name="deadlines")
@whole_number_option("--days", 0, 3650, 60, "DAGAR", "Hur många dagar framåt.")
@click.option("--department", metavar="ID", help="Bara utlysningar till denna förvaltning.")
@click.option("--today", type=DATE, help="Räkna från detta datum (standard: i dag).")
@output_options
def deadlines(
    days: int, department: str | None, today: date | None, as_json: bool, as_csv: bool
) -> None:
    """Kommande deadlines för matchade utlysningar, närmast först: en rad per deadline.

    Matchad betyder minst en matchning mot en prioritering eller ett nämndmål som går till
    veckobreven; utlysningar markerade inte-relevant för förvaltningen är borttagna.
    """
    today = today or settings.today()
    db = open_db()
    department = check_department(db, department)
    until = today + timedelta(days=days)
    calls = select_calls(
        db,
        CallFilter(
            matched=True, department=department, deadline_after=today, deadline_before=until
        ),
        today,
    )
    rows = [
        _deadline_row(call, day, today)
        for call in calls
        for day in call.deadlines
        if today.isoformat() <= day <= until.isoformat()
    ]
    rows.sort(key=lambda r: (r["deadline"], r["id"]))
    if not rows and not as_json and not as_csv:
        # The sentence says it; an empty table under it would only repeat it as a frame.
        info(f"inga deadlines för matchade utlysningar mellan {today} och {until}")
        return
    emit(
        rows,
        [
            ("deadline", "Deadline"),
            ("days_left", "Dagar"),
            ("preliminary_sv", "Prel."),
            ("title", "Utlysning"),
            ("programme", "Program"),
            ("priorities", "Prioriteringar"),
            ("departments", "Förvaltningar"),
            ("mark_sv", "Markering"),
            ("short_id", "Id"),
        ],
        as_json=as_json,
        as_csv=as_csv,
        title=f"Deadlines {today} – {until}" + (f" för {department}" if department else ""),
    )


COMMANDS = [mark, deadlines]
