"""``eufunds export``: calls as CSV (Excel), JSON, or an iCalendar file of deadlines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from app import settings
from app.choices import known_departments
from app.formats import DeadlineEvent, csv_text, ics_text
from app.listing import build_filter, filter_options, write_bytes
from app.output import info
from app.params import DATE
from db import open_db
from db.calls import updated_stamps, utc_now
from db.selection import CallSummary, select_calls

CSV_COLUMNS = [
    ("id", "Id"),
    ("title", "Utlysning"),
    ("programme", "Program"),
    ("status", "Status"),
    ("opening_date", "Öppnar"),
    ("deadline", "Nästa deadline"),
    ("days_left", "Dagar kvar"),
    ("deadlines", "Alla deadlines"),
    ("priorities", "Prioriteringar"),
    ("departments", "Förvaltningar"),
    ("eligibility", "Behörighet"),
    ("mark", "Markering"),
    ("url", "Länk"),
]


def _events(
    calls: list[CallSummary], stamps: dict[str, str], first: date, last: date | None
) -> list[DeadlineEvent]:
    events = []
    low, high = first.isoformat(), last.isoformat() if last else "9999-12-31"
    for call in calls:
        for day in call.deadlines:
            if not low <= day <= high:
                continue
            lines = [f"Program: {call.programme or '-'}"]
            if call.priorities:
                lines.append(f"Prioriteringar: {', '.join(call.priorities)}")
            if call.url:
                lines.append(call.url)
            lines.append(f"eufunds show {call.id}")
            events.append(
                DeadlineEvent(
                    call_id=call.id,
                    day=day,
                    title=call.title,
                    description="\n".join(lines),
                    url=call.url,
                    stamp=stamps.get(call.id) or utc_now(),
                )
            )
    events.sort(key=lambda e: (e.day, e.call_id))
    return events


@click.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "ics"]),
    required=True,
    help="csv opens in Excel; ics is a calendar of deadlines for Outlook.",
)
@filter_options
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of stdout.",
)
@click.option("--today", type=DATE, help="Date the status is derived for (default today).")
def export(fmt: str, output: Path | None, today: date | None, **filters: Any) -> None:
    """Export calls: every call, or those the filters keep (--department: the calls routed to
    that department, without those marked not-relevant for it).

    CSV is UTF-8 with a byte order mark so that Excel keeps å, ä and ö. The iCalendar file has
    one all-day event per deadline (from today on unless --deadline-after says otherwise),
    with a reminder a week before and stable UIDs, so a department can subscribe to it.
    """
    today = today or settings.today()
    db = open_db()
    flt = build_filter(db, **filters)
    calls = select_calls(db, flt, today)
    if fmt == "csv":
        rows = [[c.as_dict()[key] for key, _ in CSV_COLUMNS] for c in calls]
        data = csv_text([h for _, h in CSV_COLUMNS], rows).encode("utf-8")
        count = f"{len(calls)} calls"
    elif fmt == "json":
        data = (
            json.dumps([c.as_dict() for c in calls], ensure_ascii=False, indent=2) + "\n"
        ).encode("utf-8")
        count = f"{len(calls)} calls"
    else:
        stamps = updated_stamps(db, [c.id for c in calls])
        events = _events(calls, stamps, flt.deadline_after or today, flt.deadline_before)
        name = "EU-utlysningar"
        if flt.department:
            name += f" – {known_departments(db).get(flt.department, flt.department)}"
        data = ics_text(events, name).encode("utf-8")
        count = f"{len(events)} deadlines of {len(calls)} calls"
    if output is None:
        write_bytes(data)
    else:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror}") from exc
        info(f"wrote {output}: {count}")


COMMANDS = [export]
