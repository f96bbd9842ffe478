"""``eufunds report``: per priority, what the quarter brought (for the politicians)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import click

from app import settings
from app.choices import known_priorities
from app.listing import emit, output_options
from app.output import info
from db import open_db
from db.coverage import coverage

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[QqKk]([1-4])\s*$")  # 2026Q4, 2026-K4


class QuarterParam(click.ParamType):
    """A calendar quarter written 2026Q4 (or 2026-Q4, 2026K4); a clear usage error otherwise."""

    name = "kvartal"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[date, date]:
        if isinstance(value, tuple):
            return value
        found = _QUARTER.match(str(value))
        if not found:
            self.fail(f"{value!r} är inget kvartal; skriv det som ÅÅÅÅKn, t.ex. 2026Q4", param, ctx)
        year = int(found.group(1))
        if not settings.FIRST_YEAR <= year <= settings.LAST_YEAR:
            self.fail(
                f"{value!r} ligger utanför {settings.FIRST_YEAR}Q1 … {settings.LAST_YEAR}Q4; "
                "ange ett kvartal däremellan",
                param,
                ctx,
            )
        return quarter_bounds(year, int(found.group(2)))


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a calendar quarter."""
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)


def quarter_name(first: date) -> str:
    """2026Q4 for a quarter starting 2026-10-01."""
    return f"{first.year}Q{(first.month - 1) // 3 + 1}"


COLUMNS = [
    ("priority", "Prioritering"),
    ("title", "Titel"),
    ("matched_open", "Matchade öppna"),
    ("interested", "Intressanta"),
    ("applying", "Söker"),
    ("applied", "Sökta"),
    ("granted", "Beviljade"),
    ("rejected", "Avslag"),
]


@click.command(name="report")
@click.option(
    "--quarter",
    type=QuarterParam(),
    metavar="ÅÅÅÅKn",
    help="Kvartalet, t.ex. 2026Q4 (standard: innevarande).",
)
@output_options
def report(quarter: tuple[date, date] | None, as_json: bool, as_csv: bool) -> None:
    """Per prioritering: matchade utlysningar som var öppna under kvartalet, och
    utlysningar markerade intressant, söker, ansökt, beviljad eller avslag under det; sedan
    prioriteringarna utan matchande utlysningar.

    Bara utlysningar som man vet var öppna räknas (en deadline under eller efter kvartalet,
    eller öppen enligt källan); utlysningar med okänd status räknas inte.
    """
    if quarter is None:
        today = settings.today()
        quarter = quarter_bounds(today.year, (today.month - 1) // 3 + 1)
    start, end = quarter
    db = open_db()
    titles = known_priorities(db)
    rows = coverage(db, list(titles), start, end)
    records = [
        {
            "priority": r.priority_id,
            "title": titles.get(r.priority_id, ""),
            "matched_open": r.matched_open,
            **r.marks,
        }
        for r in rows
    ]
    name = quarter_name(start)
    empty = [r.priority_id for r in rows if not r.matched_open]
    if as_json:
        emit(
            records,
            COLUMNS,
            as_json=True,
            as_csv=False,
            json_data={
                "quarter": name,
                "from": start.isoformat(),
                "to": end.isoformat(),
                "priorities": records,
                "without_matches": empty,
            },
        )
        return
    emit(records, COLUMNS, as_json=False, as_csv=as_csv, title=f"Rapport {name} ({start} – {end})")
    if as_csv:
        return
    if not records:
        info("inga prioriteringar och inga matchningar än: kör eufunds match först")
    if empty:
        click.echo(
            "Prioriteringar utan matchande öppna utlysningar: "
            + ", ".join(
                f"{pid} ({titles[pid]})" if titles.get(pid) and titles[pid] != pid else pid
                for pid in empty
            )
        )


COMMANDS = [report]
