"""Output helpers: data on stdout (JSON or a table), messages on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table

err_console = Console(stderr=True)


def print_json(data: Any) -> None:
    """Write ``data`` as pretty JSON to stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# Columns whose values are copied into the next command: never wrapped or cut.
WHOLE_COLUMNS = ("Id", "Utlysning-id", "Meddelande")


def print_table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write a readable table to stdout (plain when stdout is not a terminal). An id column
    (:data:`WHOLE_COLUMNS`) is never cut: other columns wrap first."""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    table = Table(title=title, show_lines=False)
    for i, column in enumerate(columns):
        if column in WHOLE_COLUMNS:
            widest = max([len(column), *(len(r[i]) for r in cells)])
            table.add_column(column, no_wrap=True, min_width=widest)
        else:
            table.add_column(column)
    for row in cells:
        table.add_row(*row)
    Console(file=sys.stdout, width=None if sys.stdout.isatty() else 120).print(table)


def info(message: str) -> None:
    """A progress or log line on stderr (never wrapped: lines carry file:line references),
    through the logger configured once (:mod:`app.logs`)."""
    from app.logs import configure, log

    if not log.handlers:
        configure()
    log.info(message)
