"""Options and output shared by the coordinator's listing commands (search, deadlines, export,
report): the call filters, ``--json`` / ``--csv``, and looking up a call id."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import click
import sqlite_utils

from app.choices import check_department, check_priority
from app.formats import csv_text
from app.output import print_json, print_table
from app.params import DATE
from db.calls import get_call
from db.selection import CallFilter
from db.status import STATUSES


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the call filters: --programme, --status, --deadline-after/--before, --priority,
    --department, --eligible."""
    options = [
        click.option(
            "--programme",
            "programmes",
            multiple=True,
            metavar="NAME",
            help="Only this programme (part of its name, any case; repeat for several).",
        ),
        click.option(
            "--status",
            "statuses",
            multiple=True,
            type=click.Choice(STATUSES),
            help="Only calls with this status today, derived from their dates (repeatable).",
        ),
        click.option("--deadline-after", type=DATE, help="Some deadline on or after this date."),
        click.option("--deadline-before", type=DATE, help="Some deadline on or before this date."),
        click.option("--priority", metavar="ID", help="Only calls matching this priority."),
        click.option(
            "--department",
            metavar="ID",
            help="Only calls routed to this department and not marked not-relevant for it.",
        ),
        click.option(
            "--eligible",
            is_flag=True,
            help="Only calls that passed the eligibility checks for some matched priority.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_filter(db: sqlite_utils.Database, **kw: Any) -> CallFilter:
    """A :class:`CallFilter` from the filter options, with department and priority checked."""
    after, before = kw.get("deadline_after"), kw.get("deadline_before")
    if after and before and after > before:
        raise click.BadParameter(
            f"--deadline-after {after} is later than --deadline-before {before}; swap them",
            param_hint="'--deadline-after'",
        )
    return CallFilter(
        programmes=tuple(kw.get("programmes") or ()),
        statuses=tuple(kw.get("statuses") or ()),
        deadline_after=after,
        deadline_before=before,
        priority=check_priority(db, kw.get("priority")),
        department=check_department(db, kw.get("department")),
        eligible=bool(kw.get("eligible")),
    )


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add --json and --csv (a readable table is the default)."""
    func = click.option("--csv", "as_csv", is_flag=True, help="Print CSV (for Excel).")(func)
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(func)


def emit(
    records: list[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    as_json: bool,
    as_csv: bool,
    title: str | None = None,
    json_data: Any = None,
) -> None:
    """Print records as JSON, CSV or a table; ``columns`` are (key, heading) pairs."""
    if as_json:
        print_json(records if json_data is None else json_data)
        return
    rows = [[_plain(r.get(key)) for key, _ in columns] for r in records]
    if as_csv:
        write_bytes(csv_text([h for _, h in columns], rows).encode("utf-8"))
        return
    print_table(title, [h for _, h in columns], rows)


def write_bytes(data: bytes) -> None:
    """Write encoded data to stdout as is (the BOM and CRLFs of CSV and iCalendar survive)."""
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (an embedding application): decode once more
        sys.stdout.write(data.decode("utf-8"))
        return
    stream.write(data)
    stream.flush()


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def resolve_call(db: sqlite_utils.Database, ident: str) -> dict[str, Any]:
    """The call row for an id given on the command line; a usage error (exit 2) if unknown."""
    row = get_call(db, ident.strip())
    if row is None:
        raise click.BadParameter(
            f"no call with id {ident!r}; use the id `eufunds search` or `eufunds deadlines` "
            "prints (source:id, or the source's own id when it is unique)",
            param_hint="'ID'",
        )
    return row


def days_left(deadline: str | None, today: date) -> int | None:
    """Days from ``today`` to ``deadline`` (negative when past)."""
    return (date.fromisoformat(deadline) - today).days if deadline else None
