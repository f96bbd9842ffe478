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
from db.language import ELIGIBILITY_SV, MARK_SV, STATUS_SV
from db.selection import CallSummary, select_calls
from db.status import PRELIMINARY

CSV_COLUMNS = [
    ("short_id", "Id"),
    ("title", "Utlysning"),
    ("programme", "Program"),
    ("status", "Status"),
    ("opening_date", "Öppnar"),
    ("deadline", "Nästa deadline"),
    ("days_left", "Dagar kvar"),
    ("deadlines", "Alla deadlines"),
    ("preliminary", "Preliminära datum"),
    ("priorities", "Prioriteringar"),
    ("departments", "Förvaltningar"),
    ("eligibility", "Villkor"),
    ("mark", "Markering"),
    ("url", "Länk"),
    ("id", "Nyckel"),
]
# The stored values in the words a Swedish reader uses (CSV is read by people, in Excel).
SWEDISH_VALUES = {"status": STATUS_SV, "eligibility": ELIGIBILITY_SV, "mark": MARK_SV}


def csv_row(call: CallSummary) -> list[Any]:
    """One call as a CSV row: the columns of :data:`CSV_COLUMNS`, values in Swedish."""
    data = call.as_dict()
    for key, words in SWEDISH_VALUES.items():
        data[key] = words.get(data[key] or "", data[key])
    data["preliminary"] = "ja" if call.preliminary else ""
    return [data[key] for key, _ in CSV_COLUMNS]


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
            if call.preliminary:
                lines.append("Datumet är preliminärt: källan listar utlysningen som planerad.")
            if call.priorities:
                lines.append(f"Prioriteringar: {', '.join(call.priorities)}")
            if call.url:
                lines.append(call.url)
            lines.append(f"eufunds show {call.short_id or call.id}")
            events.append(
                DeadlineEvent(
                    call_id=call.id,
                    day=day,
                    title=f"{call.title} ({PRELIMINARY})" if call.preliminary else call.title,
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
    help="csv öppnas i Excel; ics är en kalender med deadlines för Outlook.",
)
@filter_options
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Skriv till denna fil i stället för till stdout.",
)
@click.option("--today", type=DATE, help="Dagen statusen gäller (standard: i dag).")
def export(fmt: str, output: Path | None, today: date | None, **filters: Any) -> None:
    """Exportera utlysningar: alla, eller de som filtren behåller (--department: de som går
    till förvaltningen, utom de den markerat inte-relevant).

    CSV öppnas i svensk Excel med ett dubbelklick: semikolon mellan fälten, UTF-8 med
    byte order mark (å, ä och ö behålls) och värden på svenska. iCalendar-filen har en
    heldagshändelse per deadline (från i dag om inte --deadline-after säger annat) med en
    påminnelse en vecka före och stabila UID, så att en förvaltning kan prenumerera på den i
    Outlook. Utlysningar utan deadline kommer inte med i kalendern; det sägs med en varning.
    """
    today = today or settings.today()
    db = open_db()
    flt = build_filter(db, **filters)
    calls = select_calls(db, flt, today)
    if fmt == "csv":
        rows = [csv_row(c) for c in calls]
        data = csv_text([h for _, h in CSV_COLUMNS], rows).encode("utf-8")
        count = f"{len(calls)} utlysningar"
    elif fmt == "json":
        data = (
            json.dumps([c.as_dict() for c in calls], ensure_ascii=False, indent=2) + "\n"
        ).encode("utf-8")
        count = f"{len(calls)} utlysningar"
    else:
        stamps = updated_stamps(db, [c.id for c in calls])
        events = _events(calls, stamps, flt.deadline_after or today, flt.deadline_before)
        name = "EU-utlysningar"
        if flt.department:
            name += f" – {known_departments(db).get(flt.department, flt.department)}"
        data = ics_text(events, name).encode("utf-8")
        count = f"{len(events)} deadlines från {len(calls)} utlysningar"
        undated = len(calls) - len({e.call_id for e in events})
        if undated:
            info(
                f"varning: {undated} av {len(calls)} utlysningar har ingen deadline "
                f"{'från' if flt.deadline_before is None else 'mellan'} "
                f"{(flt.deadline_after or today).isoformat()}"
                + (f" och {flt.deadline_before.isoformat()}" if flt.deadline_before else "")
                + " och finns inte i kalendern; `eufunds export --format csv` listar dem"
            )
    if output is None:
        write_bytes(data)
    else:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise click.ClickException(f"kan inte skriva {output}: {exc.strerror}") from exc
        info(f"skrev {output}: {count}")


COMMANDS = [export]
