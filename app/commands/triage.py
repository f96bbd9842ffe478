"""``eufunds mark`` (triage a call) and ``eufunds deadlines`` (what is due soon)."""

from __future__ import annotations

import getpass
import os
from dataclasses import asdict
from datetime import date, timedelta

import click

from app import settings
from app.choices import check_department
from app.listing import emit, output_options, resolve_call
from app.output import info, print_json
from app.params import DATE
from db import open_db
from db.calls import utc_now
from db.marks import add_mark
from db.records import MARKS
from db.selection import CallFilter, select_calls


def _current_user() -> str:
    # $USER first: it is what the coordinator sees in the shell; getpass covers cron and sudo.
    user = os.environ.get("USER") or os.environ.get("USERNAME")
    if user:
        return user
    try:
        return getpass.getuser()
    except Exception:  # no user name in a minimal container
        return "unknown"


@click.command(name="mark")
@click.argument("ident", metavar="ID")
@click.option("--as", "mark", required=True, type=click.Choice(MARKS), help="The triage decision.")
@click.option(
    "--department",
    metavar="ID",
    help="Only for this department (default: for every department).",
)
@click.option("--reason", metavar="TEXT", help="Why: shown in `eufunds show` and the report.")
@click.option("--by", "marked_by", metavar="NAME", help="Who decides (default: $USER).")
@click.option("--json", "as_json", is_flag=True, help="Print the stored mark as JSON.")
def mark(
    ident: str,
    mark: str,
    department: str | None,
    reason: str | None,
    marked_by: str | None,
    as_json: bool,
) -> None:
    """Mark the call ID as interested, not-relevant, applying, applied, granted or rejected.

    Every mark is kept with who made it and when; the latest one counts. not-relevant takes
    the call out of the department's digests and lists (all departments' without
    --department).
    """
    db = open_db()
    row = resolve_call(db, ident)
    department = check_department(db, department)
    if reason is not None and not reason.strip():
        raise click.BadParameter(
            "the reason is empty; leave --reason out or write one", None, param_hint="'--reason'"
        )
    with db.atomic():
        stored = add_mark(
            db,
            row["id"],
            mark,
            marked_by=(marked_by or "").strip() or _current_user(),
            marked_at=utc_now(),
            department=department,
            reason=reason.strip() if reason else None,
        )
    if as_json:
        print_json(asdict(stored))
        return
    scope = f"för {department}" if department else "för alla förvaltningar"
    click.echo(f"{row['id']}: {mark} {scope} ({stored.marked_by}, {stored.marked_at})")
    if mark == "not-relevant":
        info(
            "The call no longer appears in the digests and lists of "
            + (department if department else "any department")
            + "."
        )


@click.command(name="deadlines")
@click.option(
    "--days",
    type=click.IntRange(0, 3650),
    default=60,
    show_default=True,
    help="How many days ahead to look.",
)
@click.option("--department", metavar="ID", help="Only calls routed to this department.")
@click.option("--today", type=DATE, help="Count from this date (default today).")
@output_options
def deadlines(
    days: int, department: str | None, today: date | None, as_json: bool, as_csv: bool
) -> None:
    """Upcoming deadlines of matched calls, soonest first: one row per deadline.

    Matched means at least one priority or board goal match that goes into the digests;
    calls marked not-relevant for the department are left out.
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
    rows = []
    for call in calls:
        for day in call.deadlines:
            if today.isoformat() <= day <= until.isoformat():
                rows.append(
                    {
                        "deadline": day,
                        "days_left": (date.fromisoformat(day) - today).days,
                        "id": call.id,
                        "title": call.title,
                        "programme": call.programme,
                        "priorities": call.priorities,
                        "departments": call.departments,
                        "mark": call.mark,
                        "url": call.url,
                    }
                )
    rows.sort(key=lambda r: (r["deadline"], r["id"]))
    if not rows and not as_json and not as_csv:
        info(f"no deadlines of matched calls between {today} and {until}")
    emit(
        rows,
        [
            ("deadline", "Deadline"),
            ("days_left", "Dagar"),
            ("title", "Utlysning"),
            ("programme", "Program"),
            ("priorities", "Prioriteringar"),
            ("departments", "Förvaltningar"),
            ("mark", "Markering"),
            ("id", "Id"),
        ],
        as_json=as_json,
        as_csv=as_csv,
        title=f"Deadlines {today} – {until}" + (f" för {department}" if department else ""),
    )


COMMANDS = [mark, deadlines]
